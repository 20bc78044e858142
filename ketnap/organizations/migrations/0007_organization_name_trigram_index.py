"""On PostgreSQL, trigram indexes on organizations' folded names and on their codes as
the case-insensitive search compares them, so a search for part of a name or code reads
the matching rows instead of filtering the whole table. The pg_trgm extension is created
here when the migrating role may (see the people migration of the same purpose); built
concurrently. Other databases need nothing."""

from django.db import migrations

INDEXES = {
    "organization_search_name_trgm": "search_name gin_trgm_ops",
    "organization_code_upper_trgm": "(UPPER(code::text)) gin_trgm_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON organizations_organization USING gin ({column})"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("organizations", "0006_organization_depth_path_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
