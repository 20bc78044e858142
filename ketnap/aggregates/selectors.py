"""Member figures of any subtree on any date, read from the aggregates.

The cost is the number of keys read (a few hundred) times the buckets per key (at most
the years of history + the days of the year up to the date; for a birth-day key, the
days its members joined or left), whatever the number of members.
"""

from __future__ import annotations

import datetime as dt

from ketnap.aggregates import keys as K
from ketnap.aggregates.models import MemberDelta, Span
from ketnap.core.db import read_connection
from ketnap.organizations.models import Organization
from ketnap.people.choices import Education, PoliticalTheory, Professional
from ketnap.people.status import MEMBER_STATUSES
from ketnap.reports.selectors import AGE_BANDS, years_before

_FIXED = [
    *(K.STATUS + status for status in MEMBER_STATUSES),
    K.WOMEN,
    K.MINORITY,
    K.RELIGIOUS,
    K.YOUTH,
    *(f"education:{value}" for value in Education.values),
    *(f"professional:{value}" for value in Professional.values),
    *(f"political_theory:{value}" for value in PoliticalTheory.values),
]


def age_boundaries(as_of: dt.date) -> dict[int, dt.date]:
    """Latest birth date of each age in years that bounds a band, on ``as_of``."""
    ages = {low for _key, low, _high in AGE_BANDS} | {high + 1 for _k, _l, high in AGE_BANDS if high is not None}
    return {age: years_before(as_of, age) for age in sorted(ages)}


def _sql(counts: int, day_only: int) -> str:
    """The years before the date's and the days of its year up to it for most keys;
    every day up to it for the birth-day keys (``keys.is_day_only``)."""
    table = MemberDelta._meta.db_table
    parts = [
        f'SELECT "key", delta FROM {table} WHERE organization_id = %s AND span = {int(span)}'
        f' AND "start" >= %s AND "start" {upper} %s AND "key" IN ({_marks(counts)})'
        for span, upper in ((Span.YEAR, "<"), (Span.DAY, "<="))
        if counts
    ]
    if day_only:
        parts.append(
            f'SELECT "key", delta FROM {table} WHERE organization_id = %s AND span = {int(Span.DAY)}'
            f' AND "start" <= %s AND "key" IN ({_marks(day_only)})'
        )
    return f'SELECT "key", SUM(delta) FROM ({" UNION ALL ".join(parts)}) buckets GROUP BY "key"'


def _marks(count: int) -> str:
    return ", ".join(["%s"] * count)


def key_counts(org: Organization, as_of: dt.date, keys: list[str]) -> dict[str, int]:
    """Members of ``org``'s subtree counted under each key on ``as_of``."""
    if not keys:
        return {}
    spanned = [key for key in keys if not K.is_day_only(key)]
    day_only = [key for key in keys if K.is_day_only(key)]
    year = as_of.replace(month=1, day=1)
    params: list[int | dt.date | str] = []
    for first, last in ((dt.date.min, year), (year, as_of)) if spanned else ():
        params += [org.pk, first, last, *spanned]
    if day_only:
        params += [org.pk, as_of, *day_only]
    with read_connection().cursor() as cursor:
        cursor.execute(_sql(len(spanned), len(day_only)), params)
        return {key: int(total) for key, total in cursor.fetchall()}


def member_counts(org: Organization, as_of: dt.date) -> dict[str, int]:
    """Every member figure of the subtree on the date, named as ``member_figures_raw`` names them."""
    boundaries = age_boundaries(as_of)
    counts = key_counts(org, as_of, K.needed_keys(_FIXED, boundaries.values()))
    statuses = {str(status): counts.get(K.STATUS + status, 0) for status in MEMBER_STATUSES}
    figures = {"members": sum(statuses.values()), **statuses}
    figures |= {
        "women": counts.get(K.WOMEN, 0),
        "ethnic_minority": counts.get(K.MINORITY, 0),
        "religious": counts.get(K.RELIGIOUS, 0),
        "youth_union": counts.get(K.YOUTH, 0),
    }
    born = {age: K.born_on_or_before(counts, day) for age, day in boundaries.items()}
    for key, low, high in AGE_BANDS:
        figures[f"age__{key}"] = born[low] - (born[high + 1] if high is not None else 0)
    for prefix, values in (
        ("education", Education.values),
        ("professional", Professional.values),
        ("political_theory", PoliticalTheory.values),
    ):
        figures |= {f"{prefix}__{value}": counts.get(f"{prefix}:{value}", 0) for value in values}
    return figures
