"""Working-day calendar: the counting convention, Tết, swaps, and properties."""

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketnap.lib.workdays import Calendar, default_calendar, vietnam_calendar

D = dt.date
VN = vietnam_calendar(range(2000, 2041))
dates = st.dates(min_value=D(2001, 1, 1), max_value=D(2038, 12, 31))
counts = st.integers(min_value=0, max_value=130)


def test_plain_week_without_holidays():
    cal = Calendar()
    friday = D(2024, 3, 8)
    assert cal.add_working_days(friday, 0) == friday
    assert cal.add_working_days(friday, 1) == D(2024, 3, 11)  # the start day never counts
    assert cal.add_working_days(D(2024, 3, 9), 1) == D(2024, 3, 11)  # nor does a Saturday start
    assert cal.add_working_days(friday, 5) == D(2024, 3, 15)
    assert cal.add_working_days(D(2024, 3, 11), -1) == friday


def test_working_days_between_counts_the_end_not_the_start():
    cal = Calendar()
    assert cal.working_days_between(D(2024, 3, 8), D(2024, 3, 11)) == 1
    assert cal.working_days_between(D(2024, 3, 8), D(2024, 3, 8)) == 0
    assert cal.working_days_between(D(2024, 3, 11), D(2024, 3, 8)) == -1


def test_tet_2025_is_skipped_from_the_friday_before():
    friday_before_tet = D(2025, 1, 24)
    # 25/01–02/02/2025 is the nine-day break; Monday 03/02 is the first working day back.
    assert VN.add_working_days(friday_before_tet, 1) == D(2025, 2, 3)
    for day in (D(2025, 1, 27), D(2025, 1, 31)):
        assert not VN.is_working_day(day)


def test_swapped_saturday_is_a_working_day_and_its_friday_is_not():
    # 2025: Saturday 26/4 worked so that Friday 2/5 could be a day off.
    assert VN.is_working_day(D(2025, 4, 26))
    assert not VN.is_working_day(D(2025, 5, 2))
    assert not VN.without_working_weekends().is_working_day(D(2025, 4, 26))


def test_prime_minister_corrections_are_data():
    extra = D(2027, 2, 12)
    cal = vietnam_calendar([2027], extra_days_off=[extra], working_weekends=[D(2027, 2, 20)])
    assert not cal.is_working_day(extra)
    assert cal.is_working_day(D(2027, 2, 20))
    assert vietnam_calendar([2027]).is_working_day(extra)


def test_a_listed_holiday_can_be_cancelled():
    culture_day = D(2026, 11, 24)
    assert not vietnam_calendar([2026]).is_working_day(culture_day)
    assert vietnam_calendar([2026], cancelled_holidays=[culture_day]).is_working_day(culture_day)


def test_weekend_is_a_parameter():
    six_day_week = Calendar(weekend=frozenset({6}))
    assert six_day_week.is_working_day(D(2024, 3, 9))
    with pytest.raises(ValueError):
        Calendar(weekend=frozenset(range(7)))


def test_default_calendar_is_cached():
    assert default_calendar(2020, 2030) is default_calendar(2020, 2030)


@given(dates, counts)
def test_adding_then_counting_back_gives_n(start, n):
    assert VN.working_days_between(start, VN.add_working_days(start, n)) == n


@given(dates, st.integers(min_value=1, max_value=130))
def test_result_is_a_working_day_and_never_a_holiday(start, n):
    end = VN.add_working_days(start, n)
    assert VN.is_working_day(end)
    assert end not in VN.holidays


@given(dates, counts)
def test_monotonic_in_n(start, n):
    assert VN.add_working_days(start, n) < VN.add_working_days(start, n + 1)


@given(dates, st.integers(min_value=1, max_value=130))
def test_negative_n_walks_back_to_the_first_working_day_from_the_start(start, n):
    end = VN.add_working_days(start, n)
    assert VN.add_working_days(end, -n) == VN.next_working_day(start) or not VN.is_working_day(start)
    assert VN.add_working_days(end, -n) <= VN.next_working_day(start)


@given(st.integers(min_value=2001, max_value=2038))
def test_across_tet_skips_the_whole_break(year):
    tet = sorted(d for d, name in holidays.VN(years=year).items() if "Lunar New Year" in name)
    before = VN.add_working_days(tet[0], -1)
    after = VN.add_working_days(before, 1)
    assert after > tet[-1]
    assert VN.working_days_between(before, after) == 1


def test_day_30_and_31_across_tet_2025():
    received = D(2025, 1, 10)
    day_30 = VN.add_working_days(received, 30)
    # 10 working days to Friday 24/01, the nine-day break, then 20 more from Monday 03/02.
    assert day_30 == D(2025, 2, 28)
    assert VN.add_working_days(received, 31) == D(2025, 3, 3)
    # Without the break the same count would end a week and a half earlier.
    assert Calendar().add_working_days(received, 30) == D(2025, 2, 21)
