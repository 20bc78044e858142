"""The demo's aggregates: the provinces are written in bulk, so they are rebuilt from
the raw tables at the end of a load, unless they already agree with them."""

from __future__ import annotations

from typing import Any

from ketnap.aggregates.checks import check, default_dates
from ketnap.aggregates.services import rebuild
from ketnap.core import policy
from ketnap.organizations.models import Organization


def build(writer: Any) -> None:
    roots = list(Organization.objects.filter(depth=1))
    dates = default_dates(policy.today(), years=5)
    if any(check([root], [day]) for root in roots for day in dates):
        rebuild()
