"""Lift and restore the append-only triggers around a migration that must rewrite
or rebuild the audit table (SQLite rebuilds a table to add a column, which drops its
triggers). Used only by migrations and tests, always inside one transaction, so
the table is never left without them.
"""

from __future__ import annotations

from typing import Any

_SQLITE_CREATE = [
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;",
]
_SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_no_update;", "DROP TRIGGER IF EXISTS audit_no_delete;"]
# The trigger function itself (migration 0002) stays.
_POSTGRESQL_CREATE = [
    "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"
]
_POSTGRESQL_DROP = ["DROP TRIGGER IF EXISTS audit_no_change ON audit_auditentry;"]


def _execute(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def lift(apps: Any, schema_editor: Any) -> None:
    _execute(schema_editor, {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRESQL_DROP})


def restore(apps: Any, schema_editor: Any) -> None:
    lift(apps, schema_editor)  # idempotent: SQLite may or may not have dropped them
    _execute(schema_editor, {"sqlite": _SQLITE_CREATE, "postgresql": _POSTGRESQL_CREATE})
