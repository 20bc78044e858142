"""Which database a read goes to: the primary, or the streaming replica for reports.

With ``DATABASE_REPLICA_URL`` set, settings add the alias ``replica`` and install
``PrimaryReplicaRouter``. Reads go to the replica only inside ``reading_from_replica()``
(a context manager and a decorator, put on the report selectors), and even there not
inside a transaction on the primary: work that must see its own writes runs in one.
Everything else — every write, every read outside the block — goes to the primary.
Raw SQL asks ``read_connection()`` for the same decision.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

REPLICA = "replica"

_replica_wanted: contextvars.ContextVar[bool] = contextvars.ContextVar("ketnap_read_replica", default=False)


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Send the reads made inside (outside a transaction) to the replica, when there is one."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def read_alias() -> str:
    """The alias the next read goes to."""
    if not _replica_wanted.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


def read_connection() -> BaseDatabaseWrapper:
    """The connection for a raw read, chosen like the router's."""
    return connections[read_alias()]


class PrimaryReplicaRouter:
    """Writes and migrations on the primary; reads where ``read_alias()`` says."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both aliases hold the same data: an object read from the replica may be
        # assigned to one saved on the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
