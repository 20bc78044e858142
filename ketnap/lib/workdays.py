"""Working-day calendar (ngày làm việc) for every "within N working days" deadline.

Pure Python, no Django. A working day is, by default, Monday to Friday minus the
public holidays (Labour Code 2019 art. 112), plus any weekend day the Prime Minister
turned into a working day when swapping days around Tết or National Day. The party
documents do not define "ngày làm việc" themselves, so the weekend is a parameter
(domain open question §12.15).

Counting convention, used by every deadline in ``ketnap.rules``:

* ``add_working_days(start, n)`` is the **n-th working day after** ``start``; the
  start day itself never counts, whether or not it is a working day. "Within 30
  working days from receiving the decision" therefore ends on
  ``add_working_days(received_on, 30)``, and an act done on that day is on time.
* ``working_days_between(a, b)`` counts the working days ``d`` with ``a < d <= b``,
  so ``working_days_between(a, add_working_days(a, n)) == n``.

The statutory days (New Year, the Tết break, Hùng Kings, 30/4, 1/5, National Day)
come from the ``holidays`` package, which converts the lunar dates year by year.
The Prime Minister's yearly decisions (extra days off, swapped working Saturdays,
compensatory days) are data: pass them to :func:`vietnam_calendar`; the Django layer
feeds them from a table an administrator edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import holidays as holidays_package

SATURDAY, SUNDAY = 5, 6
DEFAULT_WEEKEND: frozenset[int] = frozenset({SATURDAY, SUNDAY})
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """A set of days off and the weekend days that were worked instead.

    ``holidays`` are days off whatever weekday they fall on; ``working_weekends`` are
    weekend days declared working days (a swap). A date in both is a day off.
    """

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    working_weekends: frozenset[dt.date] = field(default_factory=frozenset)
    weekend: frozenset[int] = DEFAULT_WEEKEND

    def __post_init__(self) -> None:
        # Accept any iterable of dates and keep the instance hashable and immutable.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "working_weekends", frozenset(self.working_weekends))
        object.__setattr__(self, "weekend", frozenset(self.weekend))
        if len(self.weekend) >= 7 or not self.weekend <= set(range(7)):
            raise ValueError("weekend must be a proper subset of weekdays 0 (Monday) to 6 (Sunday)")

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        return day.weekday() not in self.weekend or day in self.working_weekends

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (before it when n < 0); ``start`` for n == 0."""
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        day, remaining = start, abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b]; negative, counting (b, a], when b is before a."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def without_working_weekends(self) -> Calendar:
        """The same calendar where swapped weekend days do not count (see §12.15)."""
        return Calendar(self.holidays, frozenset(), self.weekend)


def vietnam_calendar(
    years: Iterable[int],
    *,
    extra_days_off: Iterable[dt.date] = (),
    working_weekends: Iterable[dt.date] = (),
    cancelled_holidays: Iterable[dt.date] = (),
    weekend: Iterable[int] = DEFAULT_WEEKEND,
) -> Calendar:
    """The Vietnamese calendar for ``years``: statutory holidays plus the yearly corrections.

    ``extra_days_off`` and ``working_weekends`` carry the Prime Minister's decisions
    (e.g. Tết 2025 ran nine days, 25/01–02/02, per letter 8726/VPCP-KGVX of 26/11/2024);
    ``cancelled_holidays`` removes a day the package lists but that is not (or not yet)
    a day off, such as a holiday announced before it became law. Days outside ``years``
    are plain weekdays and weekends, so cover every year a deadline may reach.
    """
    wanted = set(years)
    statutory = holidays_package.country_holidays("VN", years=sorted(wanted))
    days_off = (set(statutory.keys()) | set(extra_days_off)) - set(cancelled_holidays)
    package_swaps = {d for d in getattr(statutory, "weekend_workdays", set()) if d.year in wanted}
    return Calendar(frozenset(days_off), frozenset(package_swaps | set(working_weekends)), frozenset(weekend))


def default_calendar(first_year: int = 2000, last_year: int | None = None) -> Calendar:
    """Statutory days only, from ``first_year`` to three years after today by default."""
    last = last_year if last_year is not None else dt.date.today().year + 3
    return _cached_default(first_year, last)


_CACHE: dict[tuple[int, int], Calendar] = {}


def _cached_default(first_year: int, last_year: int) -> Calendar:
    key = (first_year, last_year)
    if key not in _CACHE:
        _CACHE[key] = vietnam_calendar(range(first_year, last_year + 1))
    return _CACHE[key]
