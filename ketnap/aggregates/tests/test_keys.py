"""The birth keys add up to the members born on or before any day, whichever half of
its month the day falls in (pure: no database)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from ketnap.aggregates import keys as K

D = dt.date


def _counts(births: list[dt.date]) -> Counter[str]:
    return Counter(key for born in births for key in K.born_keys(born))


def test_every_day_of_two_years_counts_the_births_up_to_it() -> None:
    rng = random.Random(7)
    start = D(2022, 12, 1)
    births = [start + dt.timedelta(days=rng.randrange(800)) for _ in range(600)]
    counts = _counts(births)
    for offset in range(800):
        day = start + dt.timedelta(days=offset)
        assert K.born_on_or_before(counts, day) == sum(born <= day for born in births), day


@pytest.mark.parametrize(
    ("day", "added_days", "taken_days"),
    [
        (D(2024, 2, 14), 14, 0),  # 14 of 29: the days up to it
        (D(2024, 2, 15), 0, 14),  # 15 of 29: the whole month less the 14 days after it
        (D(2023, 2, 14), 14, 0),  # 14 of 28
        (D(2023, 2, 15), 0, 13),
        (D(2025, 12, 15), 15, 0),  # 15 of 31
        (D(2025, 12, 16), 0, 15),
        (D(2025, 12, 31), 0, 0),  # a month's last day: its whole month, no day read
    ],
)
def test_the_second_half_of_a_month_reads_the_days_after_it(day: dt.date, added_days: int, taken_days: int) -> None:
    added, taken = K.born_on_or_before_keys(day)
    assert (sum(key.startswith(K.BIRTH_DAY) for key in added), len(taken)) == (added_days, taken_days)
    counts = _counts([day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)])
    assert K.born_on_or_before(counts, day) == 2
