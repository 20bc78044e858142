"""The people list: scope, filters, Vietnamese search and order, no N+1."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ketnap.core.testing import add_events, make_member, make_person

from .conftest import client_for

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [person.full_name for person in response.context["page_obj"]]


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("people")).status_code == 302


def test_list_three_ways(world):
    make_member(world.cell_a, given="An")
    make_member(world.cell_b, given="Bình")
    assert names(client_for(world.nobody).get(reverse("people"))) == []
    assert names(client_for(world.viewer_commune_a).get(reverse("people"))) == ["Nguyễn Văn An"]
    assert names(client_for(world.outsider_b).get(reverse("people"))) == ["Nguyễn Văn Bình"]


@pytest.mark.parametrize(
    ("persona", "status"), [("nobody", 404), ("editor_a", 200), ("viewer_commune_a", 200), ("outsider_b", 404)]
)
def test_organization_list_three_ways(world, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("organization_people", args=["xa-a"]))
    assert response.status_code == status


def test_search_ignores_diacritics_and_case(world):
    make_person(world.cell_a, family="Nguyễn", middle="Văn", given="An")
    make_person(world.cell_a, family="Nguyễn", middle="Văn", given="Ân")
    make_person(world.cell_a, family="Lò", middle="Văn", given="Pó")
    client = client_for(world.editor_a)
    assert names(client.get(reverse("people"), {"q": "nguyen van an"})) == ["Nguyễn Văn An", "Nguyễn Văn Ân"]
    assert names(client.get(reverse("people"), {"q": "NGUYỄN VĂN ÂN"})) == ["Nguyễn Văn An", "Nguyễn Văn Ân"]
    assert names(client.get(reverse("people"), {"q": "lo van"})) == ["Lò Văn Pó"]


def test_sorted_the_vietnamese_way_by_given_name(world):
    for family, given in [("Trần", "Đức"), ("Lê", "Dũng"), ("Phạm", "Ân"), ("Vũ", "An"), ("Đỗ", "Ă")]:
        make_person(world.cell_a, family=family, middle="", given=given)
    response = client_for(world.editor_a).get(reverse("people"))
    assert names(response) == ["Vũ An", "Đỗ Ă", "Phạm Ân", "Lê Dũng", "Trần Đức"]


def test_filters_by_status_on_the_date_gender_and_subtree(world):
    make_member(world.cell_a, given="Chính", ceremony=dt.date(2015, 3, 1))
    make_member(world.cell_a, given="Dự", official=False, ceremony=dt.date(2024, 6, 1))
    make_member(world.cell_a, given="Hoa", gender="female", ceremony=dt.date(2015, 3, 1))
    candidate = make_person(world.district_a, given="Huyện")
    add_events(candidate, ("admitted", dt.date(2024, 9, 1), {"organization": world.district_a}))
    client = client_for(world.editor_a)

    official = names(client.get(reverse("people"), {"trang_thai": "official", "ngay": "2024-12-31"}))
    assert official == ["Nguyễn Văn Chính", "Nguyễn Văn Hoa"]
    assert names(client.get(reverse("people"), {"trang_thai": "probationary", "ngay": "2024-12-31"})) == [
        "Nguyễn Văn Dự"
    ]
    assert names(client.get(reverse("people"), {"trang_thai": "probationary", "ngay": "2024-01-01"})) == []
    assert names(client.get(reverse("people"), {"gioi_tinh": "female"})) == ["Nguyễn Văn Hoa"]
    assert "Nguyễn Văn Huyện" not in names(client.get(reverse("organization_people", args=["xa-a"])))
    assert names(client.get(reverse("people"), {"to_chuc": "huyen-a", "trang_thai": "candidate"})) == [
        "Nguyễn Văn Huyện"
    ]


def test_unknown_or_hidden_organization_code_is_a_form_error(world):
    response = client_for(world.editor_a).get(reverse("people"), {"to_chuc": "tinh-b"})
    assert response.status_code == 200
    assert "Không tìm thấy tổ chức có mã này." in response.content.decode()


def test_status_shown_for_the_date(world):
    make_member(world.cell_a, official=False, ceremony=dt.date(2024, 6, 1))
    html = client_for(world.editor_a).get(reverse("people"), {"ngay": "2024-07-01"}).content.decode()
    assert "Đảng viên dự bị" in html


def test_pages_of_fifty(world):
    for index in range(51):
        make_person(world.cell_a, given=f"Tên{index:02d}")
    client = client_for(world.editor_a)
    first = client.get(reverse("people"), {"q": "ten"})
    assert len(first.context["page_obj"]) == 50
    assert "trang=2" in first.content.decode()
    second = client.get(reverse("people"), {"q": "ten", "trang": "2"})
    assert names(second) == ["Nguyễn Văn Tên50"]


def test_htmx_returns_only_the_results(world):
    make_member(world.cell_a)
    response = client_for(world.editor_a).get(reverse("people"), {"q": "an"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Nguyễn Văn An" in html


def test_list_queries_do_not_grow_with_rows(world, django_assert_num_queries):
    client = client_for(world.editor_a)
    make_member(world.cell_a, given="Một")
    client.get(reverse("people"))  # warm the session
    # Session, user, roles, count, page (status and organization come with it), and
    # the sliding session's save (savepoint, update, release).
    with django_assert_num_queries(8):
        client.get(reverse("people"))
    for index in range(20):
        make_member(world.cell_a, given=f"Người{index}")
    with django_assert_num_queries(8):
        response = client.get(reverse("people"))
    assert len(response.context["page_obj"]) == 21
