"""Database triggers that refuse UPDATE and DELETE on the audit log.

The model refuses them too, but a trigger also stops raw SQL and bulk queryset
calls, so an audit row cannot be changed by any path through the application.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry "
        "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;",
        "DROP TRIGGER IF EXISTS audit_no_update;",
    ),
    (
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditentry "
        "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;",
        "DROP TRIGGER IF EXISTS audit_no_delete;",
    ),
]

POSTGRESQL = [
    (
        "CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$;",
        "DROP FUNCTION IF EXISTS audit_refuse_change();",
    ),
    (
        "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();",
        "DROP TRIGGER IF EXISTS audit_no_change ON audit_auditentry;",
    ),
]


def _run(apps, schema_editor, forward: bool) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, [])
    pairs = statements if forward else list(reversed(statements))
    for create, drop in pairs:
        schema_editor.execute(create if forward else drop)


def forwards(apps, schema_editor):
    _run(apps, schema_editor, True)


def backwards(apps, schema_editor):
    _run(apps, schema_editor, False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
