"""The national benchmark dataset holds what the services would have written.

Built at a tiny scale (one province, a district dissolved by the 2025 reform), its
report figures must equal figures recomputed by replaying each person's events through
the pure status projection, and rebuilding a person's periods with the service must
leave them unchanged.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ketnap.organizations.models import Organization
from ketnap.people import status
from ketnap.people.models import MAJORITY_ETHNICITY, Person, StatusPeriod
from ketnap.people.services import person_events, person_rebuild_periods
from ketnap.reports.selectors import organization_statistics

BENCH = Path(__file__).resolve().parents[3] / "bench" / "national.py"
DATES = (dt.date(2020, 6, 30), dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2025, 12, 31))


def _bench(name: str) -> ModuleType:
    """``bench/<name>.py`` loaded once, its directory on the path as the scripts have it
    (they import their sibling ``common``)."""
    if f"bench_{name}" in sys.modules:
        return sys.modules[f"bench_{name}"]
    if str(BENCH.parent) not in sys.path:
        sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH.parent / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bench_{name}"] = module
    spec.loader.exec_module(module)
    return module


def _national() -> ModuleType:
    return _bench("national")


@pytest.fixture
def nation(db: None) -> Organization:
    figures = _national().build(0.00005, seed="test", echo=lambda line: None, code="vn-test")
    assert figures["people_person"] > 100
    return Organization.objects.get(code="vn-test")


def _replayed(org: Organization, on: dt.date) -> tuple[int, int, int, int]:
    """Members, probationary, women, ethnic minority from each person's events."""
    paths = dict(Organization.objects.values_list("pk", "path"))
    members = probationary = women = minority = 0
    for person in Person.objects.prefetch_related("events"):
        period = status.status_on(person_events(person), on)
        if period is None or period.status not in status.MEMBER_STATUSES:
            continue
        if not paths[period.organization_id].startswith(org.path):
            continue
        members += 1
        probationary += period.status is status.Status.PROBATIONARY
        women += person.gender == "female"
        minority += person.ethnicity != MAJORITY_ETHNICITY
    return members, probationary, women, minority


@pytest.mark.parametrize("on", DATES)
def test_report_figures_equal_the_replayed_events(nation: Organization, on: dt.date) -> None:
    province = Organization.objects.get(code="vn-test-p01")
    for org in (nation, province):
        stats = organization_statistics(org, on)
        assert (stats.members, stats.probationary, stats.women, stats.ethnic_minority) == _replayed(org, on)
    assert stats.members > 0


def test_the_reform_moved_members_and_proportions_are_plausible(nation: Organization) -> None:
    before = organization_statistics(nation, dt.date(2025, 6, 30))
    after = organization_statistics(nation, dt.date(2025, 12, 31))
    assert before.organizations_by_kind["upper"] == 1 and after.organizations_by_kind["upper"] == 0
    assert after.members >= before.members
    assert 0.25 < after.women / after.members < 0.5
    assert after.ethnic_minority is not None and 0.08 < after.ethnic_minority / after.members < 0.3


def test_rebuilding_periods_with_the_service_changes_nothing(nation: Organization) -> None:
    def periods(person: Person) -> list[tuple[object, ...]]:
        rows = StatusPeriod.objects.filter(person=person).order_by("start")
        return list(rows.values_list("status", "organization_id", "host_organization_id", "start", "end"))

    sample = list(Person.objects.order_by("pk")[::7])
    assert len(sample) > 20
    for person in sample:
        before, home = periods(person), person.organization_id
        person_rebuild_periods(person)
        assert periods(person) == before, person.pk
        assert Person.objects.get(pk=person.pk).organization_id == home


def test_the_pages_bench_agrees_with_the_raw_tables(nation: Organization, capsys: pytest.CaptureFixture[str]) -> None:
    from django.conf import settings

    required = list(settings.TWO_FACTOR_REQUIRED_ROLES)
    pages = _bench("pages")
    provinces = list(Organization.objects.filter(path__startswith=nation.path, depth=2))
    pages.run(nation, provinces[:1], dt.date(2025, 12, 31), runs=1)
    printed = capsys.readouterr().out
    assert printed.count("same") == 6, printed
    assert "DIFFERENT" not in printed
    # The run signs its administrator in without a second factor, for itself only.
    assert list(settings.TWO_FACTOR_REQUIRED_ROLES) == required != []


@pytest.mark.parametrize("on", DATES)
def test_coverage_figures_equal_the_raw_tables(nation: Organization, on: dt.date) -> None:
    villages = _bench("villages")
    for org in (nation, Organization.objects.get(code="vn-test-p01")):
        assert villages.selector_figures(org, on) == villages.raw_figures(org, on), (org.code, on)


def test_villages_have_heads_cells_and_gaps(db: None) -> None:
    """At a scale with a few hundred villages, the proportions of the brief hold."""
    from ketnap.coverage.selectors import coverage_for

    _national().build(0.0005, seed="test", echo=lambda line: None, code="vn-test")
    nation = Organization.objects.get(code="vn-test")
    coverage = coverage_for(None, nation, dt.date(2025, 12, 31))
    communes = Organization.objects.filter(kind="grassroots_committee", valid_from__lt=dt.date(2025, 7, 1))
    assert 8 * communes.count() <= coverage.villages <= 12 * communes.count()
    assert coverage.with_head == coverage.villages
    assert coverage.without_member > 0 and coverage.joint > 0
    assert coverage.villages - coverage.without_own_cell > coverage.villages / 2
    assert coverage.heads_members_percent is not None and 50 <= coverage.heads_members_percent <= 90


def test_the_reform_moves_villages_to_the_continuing_cells(nation: Organization) -> None:
    from ketnap.coverage.selectors import coverage_for
    from ketnap.organizations.models import LocalityCell

    before, after = (coverage_for(None, nation, on) for on in (dt.date(2025, 6, 30), dt.date(2025, 7, 1)))
    assert before.as_dict() | {"as_of": ""} == after.as_dict() | {"as_of": ""}
    moved = LocalityCell.objects.filter(valid_from=dt.date(2025, 7, 1))
    assert moved.exists()
    assert all(link.cell.valid_from == dt.date(2025, 7, 1) for link in moved.select_related("cell"))
