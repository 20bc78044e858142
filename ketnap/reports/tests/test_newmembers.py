"""New members by indicator beside last year, and what a reader without the
sensitive-data permission is shown of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from ketnap.core.testing import World, add_events, build_world, make_person
from ketnap.people.models import MembershipEvent
from ketnap.reports.newmembers import WITHHELD_KEY, age_band, new_members, new_members_for

D = dt.date
YEAR = (D(2023, 1, 1), D(2023, 12, 31))


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _admit(world: World, day: dt.date, **fields: object) -> None:
    person = make_person(world.cell_a, **fields)  # type: ignore[arg-type]
    add_events(person, ("admitted", day))


def test_age_bands_at_their_boundaries() -> None:
    assert (age_band(17), age_band(18), age_band(30), age_band(31), age_band(60), age_band(61)) == (
        "under_18",
        "18_30",
        "18_30",
        "31_35",
        "56_60",
        "over_60",
    )


def test_counts_by_indicator_and_beside_the_same_period_last_year(world: World) -> None:
    _admit(world, D(2023, 4, 1), gender="female", birth_date=D(2000, 1, 1), youth_union_member=True)
    _admit(world, D(2023, 5, 1), ethnicity="hmong", religion="catholicism", birth_date=D(1990, 6, 1))
    _admit(world, D(2022, 5, 1))
    _admit(world, D(2024, 1, 1))  # after the period
    report = new_members(world.province_a, *YEAR)
    now = report.current
    assert (now.total, now.women, now.youth_union, now.ethnic_minority, now.religious) == (2, 1, 1, 1, 1)
    assert now.breakdowns["age"]["18_30"] == 1 and now.breakdowns["age"]["31_35"] == 1
    assert now.breakdowns["ethnicity"] == {"kinh": 1, "hmong": 1}
    assert (report.previous.total, report.previous.first) == (1, D(2022, 1, 1))


def test_a_corrected_admission_decision_does_not_count(world: World) -> None:
    _admit(world, D(2023, 4, 1))
    decision = MembershipEvent.objects.get(kind="admitted")
    add_events(decision.person, ("void", D(2023, 4, 2), {"supersedes": decision}))
    assert new_members(world.province_a, *YEAR).current.total == 0


@override_settings(STATS_SUPPRESSION_THRESHOLD=5)
def test_small_ethnic_and_religious_groups_are_withheld_without_the_permission(world: World) -> None:
    for _ in range(6):
        _admit(world, D(2023, 4, 1))
    _admit(world, D(2023, 4, 1), ethnicity="hmong", religion="catholicism")
    seen = new_members_for(world.viewer_commune_a, world.commune_a, *YEAR)
    assert seen.current.ethnic_minority is None and seen.current.religious is None
    assert "hmong" not in seen.current.breakdowns["ethnicity"]
    assert seen.current.breakdowns["ethnicity"][WITHHELD_KEY] is None
    assert seen.current.breakdowns["religion"]["catholicism"] is None
    assert seen.suppression_note
    full = new_members_for(world.admin, world.commune_a, *YEAR)
    assert full.current.breakdowns["ethnicity"]["hmong"] == 1 and not full.suppressed
