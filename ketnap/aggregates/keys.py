"""The figure keys the aggregates count, and the age bands read back from them: pure Python.

A member counts, on every day they are on the rolls of an organization, once under each
of these keys (marginal counts: the statistics never cross two breakdowns):

- from the status period: ``status:<status>``, ``women``, ``minority`` and the birth
  date three times, ``by:YYYY``, ``bm:YYYY-MM`` and ``bd:YYYY-MM-DD``;
- from the profile row valid that day (none when there is no row): ``religious``,
  ``youth``, ``education:<v>``, ``professional:<v>``, ``political_theory:<v>``.

Age bands move with time alone, so the aggregates keep the birth dates, never the
bands. The number born on or before a day ``b`` is the birth years before ``b``'s year,
plus the months of that year before ``b``'s month, plus the days of that month up to
``b`` (in a month's second half: its whole month less the days after ``b``): a few
hundred keys per report date, however many members.

A birth-day key changes only when a member born that very day joins or leaves the
subtree, a handful of times in a commune's history and a few hundred in the nation's:
its changes are kept per day only (``is_day_only``), not also per year, which spares a
fifth of the rows; a report sums all its days up to the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping

STATUS = "status:"
WOMEN = "women"
MINORITY = "minority"
RELIGIOUS = "religious"
YOUTH = "youth"
PROFILE_PREFIXES = ("education", "professional", "political_theory")
OLDEST_BIRTH_YEAR = 1850


BIRTH_DAY = "bd:"


def is_day_only(key: str) -> bool:
    """Whether the key's changes are kept per day only (see the module's docstring)."""
    return key.startswith(BIRTH_DAY)


def born_keys(birth_date: dt.date) -> tuple[str, str, str]:
    """The birth year, month and day keys of one birth date."""
    day = birth_date.isoformat()
    return f"by:{day[:4]}", f"bm:{day[:7]}", f"{BIRTH_DAY}{day}"


def born_on_or_before_keys(day: dt.date) -> tuple[list[str], list[str]]:
    """The keys whose counts, the first added and the second taken away, give the
    members born on or before ``day``: the years before its year, the months of its
    year before its month, and the days of its month up to it, or, in the month's second
    half, its whole month less the days after it. Fewer birth-day keys to read, whose
    rows grow with the members of the subtree (none at all on a month's last day)."""
    years = [f"by:{year:04d}" for year in range(OLDEST_BIRTH_YEAR, day.year)]
    last = calendar.monthrange(day.year, day.month)[1]
    whole_month = 2 * day.day > last
    through = day.month if whole_month else day.month - 1
    months = [f"bm:{day.year:04d}-{month:02d}" for month in range(1, through + 1)]
    numbers = range(day.day + 1, last + 1) if whole_month else range(1, day.day + 1)
    days = [f"{BIRTH_DAY}{day.year:04d}-{day.month:02d}-{number:02d}" for number in numbers]
    return (years + months, days) if whole_month else (years + months + days, [])


def born_on_or_before(counts: Mapping[str, int], day: dt.date) -> int:
    added, taken = born_on_or_before_keys(day)
    return sum(counts.get(key, 0) for key in added) - sum(counts.get(key, 0) for key in taken)


def needed_keys(fixed: Iterable[str], boundaries: Iterable[dt.date]) -> list[str]:
    """The fixed keys and every birth key the age bands of these boundary days read."""
    keys = set(fixed)
    for day in boundaries:
        added, taken = born_on_or_before_keys(day)
        keys.update(added, taken)
    return sorted(keys)


def period_keys(status: str, gender_female: bool, minority: bool, birth_date: dt.date) -> list[str]:
    """The keys a member counts under from their status period and fixed facts."""
    keys = [STATUS + status, *born_keys(birth_date)]
    if gender_female:
        keys.append(WOMEN)
    if minority:
        keys.append(MINORITY)
    return keys


def profile_keys(religious: bool, youth: bool, education: str, professional: str, political_theory: str) -> list[str]:
    """The keys a member counts under from the profile row valid on the day."""
    keys = [f"education:{education}", f"professional:{professional}", f"political_theory:{political_theory}"]
    if religious:
        keys.append(RELIGIOUS)
    if youth:
        keys.append(YOUTH)
    return keys
