"""The demo's aggregates: the provinces are written in bulk, so they are rebuilt from
the raw tables at the end of a load, unless they already agree with them."""

from __future__ import annotations

from typing import Any

from django.db import connection

from ketnap.aggregates.checks import check, default_dates
from ketnap.aggregates.services import rebuild
from ketnap.core import policy
from ketnap.organizations.models import Organization


def build(writer: Any) -> None:
    _planner_statistics()
    roots = list(Organization.objects.filter(depth=1))
    dates = default_dates(policy.today(), years=5)
    if any(check([root], [day]) for root in roots for day in dates):
        rebuild()


def _planner_statistics() -> None:
    """On PostgreSQL, statistics of the rows just loaded (autovacuum never sees a load still in
    its transaction): without them the check and the rebuild join tables planned as empty."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
