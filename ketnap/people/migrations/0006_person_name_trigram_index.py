"""On PostgreSQL, a trigram index on people's folded names, so a search for part of a
name ("van an") reads the matching rows instead of filtering the whole table. It needs
the pg_trgm extension: created here when the migrating role may (a superuser, or the
database owner since PostgreSQL 13, pg_trgm being a trusted extension). Built
concurrently, so a live server keeps writing. Other databases need nothing."""

from django.db import migrations

INDEX = "person_search_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON people_person USING gin (search_name gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("people", "0005_person_duplicate_lookup_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
