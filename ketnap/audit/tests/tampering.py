"""What an attacker with the database in hand does to the audit log, for the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from ketnap.audit import chain, triggers
from ketnap.audit.models import AuditEntry


class Editor:
    """Enough of a schema editor for ``triggers``, inside the test's transaction."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


@contextmanager
def triggers_dropped() -> Iterator[None]:
    triggers.lift(None, Editor())
    try:
        yield
    finally:
        triggers.restore(None, Editor())


CONTENT = [*chain.CONTENT_FIELDS, "prev_hash", "hash"]


def content(pk: int) -> dict[str, Any]:
    return AuditEntry.objects.filter(pk=pk).values(*CONTENT).get()


def write(n: int) -> list[int]:
    """``n`` rows written the ordinary way; their ids."""
    return [
        AuditEntry.objects.create(action=f"a{i}", object_type="t", object_id=str(i), object_repr="r").pk
        for i in range(n)
    ]


def insert_raw(*, after: int | None, at: dt.datetime | None = None, pk: int | None = None) -> AuditEntry:
    """Insert a row past the model's chaining, hashed to follow row ``after``."""
    prev = AuditEntry.objects.get(pk=after) if after else None
    entry = AuditEntry(id=pk, action="forged", object_type="t", object_id="x", object_repr="forged")
    entry.at = at or (prev.at if prev else dt.datetime.now(dt.UTC))
    entry.prev_hash = prev.hash if prev else chain.GENESIS
    entry.hash = chain.row_hash(entry, entry.prev_hash)
    entry.save_base(raw=True)
    return entry


def rechain() -> None:
    """Recompute every hash, as an attacker who knows the algorithm would."""
    with triggers_dropped():
        chain.rebuild(AuditEntry)
