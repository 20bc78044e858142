"""Vietnamese by default, English on request; Vietnamese number and date formats."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ketnap.reports.selectors import organization_statistics
from ketnap.web import presenters

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_vietnamese_is_the_default(world):
    html = client_for(world.editor_a).get(reverse("home")).content.decode()
    assert '<html lang="vi">' in html
    assert "Cây tổ chức" in html


def test_pages_ignore_the_browser_language(world):
    client = client_for(world.editor_a)
    html = client.get(reverse("home"), headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in html


def test_switching_to_english_renders_english_labels(world, member_a):
    client = client_for(world.editor_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("person", args=[member_a.pk])})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in html
    assert "Membership history" in html
    assert "Admission ceremony" in html  # event kinds from the model choices
    assert "Official member" in html
    assert "Reveal" in html
    assert "Quá trình đảng tịch" not in html


def test_english_organization_page(world):
    client = client_for(world.editor_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("organization", args=["xa-a"]), {"ngay": "2024-12-31"}).content.decode()
    assert "Statistics as of 31/12/2024" in html
    assert "Grassroots party committee" in html
    assert "Subordinate party cell" in html


def _big_statistics(org):
    stats = organization_statistics(org, dt.date(2024, 12, 31))
    return dataclasses.replace(stats, members=30044, women=21559)  # 71.76 % women


def _render(stats) -> str:
    context = {"stats": stats, "figures": presenters.key_figures(stats), "sections": presenters.breakdowns(stats)}
    return render_to_string("web/partials/organization_stats.html", context)


def test_numbers_in_vietnamese_format(world):
    with translation.override("vi"):
        html = _render(_big_statistics(world.province_a))
    assert "<strong>30.044</strong>" in html
    assert "(71,76%)" in html
    assert "Thống kê đến ngày 31/12/2024" in html


def test_numbers_in_english_format(world):
    with translation.override("en"):
        html = _render(_big_statistics(world.province_a))
    assert "<strong>30,044</strong>" in html
    assert "(71.76%)" in html


def test_date_box_shows_dd_mm_yyyy_and_accepts_it(world):
    client = client_for(world.editor_a)
    html = client.get(reverse("organization", args=["xa-a"]), {"ngay": "2024-02-29"}).content.decode()
    assert 'value="29/02/2024"' in html
    html = client.get(reverse("organization", args=["xa-a"]), {"ngay": "29/02/2024"}).content.decode()
    assert "Thống kê đến ngày 29/02/2024" in html


def test_birth_dates_in_the_list_are_day_first(world, member_a):
    html = client_for(world.editor_a).get(reverse("people")).content.decode()
    assert "21/05/1988" in html
