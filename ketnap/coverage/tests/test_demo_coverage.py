"""The demo reproduces Lai Châu's village heads who are members (71,76%) and
secretaries who are village heads (20,08%) on 31/12/2021."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from ketnap.coverage.demo import RELAPSED_ON, exact_split
from ketnap.coverage.selectors import coverage_for, percent, rows_of
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Locality, Organization, VillageHead


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


def test_exact_split_gives_both_published_percentages() -> None:
    total, members, secretaries = exact_split(1000)
    assert total >= 1000
    assert str(percent(members, total)) == "71.76"
    assert str(percent(secretaries, total)) == "20.08"


@pytest.mark.django_db
def test_lai_chau_percentages_come_out_exactly(demo: str) -> None:
    out = StringIO()
    call_command("report", "coverage", "--org", "lai-chau", "--as-of", "2021-12-31", stdout=out)
    data = json.loads(out.getvalue())
    assert data["village_heads_members_percent"] == 71.76
    assert data["secretaries_village_heads_percent"] == 20.08
    assert data["villages"] == data["villages_with_head"]
    # The villages without a cell have no member yet; every other village has its own cell.
    assert data["villages_without_member"] == data["villages_without_own_cell"] > 0
    assert data["villages_with_joint_cell"] == 0


@pytest.mark.django_db
def test_lai_chau_has_one_village_gone_back_to_no_member(demo: str) -> None:
    province = Organization.objects.get(code="lai-chau")
    before = coverage_for(None, province, RELAPSED_ON - dt.timedelta(days=1))
    after = coverage_for(None, province, dt.date(2021, 12, 31))
    assert before.relapsed == 0 and before.joint == 2
    assert after.relapsed == 1 and after.joint == 0
    assert [row.relapsed_on for row in rows_of(after, "relapsed")] == [RELAPSED_ON]


@pytest.mark.django_db
def test_running_the_demo_again_adds_no_village(demo: str) -> None:
    before = Locality.objects.count(), VillageHead.objects.count()
    call_command("demo", stdout=StringIO())
    assert (Locality.objects.count(), VillageHead.objects.count()) == before


@pytest.mark.django_db
def test_muong_lat_joint_cells_serve_villages_without_a_cell_of_their_own(demo: str) -> None:
    org = Organization.objects.get(code="muong-lat")
    coverage = coverage_for(None, org, dt.date(2022, 12, 31))
    assert coverage.joint > 0
    assert coverage.without_own_cell == coverage.joint
