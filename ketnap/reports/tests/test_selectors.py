"""The statistics selector on a tiny tree: age bands at their boundaries, dates across a transfer."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.core.testing import World, add_events, build_world, make_member, make_org
from ketnap.organizations.models import OrgKind
from ketnap.reports.selectors import admissions_between, organization_statistics

D = dt.date
REPORT = D(2024, 6, 15)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_member_turning_31_on_the_report_date_is_in_31_35(world: World) -> None:
    make_member(world.cell_a, birth_date=D(1993, 6, 15))
    assert organization_statistics(world.province_a, REPORT).age_bands["31_35"] == 1
    assert organization_statistics(world.province_a, REPORT).age_bands["18_30"] == 0


def test_the_day_before_turning_31_is_still_in_18_30(world: World) -> None:
    make_member(world.cell_a, birth_date=D(1993, 6, 15))
    bands = organization_statistics(world.province_a, REPORT - dt.timedelta(days=1)).age_bands
    assert (bands["18_30"], bands["31_35"]) == (1, 0)


def test_turning_61_moves_into_over_60(world: World) -> None:
    make_member(world.cell_a, birth_date=D(1963, 6, 15))
    assert organization_statistics(world.province_a, REPORT).age_bands["over_60"] == 1
    assert organization_statistics(world.province_a, REPORT - dt.timedelta(days=1)).age_bands["56_60"] == 1


def test_a_transfer_moves_the_member_on_its_date(world: World) -> None:
    member = make_member(world.cell_a)
    moved = D(2023, 5, 10)
    add_events(
        member,
        ("transferred_out", moved, {"organization": world.cell_a, "other_organization": world.cell_b}),
        ("transferred_in", moved, {"organization": world.cell_b}),
    )
    assert organization_statistics(world.province_a, moved - dt.timedelta(days=1)).members == 1
    assert organization_statistics(world.province_a, moved).members == 0
    assert organization_statistics(world.province_b, moved).members == 1
    assert organization_statistics(world.root, moved).members == 1


def test_probationary_until_the_recognition_decision(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2023, 3, 1))  # recognized on 11/3/2024, effective 1/3/2024
    assert organization_statistics(world.province_a, D(2024, 3, 10)).probationary == 1
    assert organization_statistics(world.province_a, D(2024, 3, 11)).official == 1


def test_organizations_are_counted_as_of_the_date(world: World) -> None:
    make_org(world.district_a, "xa-cu", OrgKind.GRASSROOTS_COMMITTEE, valid_to=D(2020, 1, 1))
    assert organization_statistics(world.province_a, D(2019, 12, 31)).organizations_by_kind["grassroots_committee"] == 2
    assert organization_statistics(world.province_a, D(2020, 1, 1)).grassroots_organizations == 1


def test_admissions_are_counted_by_decision_date(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2023, 1, 15))  # decided 26/12/2022
    make_member(world.cell_a, ceremony=D(2023, 3, 1))  # decided 9/2/2023
    assert admissions_between(world.province_a, D(2023, 1, 1), D(2023, 12, 31)) == 1
    assert admissions_between(world.province_b, D(2022, 1, 1), D(2023, 12, 31)) == 0
