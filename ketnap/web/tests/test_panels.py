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


@pytest.fixture
def one_section(monkeypatch):
    shown = Panel(title="Sinh hoạt chi bộ", template="web/partials/as_of_form.html", links=(("Cảnh báo", "/y/"),))
    monkeypatch.setattr(panels, "panel_sections", lambda: iter([("cells", lambda *a: shown)]))
    return shown


def test_a_large_subtree_shows_the_page_first_and_loads_each_section_by_itself(settings, one_section, world):
    settings.ORGANIZATION_PANELS_INLINE_MEMBERS = -1
    client = client_for(world.admin)
    page = client.get(f"/to-chuc/{world.province_a.code}/?ngay=01/01/2024").content.decode()
    url = f"/to-chuc/{world.province_a.code}/phan/cells/?ngay=2024-01-01"
    assert f'hx-get="{url}"' in page and "Sinh hoạt chi bộ" not in page
    section = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Sinh hoạt chi bộ" in section and 'href="/y/"' in section and "<html" not in section
    alone = client.get(url).content.decode()  # followed as a link, without scripts
    assert "<html" in alone and "Sinh hoạt chi bộ" in alone and world.province_a.name in alone


def test_a_small_subtree_computes_its_sections_with_the_page(settings, one_section, world):
    settings.ORGANIZATION_PANELS_INLINE_MEMBERS = 50_000
    page = client_for(world.admin).get(f"/to-chuc/{world.province_a.code}/").content.decode()
    assert "Sinh hoạt chi bộ" in page and "/phan/" not in page


def test_an_unknown_section_or_a_bad_date_is_refused_in_words(world):
    client = client_for(world.admin)
    missing = client.get(f"/to-chuc/{world.province_a.code}/phan/khong-co/")
    assert missing.status_code == 404 and "Không có phần này" in missing.content.decode()
    bad = client.get(f"/to-chuc/{world.province_a.code}/phan/cells/?ngay=31/02/2024")
    assert bad.status_code == 400


def test_a_section_with_nothing_to_show_says_so(monkeypatch, world):
    monkeypatch.setattr(panels, "panel_sections", lambda: iter([("cells", lambda *a: None)]))
    client = client_for(world.admin)
    url = f"/to-chuc/{world.province_a.code}/phan/cells/"
    assert client.get(url, headers={"HX-Request": "true"}).content.decode().strip() == ""
    assert "không có nội dung" in client.get(url).content.decode()
