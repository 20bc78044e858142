"""Reading through the router from a real PostgreSQL streaming replica: the marks, the
wait for the standby to replay the primary's writes, and the check that a selector read
everything from the replica and nothing from the primary.

The tests using it run only with a replica configured (``./dev test-replica`` starts a
primary and a hot standby and sets ``DATABASE_REPLICA_URL``); the test database is
created on the primary and reaches the standby by replication, so the alias mirrors it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

T = TypeVar("T")

REPLICA_ONLY = [
    pytest.mark.skipif("replica" not in settings.DATABASES, reason="no DATABASE_REPLICA_URL"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def scalar(alias: str, sql: str, params: list[str] | None = None) -> Any:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def wait_for_replay(timeout: float = 30) -> None:
    """Until the standby has replayed everything the primary has written so far.

    The insert position, not the write position: the throwaway servers run with
    ``synchronous_commit=off``, so the last commits may still sit in the WAL buffers
    (written within ``wal_writer_delay``) and the write position would stop short of them."""
    position = str(scalar("default", "SELECT pg_current_wal_insert_lsn()::text"))
    deadline = time.monotonic() + timeout
    while not scalar("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position]):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def read_from_replica(call: Callable[[], T]) -> T:
    """``call()``'s result, once it is shown to have read from the replica only."""
    wait_for_replay()
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        result = call()
    assert replica.captured_queries, "nothing was read from the replica"
    assert [query["sql"] for query in primary.captured_queries] == []
    return result
