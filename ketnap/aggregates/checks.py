"""Checking the aggregates against the raw tables (``ketnap aggregates verify``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ketnap.organizations.models import Organization
from ketnap.reports.selectors import member_figures, member_figures_raw


@dataclass(frozen=True)
class Difference:
    organization: Organization
    as_of: dt.date
    figure: str
    aggregate: int
    raw: int


def differences(org: Organization, as_of: dt.date) -> list[Difference]:
    """Every figure of ``org`` on ``as_of`` where the aggregates and the raw tables disagree."""
    fast, raw = member_figures(org, as_of), member_figures_raw(org, as_of)
    return [
        Difference(org, as_of, key, fast.get(key, 0), value) for key, value in raw.items() if fast.get(key) != value
    ]


def default_dates(today: dt.date, years: int = 10) -> list[dt.date]:
    """Today and the first days of January and July of the last ``years`` years."""
    dates = {today}
    for year in range(today.year - years, today.year + 1):
        dates |= {dt.date(year, 1, 1), dt.date(year, 7, 1)}
    return sorted(day for day in dates if day <= today)


def check(orgs: Iterable[Organization], dates: Iterable[dt.date]) -> list[Difference]:
    dates = list(dates)
    return [found for org in orgs for day in dates for found in differences(org, day)]
