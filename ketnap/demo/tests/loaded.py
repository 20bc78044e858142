"""The demo loaded once for a test module, and rolled back after it.

The demo is built through the admission services, which write the append-only audit
log: deleting the demo afterwards would leave those entries behind for the modules
that follow. Loading it in a transaction that is rolled back leaves nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction


@contextmanager
def loaded_demo(django_db_blocker: Any, *args: str) -> Iterator[str]:
    """Load the demo (``ketnap demo *args``) and yield its output; every test of the
    module runs in a savepoint inside this transaction."""
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", *args, stdout=out)
        _analyze()
        yield out.getvalue()
        transaction.set_rollback(True)


def _analyze() -> None:
    """Planner statistics for the rows just loaded: autovacuum never sees rows of a
    transaction that is still open, and without statistics PostgreSQL plans the reports
    as if the tables were empty (minutes a query instead of milliseconds)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
