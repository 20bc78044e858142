"""Searches for part of a text over large tables, read through their matches."""

from __future__ import annotations

from typing import TypeVar

from django.db import connections
from django.db.models import Model, Q, QuerySet, Subquery

M = TypeVar("M", bound=Model)

# A search matching at most this many rows, or at most one row in MATCHES_FIRST_SHARE of
# the table (the planner's estimate of its size, on PostgreSQL), is answered from its
# matches (read through a trigram index), then put in the list's order. A name search
# matches a few thousandths of the people, and its matches sit together in the name
# order (the given name leads it), so walking that order to fill a page would read
# most of the table: at 574,000 people "văn vinh" took 1.7 s walked, 68 ms matched first.
MATCHES_FIRST = 2000
MATCHES_FIRST_SHARE = 20


def matches_first(queryset: QuerySet[M], match: Q) -> QuerySet[M]:
    """``queryset`` narrowed to ``match``, the same rows either way. When few rows match,
    they are selected first (one small probe), so the list's order is not walked across
    the whole table to fill a page; when many do, a page fills quickly in that order and
    the query is left so."""
    matching = queryset.filter(match)
    cap = max(MATCHES_FIRST, estimated_rows(queryset) // MATCHES_FIRST_SHARE)
    first = matching.order_by().values("pk")[: cap + 1]
    if first.count() > cap:
        return matching
    return matching.filter(pk__in=Subquery(first))


def estimated_rows(queryset: QuerySet[M]) -> int:
    """The planner's estimate of the table's rows (0 where there is none, as on SQLite)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table])
        row = cursor.fetchone()
    return max(int(row[0]), 0) if row else 0
