"""Chain the rows written before the chain existed, in id order from the genesis.

Rows are rewritten, so the append-only triggers are lifted and restored around the
rewrite inside this migration's transaction. Backwards nothing is needed: reversing
0003 drops the chain columns.
"""

from django.db import migrations

from ketnap.audit import chain, triggers


def forwards(apps, schema_editor):
    triggers.lift(apps, schema_editor)
    chain.rebuild(apps.get_model("audit", "AuditEntry"))
    triggers.restore(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
