"""Age bands change with time alone: the aggregates keep birth dates, so a member moves
band on their birthday, read from the aggregates exactly as from the raw tables."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.aggregates.tests.helpers import differences
from ketnap.core.testing import World, build_world, make_member
from ketnap.reports.selectors import member_figures

D = dt.date
ONE = dt.timedelta(days=1)
# (birth date, a birthday that moves them into another band or out of the last)
BIRTHDAYS = [
    (D(1990, 3, 15), D(2020, 3, 15)),  # 30 → stays 18–30; 31 next year
    (D(1990, 3, 15), D(2021, 3, 15)),  # 31: into 31–35
    (D(1992, 2, 29), D(2022, 3, 1)),  # born 29 February: 30 on 1 March of a common year
    (D(1992, 2, 29), D(2023, 3, 1)),  # 31 on 1 March
    (D(1960, 1, 1), D(2021, 1, 1)),  # 61 on a year's first day: over 60
    (D(1959, 12, 31), D(2020, 12, 31)),  # 61 on a year's last day
    (D(1997, 6, 30), D(2015, 6, 30)),  # 18: into the first band
]


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    for n, born in enumerate(dict.fromkeys(born for born, _birthday in BIRTHDAYS)):
        make_member(world.cell_a, ceremony=D(2014, 1, 1), given=f"M{n}", birth_date=born)
    return world


@pytest.mark.parametrize(("born", "birthday"), BIRTHDAYS)
def test_the_aggregates_move_a_member_on_the_birthday_like_the_raw_tables(
    world: World, born: dt.date, birthday: dt.date
) -> None:
    checked = [birthday - ONE, birthday, birthday + ONE]
    assert differences(world.district_a, checked) == []
    assert differences(world.root, checked) == []


def test_the_bands_on_both_sides_of_a_birthday(world: World) -> None:
    before, on = member_figures(world.district_a, D(2021, 3, 14)), member_figures(world.district_a, D(2021, 3, 15))
    assert (on["age__31_35"] - before["age__31_35"], on["age__18_30"] - before["age__18_30"]) == (1, -1)
    first, then = member_figures(world.district_a, D(2020, 12, 31)), member_figures(world.district_a, D(2021, 1, 1))
    assert then["age__over_60"] - first["age__over_60"] == 1
    leap = member_figures(world.district_a, D(2023, 2, 28)), member_figures(world.district_a, D(2023, 3, 1))
    assert leap[1]["age__31_35"] - leap[0]["age__31_35"] == 1
