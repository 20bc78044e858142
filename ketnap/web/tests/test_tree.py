"""The organization tree: visible roots, expanding a node, the tree as of a date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ketnap.core.testing import make_org
from ketnap.organizations.models import OrgKind

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_htmx_request_without_session_reloads_the_login_page(client):
    response = client.get(reverse("tree_node", args=["tinh-a"]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_home_shows_only_the_roots_a_user_may_see(world):
    assert "Bạn chưa được phân quyền" in client_for(world.nobody).get(reverse("home")).content.decode()

    editor = client_for(world.editor_a).get(reverse("home")).content.decode()
    assert "Đảng bộ tỉnh A" in editor
    assert "Đảng bộ tỉnh B" not in editor

    outsider = client_for(world.outsider_b).get(reverse("home")).content.decode()
    assert "Đảng bộ tỉnh B" in outsider
    assert "Đảng bộ tỉnh A" not in outsider

    admin = client_for(world.admin).get(reverse("home")).content.decode()
    assert "Toàn quốc" in admin


@pytest.mark.parametrize(
    ("persona", "status"), [("nobody", 404), ("editor_a", 200), ("viewer_commune_a", 404), ("outsider_b", 404)]
)
def test_node_page_three_ways(world, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("tree_node", args=["tinh-a"]))
    assert response.status_code == status


def test_node_page_without_js_lists_children(world):
    response = client_for(world.editor_a).get(reverse("tree_node", args=["tinh-a"]))
    html = response.content.decode()
    assert "<html" in html
    assert "Đảng bộ huyện A" in html


def test_htmx_expand_returns_only_the_children_fragment(world):
    response = client_for(world.editor_a).get(reverse("tree_node", args=["huyen-a"]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Đảng bộ xã A" in html
    assert 'hx-target="#kids-xa-a"' in html  # the commune expands further
    assert response["Vary"].count("HX-Request") == 1


def test_tree_as_of_a_date_shows_nodes_valid_then(world):
    make_org(
        world.district_a,
        "xa-cu",
        OrgKind.GRASSROOTS_COMMITTEE,
        name="Đảng bộ xã Cũ",
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2020, 1, 1),
    )
    make_org(
        world.district_a, "xa-moi", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Mới", valid_from=dt.date(2020, 1, 1)
    )
    client = client_for(world.editor_a)
    url = reverse("tree_node", args=["huyen-a"])

    before = client.get(url, {"ngay": "2019-12-31"}).content.decode()
    assert "Đảng bộ xã Cũ" in before
    assert "Đảng bộ xã Mới" not in before

    after = client.get(url, {"as_of": "2020-01-01"}).content.decode()
    assert "Đảng bộ xã Cũ" not in after
    assert "Đảng bộ xã Mới" in after


def test_invalid_date_is_refused_with_a_message_not_replaced_by_today(world):
    response = client_for(world.editor_a).get(reverse("home"), {"ngay": "31/02/2020"})
    assert response.status_code == 400
    assert "Đảng bộ tỉnh A" not in response.content.decode()
    assert 'class="error"' in response.content.decode()
