"""Comparing the aggregates with the raw recomputation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ketnap.aggregates.models import MemberDelta
from ketnap.organizations.models import Organization
from ketnap.reports.selectors import member_figures, member_figures_raw


def differences(org: Organization, days: Iterable[dt.date]) -> list[tuple[str, dt.date, str, int, int]]:
    """(organization, date, figure, aggregate, raw) wherever the two disagree."""
    found = []
    for day in days:
        fast, raw = member_figures(org, day), member_figures_raw(org, day)
        found += [(org.code, day, key, fast[key], raw[key]) for key in raw if fast.get(key) != raw[key]]
    return found


def buckets() -> dict[tuple[int, str, int, dt.date], int]:
    """The aggregate rows that count (a change undone leaves a zero row behind)."""
    rows = MemberDelta.objects.exclude(delta=0).values_list("organization_id", "key", "span", "start", "delta")
    return {(org, key, span, start): delta for org, key, span, start, delta in rows}


def days(first: dt.date, last: dt.date, step: int = 1) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]
