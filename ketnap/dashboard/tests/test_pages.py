"""The dashboard page and the landing page: scoped, dated, every figure a link."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from ketnap.core.testing import World, make_member, make_user

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_figures_as_links_to_the_lists_behind_them(w: World) -> None:
    make_member(w.cell_a)
    response = client_for(w.editor_a).get("/tong-quan/tinh-a/", {"ngay": "15/06/2024"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert reverse("dashboard:organization", args=["tinh-a"]) == "/tong-quan/tinh-a/"
    assert "đến ngày 15/06/2024" in page
    assert 'href="/to-chuc/tinh-a/nguoi/?ngay=2024-06-15&trang_thai=official"' in page
    assert 'href="/to-chuc/tinh-a/nguoi/?ngay=2024-06-15&trang_thai=probationary"' in page
    assert 'href="/ket-nap/to-chuc/tinh-a/hang-viec/?ngay=2024-06-15"' in page
    assert 'href="/sinh-hoat-chi-bo/to-chuc/tinh-a/canh-bao/?ngay=2024-06-15"' in page
    assert "<svg" in page and "06/2024" in page
    assert "<script" not in page.split("</head>", 1)[1]


def test_the_dashboard_lists_the_children_to_open_in_place(w: World) -> None:
    page = client_for(w.editor_a).get("/tong-quan/tinh-a/").content.decode()
    assert 'hx-target="#kids-huyen-a"' in page and "Đảng bộ huyện A" in page


def test_out_of_scope_is_404_like_a_missing_code(w: World) -> None:
    assert client_for(w.editor_a).get("/tong-quan/tinh-b/").status_code == 404
    assert client_for(w.viewer_commune_a).get("/tong-quan/tinh-a/").status_code == 404
    assert client_for(w.editor_a).get("/tong-quan/khong-co/").status_code == 404
    assert client_for(w.nobody).get("/tong-quan/vn/").status_code == 404


def test_anonymous_is_sent_to_login(w: World) -> None:
    from django.test import Client

    response = Client().get("/tong-quan/tinh-a/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("value", ["31/02/2020", "hôm qua", "01/01/1900", "9" * 40])
def test_a_bad_date_is_a_400_naming_the_field_with_nothing_computed(w: World, value: str) -> None:
    response = client_for(w.editor_a).get("/tong-quan/tinh-a/", {"ngay": value})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error"' in page and "Tính đến ngày" in page
    assert "Số liệu chính" not in page


def test_a_date_the_organization_did_not_exist_is_a_notice(w: World) -> None:
    response = client_for(w.editor_a).get("/tong-quan/tinh-a/", {"ngay": "01/01/1931"})
    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()


def test_home_renders_the_dashboard_of_the_one_visible_root(w: World) -> None:
    page = client_for(w.editor_a).get("/").content.decode()
    assert "Số liệu chính" in page and "Đảng bộ tỉnh A" in page
    assert 'href="/cay/"' in page  # the tree stays one link away
    assert 'hx-target="#kids-tinh-a"' in page  # and opens in place below the dashboard
    admin = client_for(w.admin).get("/").content.decode()
    assert "Toàn quốc" in admin and "Số liệu chính" in admin


def test_home_lists_the_roots_of_a_user_with_several(w: World) -> None:
    both = make_user("both", (w.province_a, "viewer"), (w.province_b, "viewer"))
    page = client_for(both).get("/").content.decode()
    assert "Số liệu chính" not in page
    assert "Đảng bộ tỉnh A" in page and "Đảng bộ tỉnh B" in page


def test_the_tree_page(w: World) -> None:
    page = client_for(w.editor_a).get("/cay/").content.decode()
    assert "Cây tổ chức" in page and "Đảng bộ tỉnh A" in page and "Số liệu chính" not in page


def test_figures_use_vietnamese_number_formats(w: World) -> None:
    for index in range(3):
        make_member(w.cell_a, given=f"An {index}", ceremony=dt.date(2015, 3, 1))
    page = client_for(w.editor_a).get("/tong-quan/tinh-a/", {"ngay": "2024-06-15"}).content.decode()
    assert "<strong>3</strong>" in page


def test_the_dashboard_links_back_to_the_organization_page_on_the_same_date(w: World) -> None:
    page = client_for(w.editor_a).get("/tong-quan/tinh-a/", {"ngay": "15/06/2024"}).content.decode()
    assert f'href="{reverse("organization", args=["tinh-a"])}?ngay=2024-06-15"' in page


def test_a_large_subtree_shows_its_dashboard_first_and_loads_the_alerts_by_themselves(w: World, settings) -> None:
    settings.ORGANIZATION_PANELS_INLINE_MEMBERS = -1
    client = client_for(w.editor_a)
    page = html.unescape(client.get("/tong-quan/tinh-a/", {"ngay": "15/06/2024"}).content.decode())
    url = "/tong-quan/tinh-a/canh-bao/?ngay=2024-06-15"
    assert f'hx-get="{url}"' in page and "Chi bộ dưới 3 đảng viên chính thức" not in page
    section = html.unescape(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert "Chi bộ dưới 3 đảng viên chính thức" in section and "<html" not in section
    alone = client.get(url).content.decode()
    assert "<html" in alone and "Chi bộ dưới 3 đảng viên chính thức" in alone


def test_a_small_subtree_has_its_alerts_with_the_page(w: World, settings) -> None:
    settings.ORGANIZATION_PANELS_INLINE_MEMBERS = 50_000
    page = client_for(w.editor_a).get("/tong-quan/tinh-a/").content.decode()
    assert "Chi bộ dưới 3 đảng viên chính thức" in page and "/canh-bao/?ngay" not in page.replace(
        "/sinh-hoat-chi-bo/to-chuc/tinh-a/canh-bao/", ""
    )


def test_the_alerts_section_refuses_a_bad_date_and_another_subtree(w: World) -> None:
    client = client_for(w.editor_a)
    assert client.get("/tong-quan/tinh-a/canh-bao/", {"ngay": "31/02/2024"}).status_code == 400
    assert client.get("/tong-quan/tinh-b/canh-bao/").status_code == 404
