"""Mask the sensitive values that earlier rows keep in clear, and chain the rows again
(the hashes cover the values). The append-only triggers are lifted and restored
around the rewrite inside this migration's transaction. Backwards it changes
nothing: a mask cannot be turned back into the value.
"""

from django.db import migrations

from ketnap.audit import chain, triggers
from ketnap.audit.masking import mask_sensitive


def _masked(row):
    row.before = mask_sensitive(row.object_type, row.before)
    row.after = mask_sensitive(row.object_type, row.after)
    return {"before": row.before, "after": row.after}


def forwards(apps, schema_editor):
    triggers.lift(apps, schema_editor)
    chain.rebuild(apps.get_model("audit", "AuditEntry"), _masked)
    triggers.restore(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_existing_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
