"""Coverage figures on a hand-built commune: members, own and joint cells, tái trắng,
village heads who are members and secretaries who head their village."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from ketnap.core.testing import World, add_events, make_member, make_org, make_person
from ketnap.coverage.selectors import coverage_for, percent, rows_of
from ketnap.organizations.models import Locality, LocalityCell, LocalityKind, Organization, OrgKind, Sector, VillageHead
from ketnap.people.models import Position, PositionKind

D = dt.date
LONG_AGO = D(2000, 1, 1)


def village(w: World, code: str, *, commune=None) -> Locality:  # type: ignore[no-untyped-def]
    return Locality.objects.create(
        code=code, name=f"Thôn {code}", kind=LocalityKind.VILLAGE, commune=commune or w.commune_a, valid_from=LONG_AGO
    )


def serve(locality: Locality, cell, start: dt.date = LONG_AGO, end: dt.date | None = None) -> None:  # type: ignore[no-untyped-def]
    LocalityCell.objects.create(locality=locality, cell=cell, valid_from=start, valid_to=end)


def test_percent_rounds_half_up_to_two_decimals() -> None:
    assert percent(7176, 10000) == Decimal("71.76")
    assert percent(2, 3) == Decimal("66.67")
    assert percent(1, 8) == Decimal("12.50")
    assert percent(0, 0) is None


@pytest.mark.django_db
def test_villages_without_member_without_own_cell_and_with_joint_cell(w: World) -> None:
    own, joint_1, joint_2, _bare = (village(w, c) for c in ("own", "g1", "g2", "bare"))
    joint_cell = make_org(w.commune_a, "chi-bo-ghep", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
    serve(own, w.cell_a)
    serve(joint_1, joint_cell)
    serve(joint_2, joint_cell)
    make_member(w.cell_a)
    coverage = coverage_for(w.admin, w.province_a, D(2024, 1, 1))
    assert coverage.villages == 4
    assert [r.locality.code for r in rows_of(coverage, "without-member")] == ["bare", "g1", "g2"]
    assert [r.locality.code for r in rows_of(coverage, "without-own-cell")] == ["bare", "g1", "g2"]
    assert [r.locality.code for r in rows_of(coverage, "joint")] == ["g1", "g2"]
    assert coverage.as_dict()["villages_without_member"] == 3


@pytest.mark.django_db
def test_a_joint_cell_that_serves_one_village_again_is_its_own_cell(w: World) -> None:
    first, second = village(w, "a"), village(w, "b")
    serve(first, w.cell_a)
    serve(second, w.cell_a, end=D(2020, 1, 1))
    assert coverage_for(w.admin, w.commune_a, D(2019, 12, 31)).joint == 2
    after = coverage_for(w.admin, w.commune_a, D(2020, 1, 1))
    assert after.joint == 0
    assert after.without_own_cell == 1  # "b" has no cell at all


@pytest.mark.django_db
def test_tai_trang_is_the_first_day_without_a_member_after_having_one(w: World) -> None:
    relapsing, never = village(w, "relapse"), village(w, "never")
    empty_cell = make_org(w.commune_a, "chi-bo-trong", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
    serve(relapsing, w.cell_a)
    serve(never, empty_cell)
    member = make_member(w.cell_a)
    add_events(member, ("died", D(2023, 5, 10)))
    before = coverage_for(w.admin, w.commune_a, D(2023, 5, 9))
    assert before.without_member == 1 and before.relapsed == 0
    after = coverage_for(w.admin, w.commune_a, D(2023, 5, 10))
    assert [(r.locality.code, r.relapsed_on) for r in rows_of(after, "relapsed")] == [("relapse", D(2023, 5, 10))]
    assert after.without_member == 2


@pytest.mark.django_db
def test_tai_trang_when_the_village_passes_to_a_cell_without_members(w: World) -> None:
    moved = village(w, "moved")
    empty_cell = make_org(w.commune_a, "chi-bo-moi", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
    serve(moved, w.cell_a, end=D(2022, 3, 1))
    serve(moved, empty_cell, start=D(2022, 3, 1))
    make_member(w.cell_a)
    assert coverage_for(w.admin, w.commune_a, D(2022, 2, 28)).relapsed == 0
    rows = rows_of(coverage_for(w.admin, w.commune_a, D(2022, 3, 1)), "relapsed")
    assert [r.relapsed_on for r in rows] == [D(2022, 3, 1)]


@pytest.mark.django_db
def test_residence_basis_counts_members_living_in_the_village(w: World) -> None:
    home, other = village(w, "home"), village(w, "other")
    serve(home, w.cell_a)
    serve(other, w.cell_a)
    make_member(w.cell_a, residence_locality=home)
    with override_settings(COVERAGE_MEMBER_BASIS="residence"):
        coverage = coverage_for(w.admin, w.commune_a, D(2024, 1, 1))
    assert [r.locality.code for r in rows_of(coverage, "without-member")] == ["other"]
    assert coverage_for(w.admin, w.commune_a, D(2024, 1, 1), basis="cell").without_member == 0


@pytest.mark.django_db
def test_heads_who_are_members_and_secretaries_who_head_the_village(w: World) -> None:
    villages = [village(w, f"v{i}") for i in range(4)]
    for item in villages:
        serve(item, w.cell_a)
    secretary = make_member(w.cell_a, given="Bí")
    member = make_member(w.cell_a, given="Hai")
    outsider = make_person(w.cell_a, given="Ba")
    probationary = make_member(w.cell_a, given="Tư", ceremony=D(2023, 6, 1), official=False)
    Position.objects.create(person=secretary, organization=w.cell_a, kind=PositionKind.SECRETARY, valid_from=LONG_AGO)
    for item, person in zip(villages, (secretary, member, outsider, probationary), strict=True):
        VillageHead.objects.create(locality=item, person=person, valid_from=D(2020, 1, 1))
    coverage = coverage_for(w.admin, w.commune_a, D(2024, 1, 1))
    assert (coverage.with_head, coverage.heads_members, coverage.heads_secretaries) == (4, 3, 1)
    assert coverage.as_dict()["village_heads_members_percent"] == 75.0
    assert coverage.as_dict()["secretaries_village_heads_percent"] == 25.0
    before = coverage_for(w.admin, w.commune_a, D(2019, 12, 31))
    assert before.with_head == 0 and before.as_dict()["village_heads_members_percent"] is None


@pytest.mark.django_db
def test_a_secretary_of_another_cell_is_not_counted_as_merged(w: World) -> None:
    item = village(w, "x")
    serve(item, w.cell_a)
    other = make_org(w.commune_a, "chi-bo-khac", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
    head = make_member(other)
    Position.objects.create(person=head, organization=other, kind=PositionKind.SECRETARY, valid_from=LONG_AGO)
    VillageHead.objects.create(locality=item, person=head, valid_from=LONG_AGO)
    coverage = coverage_for(w.admin, w.commune_a, D(2024, 1, 1))
    assert (coverage.heads_members, coverage.heads_secretaries) == (1, 0)


@pytest.mark.django_db
def test_a_viewer_sees_only_the_villages_of_the_subtree(w: World) -> None:
    village(w, "a")
    village(w, "b", commune=Organization.objects.get(code="xa-b"))
    assert coverage_for(w.viewer_commune_a, w.commune_a, D(2024, 1, 1)).villages == 1
    assert coverage_for(w.viewer_commune_a, w.root, D(2024, 1, 1)).villages == 1
    assert coverage_for(w.admin, w.root, D(2024, 1, 1)).villages == 2


@pytest.mark.django_db
def test_a_cell_sees_the_villages_it_serves(w: World) -> None:
    item = village(w, "served")
    village(w, "not-served")
    serve(item, w.cell_a)
    assert [r.locality.code for r in coverage_for(w.admin, w.cell_a, D(2024, 1, 1)).rows] == ["served"]


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_villages(w: World) -> None:
    def queries(villages: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for number in range(villages):
            item = village(w, f"q{villages}-{number}")
            serve(item, w.cell_a)
            VillageHead.objects.create(locality=item, person=make_person(w.cell_a), valid_from=LONG_AGO)
        with CaptureQueriesContext(connection) as captured:
            coverage = coverage_for(w.admin, w.province_a, D(2024, 1, 1))
        assert coverage.with_head == coverage.villages
        return len(captured.captured_queries)

    coverage_for(w.admin, w.province_a, D(2024, 1, 1))  # the settings and the roles read once
    few = queries(2)
    assert queries(20) == few <= 6
