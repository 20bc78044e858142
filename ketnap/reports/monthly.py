"""Admissions by month of a period, and the plan line when a plan exists."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ketnap.core.db import reading_from_replica
from ketnap.organizations.models import Organization
from ketnap.people.models import MembershipEvent
from ketnap.people.status import EventKind

# The planned admissions of each month (cumulative or not, as the plan keeps them),
# registered by the plans app; None when the organization has no plan for the period.
MonthlyPlan = Callable[[Organization, list[dt.date]], list[int | None] | None]
_monthly_plan: list[MonthlyPlan] = []


def register_monthly_plan(lookup: MonthlyPlan) -> None:
    _monthly_plan[:] = [lookup]


def plan_line(org: Organization, months: list[dt.date]) -> list[int | None] | None:
    """The plan of each month, or None without a plan."""
    return _monthly_plan[0](org, months) if _monthly_plan else None


@dataclass(frozen=True)
class Month:
    month: dt.date  # its first day
    admitted: int


def months_of(first: dt.date, last: dt.date) -> list[dt.date]:
    months, cursor = [], first.replace(day=1)
    while cursor <= last:
        months.append(cursor)
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return months


@reading_from_replica()
def admissions_by_month(org: Organization, first: dt.date, last: dt.date) -> list[Month]:
    """Admission decisions of the subtree in each month of [first, last], counted as
    the new-members report counts them."""
    dates = MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        organization__path__startswith=org.path,
        superseded_by__isnull=True,
    ).values_list("date", flat=True)
    counts = Counter(day.replace(day=1) for day in dates)
    return [Month(month, counts[month]) for month in months_of(first, last)]
