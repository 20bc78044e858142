"""GET /api/v1/dashboard/{code}: the page's figures, scoped and dated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ketnap.accounts.tokens import token_create
from ketnap.core.testing import World, make_member
from ketnap.dashboard.selectors import dashboard

pytestmark = pytest.mark.django_db


def _get(user: object, url: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    token = token_create(actor=None, user=user, label="t")[1]
    response = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, response.json()


def test_the_api_returns_the_dashboard_figures(w: World) -> None:
    make_member(w.cell_a)
    status, body = _get(w.editor_a, "/api/v1/dashboard/tinh-a?as_of=2024-06-15")
    assert status == 200, body
    board = dashboard(w.editor_a, w.province_a, dt.date(2024, 6, 15))
    assert body["code"] == "tinh-a" and body["as_of"] == "2024-06-15"
    assert body["figures"] == board.figures.__dict__
    assert body["plan"] is None
    assert body["queue"]["total"] == 0 and body["alerts"]["cells"] == 1
    assert [m["month"] for m in body["trend"]][-1] == "2024-06-01"
    assert len(body["trend"]) == 12


def test_out_of_scope_and_missing_are_404(w: World) -> None:
    assert _get(w.editor_a, "/api/v1/dashboard/tinh-b")[0] == 404
    assert _get(w.editor_a, "/api/v1/dashboard/khong-co")[0] == 404
    assert _get(w.viewer_commune_a, "/api/v1/dashboard/tinh-a")[0] == 404


@pytest.mark.parametrize("value", ["15/06/2024", "2024-02-30", "x", "2024-06-15T00:00:00"])
def test_a_bad_date_is_a_4xx_naming_the_field(w: World, value: str) -> None:
    status, body = _get(w.editor_a, f"/api/v1/dashboard/tinh-a?as_of={value}")
    assert status in (400, 422)
    assert "as_of" in str(body)


def test_a_date_before_the_organization_existed_is_404(w: World) -> None:
    assert _get(w.editor_a, "/api/v1/dashboard/tinh-a?as_of=1931-01-01")[0] == 404
