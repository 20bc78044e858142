"""Apps add sections to an organization's page through ``ketnap.web.panels``."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.web import panels
from ketnap.web.panels import Panel
from ketnap.web.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_each_panel_function_is_asked_and_none_hides_the_section(monkeypatch, world):
    shown = Panel(title="Kế hoạch", template="web/partials/as_of_form.html", links=(("Xem kế hoạch", "/x/"),))
    monkeypatch.setattr(panels, "panel_functions", lambda: iter([lambda *a: shown, lambda *a: None]))
    assert panels.panels_for(world.admin, world.province_a, dt.date(2024, 1, 1)) == [shown]


def test_the_organization_page_shows_each_panel_with_its_links(monkeypatch, world):
    shown = Panel(
        title="Kế hoạch phát triển đảng viên", template="web/partials/as_of_form.html", links=(("Xem kế hoạch", "/x/"),)
    )
    monkeypatch.setattr(panels, "panel_functions", lambda: iter([lambda *a: shown]))
    page = client_for(world.admin).get(f"/to-chuc/{world.province_a.code}/").content.decode()
    assert "Kế hoạch phát triển đảng viên" in page and 'href="/x/"' in page
