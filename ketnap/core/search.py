"""Searches for part of a text over large tables, read through their matches."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Q, QuerySet, Subquery

M = TypeVar("M", bound=Model)

# A search matching at most this many rows is answered from its matches (read through a
# trigram index on PostgreSQL), then put in the list's order.
MATCHES_FIRST = 2000


def matches_first(queryset: QuerySet[M], match: Q) -> QuerySet[M]:
    """``queryset`` narrowed to ``match``, the same rows either way. When few rows match,
    they are selected first (one small probe), so the list's order is not walked across
    the whole table to fill a page; when many do, a page fills quickly in that order and
    the query is left so."""
    matching = queryset.filter(match)
    first = matching.order_by().values("pk")[: MATCHES_FIRST + 1]
    if first.count() > MATCHES_FIRST:
        return matching
    return matching.filter(pk__in=Subquery(first))
