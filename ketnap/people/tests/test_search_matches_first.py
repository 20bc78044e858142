"""Name searches read their matches first when there are few: the rows listed must be
the same as when there are many, and never outside the reader's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.core import search
from ketnap.core.testing import build_world, make_org, make_person
from ketnap.organizations.models import OrgKind
from ketnap.organizations.selectors import organization_list
from ketnap.people.selectors import people_list

TODAY = dt.date(2025, 1, 1)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cap", [1, 2, 100])
def test_the_same_people_in_name_order_whatever_the_number_of_matches(cap: int, monkeypatch) -> None:
    world = build_world()
    for given in ("Bình", "An", "Cường"):
        make_person(world.cell_a, given=given)
    make_person(world.cell_a, family="Trần", given="Dũng")
    monkeypatch.setattr(search, "MATCHES_FIRST", cap)
    listed = list(people_list(world.admin, query="nguyen van"))
    assert [p.given_name for p in listed] == ["An", "Bình", "Cường"]


@pytest.mark.parametrize("cap", [1, 100])
def test_matches_elsewhere_never_crowd_out_or_leak_into_the_readers_scope(cap: int, monkeypatch) -> None:
    world = build_world()
    for _ in range(3):
        make_person(world.cell_b, given="An")
    mine = make_person(world.cell_a, given="An")
    monkeypatch.setattr(search, "MATCHES_FIRST", cap)
    assert list(people_list(world.viewer_commune_a, query="van an")) == [mine]
    assert people_list(world.outsider_b, query="van an").filter(pk=mine.pk).count() == 0


@pytest.mark.parametrize("cap", [1, 100])
def test_organization_search_by_name_or_code_whatever_the_number_of_matches(cap: int, monkeypatch) -> None:
    world = build_world()
    make_org(world.district_a, "xa-muong-te", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Mường Tè")
    monkeypatch.setattr(search, "MATCHES_FIRST", cap)
    assert [o.code for o in organization_list(world.editor_a, as_of=TODAY, query="muong")] == ["xa-muong-te"]
    assert [o.code for o in organization_list(world.editor_a, as_of=TODAY, query="XA-")] == ["xa-a", "xa-muong-te"]
    assert [o.code for o in organization_list(world.outsider_b, as_of=TODAY, query="xa-")] == ["xa-b"]


def test_a_large_table_reads_a_name_search_through_its_matches(monkeypatch) -> None:
    world = build_world()
    for given in ("Bình", "An"):
        make_person(world.cell_a, given=given)
    monkeypatch.setattr(search, "MATCHES_FIRST", 1)
    monkeypatch.setattr(search, "estimated_rows", lambda queryset: 1_000)  # 2 matches of 1,000: one in 500
    query = str(people_list(world.admin, query="nguyen van").query)
    assert "LIMIT 51" in query  # matched first: the probe's cap is 1,000 / 20, plus one
    assert [p.given_name for p in people_list(world.admin, query="nguyen van")] == ["An", "Bình"]


def test_the_table_size_comes_from_the_planner_on_postgresql() -> None:
    from ketnap.people.models import Person

    assert search.estimated_rows(Person.objects.all()) >= 0
