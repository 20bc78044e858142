"""The hash chain that makes the audit log tamper-evident.

Each row stores the hash of the row before it (``prev_hash``; the first row chains
from ``GENESIS``) and its own ``hash``: SHA-256 over that previous hash and a
canonical serialization of the row's content. The chain runs in id order. Changing,
deleting, inserting or reordering a row breaks it at that row; rewriting the whole
chain, or cutting rows off its end, changes the head that a checkpoint kept outside
the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Callable
from typing import Any, Protocol

from django.db import connection
from django.utils import timezone

GENESIS = "0" * 64
VERSION = 1
# Any constant fits: it names the lock that serializes writers of the audit log.
ADVISORY_LOCK_KEY = 0x6B65_746E_6170  # "ketnap"

CONTENT_FIELDS = (
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "organization_path",
    "before",
    "after",
    "reason",
    "request_id",
    "address",
)


class Row(Protocol):
    at: dt.datetime
    prev_hash: str
    hash: str


def _address(value: str | None) -> str | None:
    # The database may normalize an address (IPv6 compression); hash the normal form.
    return str(ipaddress.ip_address(value)) if value else None


def _number(text: str) -> float | int:
    # PostgreSQL's jsonb keeps numbers as numeric: 1e16 comes back as an integer.
    number = float(text)
    return int(number) if number.is_integer() else number


def _json(value: Any) -> Any:
    # The value as it comes back from a JSON column: tuples become lists, keys strings.
    return json.loads(json.dumps(value), parse_float=_number) if value is not None else None


def canonical(row: Any) -> bytes:
    """The bytes of a row's content that its hash covers."""
    content = {name: getattr(row, name) for name in CONTENT_FIELDS}
    content["at"] = row.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    content["address"] = _address(row.address)
    content["before"], content["after"] = _json(row.before), _json(row.after)
    content["v"] = VERSION
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(row: Any, prev_hash: str) -> str:
    """The hash ``row`` must carry when it follows a row hashed ``prev_hash``."""
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(row)).hexdigest()


def lock() -> None:
    """Serialize writers until the transaction ends, so two cannot chain from one head.

    SQLite allows one writer at a time already; on PostgreSQL a transaction-level
    advisory lock is taken before the head is read and held until commit, so the
    next writer reads the head this one wrote.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def seal(row: Any, head: tuple[str, dt.datetime] | None) -> None:
    """Fill ``row``'s time and hashes to follow ``head`` (hash, time) or the genesis.

    The time never goes back along the chain, even when application servers' clocks
    disagree, so a row with an earlier time than the one before it was not written
    here.
    """
    now = timezone.now()
    prev_hash, prev_at = head if head else (GENESIS, now)
    row.at = max(now, prev_at)
    row.prev_hash = prev_hash
    row.hash = row_hash(row, prev_hash)


def rebuild(model: Any, change: Callable[[Any], dict[str, Any]] | None = None) -> None:
    """Chain every row of ``model`` again in id order, after ``change`` (which returns
    the fields it changed). For migrations only, with the append-only triggers lifted."""
    prev_hash = GENESIS
    for row in model.objects.order_by("pk").iterator(chunk_size=2000):
        fields = change(row) if change else {}
        row.prev_hash, row.hash = prev_hash, row_hash(row, prev_hash)
        model.objects.filter(pk=row.pk).update(prev_hash=row.prev_hash, hash=row.hash, **fields)
        prev_hash = row.hash
