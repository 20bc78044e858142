"""The people list on a past date agrees with the statistics: the same selector serves
the page and the API, and decides the subtree by the status period valid that day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ketnap.accounts.tokens import token_create
from ketnap.core.testing import World, add_events, build_world, make_member, make_person
from ketnap.people.models import Person
from ketnap.people.selectors import people_list
from ketnap.reports.selectors import organization_statistics

D = dt.date
MOVED = D(2023, 5, 10)
BEFORE = MOVED - dt.timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    world = build_world()
    make_member(world.cell_a, given="Ở")
    make_member(world.cell_a, given="Mới", ceremony=D(2022, 3, 1), official=False)  # probationary until 2023
    mover = make_member(world.cell_a, given="Chuyển")
    add_events(
        mover,
        ("transferred_out", MOVED, {"organization": world.cell_a, "other_organization": world.cell_b}),
        ("transferred_in", MOVED, {"organization": world.cell_b}),
    )
    make_member(world.cell_b, given="Bình")
    make_person(world.cell_a, given="Nguồn")  # a source: never on the rolls
    return world


def given_names(people: object) -> list[str]:
    return [p.given_name for p in people]  # type: ignore[attr-defined]


@pytest.mark.parametrize("on", [BEFORE, MOVED])
@pytest.mark.parametrize("code", ["tinh-a", "xa-a", "tinh-b", "vn"])
def test_official_count_equals_the_statistics(world: World, code: str, on: dt.date) -> None:
    org = next(o for o in (world.root, world.province_a, world.commune_a, world.province_b) if o.code == code)
    listed = people_list(world.admin, as_of=on, organization=org, status_on_date="official")
    assert listed.count() == organization_statistics(org, on).official
    members = sum(
        people_list(world.admin, as_of=on, organization=org, status_on_date=s).count()
        for s in ("probationary", "official", "exempted")
    )
    assert members == organization_statistics(org, on).members


def test_a_transferred_member_is_listed_where_they_were_on_the_date(world: World) -> None:
    on_a = people_list(world.admin, as_of=BEFORE, organization=world.province_a)
    assert sorted(given_names(on_a)) == ["Chuyển", "Mới", "Ở"]
    assert sorted(given_names(people_list(world.admin, as_of=MOVED, organization=world.province_a))) == ["Mới", "Ở"]
    assert "Chuyển" in given_names(people_list(world.admin, as_of=MOVED, organization=world.province_b))


def test_scoped_by_the_organization_of_the_period(world: World) -> None:
    # The viewer of commune A saw the mover there before the transfer; the outsider
    # (province B) did not, although the person is recorded in B now.
    assert "Chuyển" in given_names(people_list(world.viewer_commune_a, as_of=BEFORE, status_on_date="official"))
    assert "Chuyển" not in given_names(people_list(world.outsider_b, as_of=BEFORE, status_on_date="official"))
    assert "Chuyển" in given_names(people_list(world.outsider_b, as_of=MOVED, status_on_date="official"))
    assert given_names(people_list(world.nobody, as_of=BEFORE, status_on_date="official")) == []


def test_without_a_date_or_status_everyone_recorded_in_the_subtree_now(world: World) -> None:
    assert sorted(given_names(people_list(world.admin, organization=world.province_a))) == ["Mới", "Nguồn", "Ở"]


def test_page_and_api_count_what_the_statistics_count(world: World) -> None:
    expected = organization_statistics(world.province_a, D(2022, 12, 31)).official
    assert expected == 2
    client = Client()
    client.force_login(world.admin)
    page = client.get(reverse("organization_people", args=["tinh-a"]), {"ngay": "2022-12-31", "trang_thai": "official"})
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == expected
    token = token_create(actor=None, user=world.admin, label="test")[1]
    api = Client().get(
        "/api/v1/people",
        {"org": "tinh-a", "as_of": "2022-12-31", "status": "official"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.json()["count"] == expected
    assert Person.objects.count() == 5


def test_the_list_costs_the_same_queries_however_many_rows(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    def run() -> None:
        rows = list(people_list(world.admin, as_of=BEFORE, organization=world.root, status_on_date="official"))
        for person in rows:
            assert person.organization.code
            assert person.status_on_date == "official"  # type: ignore[attr-defined]

    run()
    with django_assert_num_queries(1):
        run()
    for index in range(10):
        make_member(world.cell_a, given=f"Thêm{index}")
    with django_assert_num_queries(1):
        run()


# --- Someone who left the reader's view is "moved away", never "moved to X" -------------------


def test_the_dated_list_says_moved_away_without_naming_the_destination(world: World) -> None:
    client = Client()
    client.force_login(world.viewer_commune_a)
    page = client.get(reverse("people"), {"ngay": BEFORE.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chuyển" in html  # listed: on the rolls in commune A that day
    assert f"chuyển đi ngày {MOVED:%d/%m/%Y}" in html
    assert "Chi bộ thôn B" not in html  # where they went is province B's business


def test_the_api_hides_the_destination_code_and_gives_the_day_they_left(world: World) -> None:
    token = token_create(actor=None, user=world.viewer_commune_a, label="test")[1]
    body = (
        Client()
        .get("/api/v1/people", {"as_of": BEFORE.isoformat()}, headers={"Authorization": f"Bearer {token}"})
        .json()
    )
    mover = next(item for item in body["items"] if item["given_name"] == "Chuyển")
    assert (mover["organization"], mover["moved_away_on"]) == (None, MOVED.isoformat())
    assert "chi-bo-b" not in str(body)
    stayed = next(item for item in body["items"] if item["given_name"] == "Ở")
    assert (stayed["organization"], stayed["moved_away_on"]) == ("chi-bo-a", None)


def test_whoever_sees_the_destination_sees_it_named(world: World) -> None:
    rows = {p.given_name: p for p in people_list(world.admin, as_of=BEFORE, organization=world.province_a)}
    assert rows["Chuyển"].moved_away is False  # type: ignore[attr-defined]
    assert rows["Chuyển"].organization.code == "chi-bo-b"
