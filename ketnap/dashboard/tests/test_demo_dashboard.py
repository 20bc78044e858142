"""Lai Châu on 31/12/2021: the dashboard shows the organization page's figures
(30.044 members, 1.393 probationary) and the plan achieved (1.022 admitted, 102%)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ketnap.demo.tests.loaded import loaded_demo

DAY = "31/12/2021"


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker, "--only", "lai-chau") as out:
        yield out


def _client() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def _figure(page: str, label: str) -> str:
    """The number shown under a figure's label (a link on the dashboard, not on the organization page)."""
    found = re.search(rf"<dt>{label}</dt><dd>(?:<a [^>]*>)?<strong>([\d.]+)</strong>", page)
    assert found, label
    return found.group(1)


@pytest.mark.django_db
def test_lai_chau_dashboard_equals_the_organization_page(demo: str) -> None:
    client = _client()
    board = client.get("/tong-quan/lai-chau/", {"ngay": DAY}).content.decode()
    org_page = client.get("/to-chuc/lai-chau/", {"ngay": DAY}).content.decode()
    for label in ("Đảng viên", "Đảng viên chính thức", "Đảng viên dự bị"):
        assert _figure(board, label) == _figure(org_page, label)
    assert _figure(board, "Đảng viên") == "30.044"
    assert _figure(board, "Đảng viên dự bị") == "1.393"
    assert _figure(board, "Đã kết nạp") == "1.022"
    assert "<strong>102%</strong>" in board


@pytest.mark.django_db
def test_lai_chau_trend_and_links(demo: str) -> None:
    page = _client().get("/tong-quan/lai-chau/", {"ngay": DAY}).content.decode()
    assert "12/2021" in page and "<svg" in page
    assert "/ke-hoach/" in page and "/do-phu/lai-chau/?ngay=2021-12-31&amp;ds=without-member" in page
