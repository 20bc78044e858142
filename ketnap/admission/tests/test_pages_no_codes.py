"""The admission pages speak to people: no internal code (a finding code, a row version,
a bare source tag) on the main pages, rendered for the demonstration data of Điện Biên
(Mường Ảng, built once for the module and rolled back afterwards)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ketnap.admission import selectors
from ketnap.admission.models import AdmissionCase, Prospect
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization

# The eve of the 2025 reform, when the district still stood: its board and queue then.
BEFORE_REFORM = dt.date(2025, 6, 16)
FINDING_CODE = re.compile(r"\b[a-z_]+\.[a-z_.]+")
BARE_TAG = re.compile(r"\[[ABCD]\]")


class _Text(HTMLParser):
    """The text a person reads in ``<main>``: no markup, no attribute, no script."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.depth = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.depth += tag == "main"
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "main"
        self.skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def internal_codes(html: str) -> list[str]:
    text = visible_text(html)
    found = FINDING_CODE.findall(text) + BARE_TAG.findall(text)
    if re.search(r"phiên bản \d", text):
        found.append("phiên bản")
    return found


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    # Rolled back afterwards: the demo's steps write audit rows, which cannot be deleted.
    with loaded_demo(django_db_blocker, "--only", "dien-bien"):
        yield


def admin_client() -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def demo_pages() -> Iterator[str]:
    """The main admission pages of the demo: board, queue and source of the district, the
    source of the residential group, every case page and the form of every step open to it."""
    district = "huyen-muong-ang"
    on = f"?ngay={BEFORE_REFORM.isoformat()}"
    yield reverse("admission:board", args=[district]) + on
    for town in ("muong-ang",):  # today's work in progress
        yield reverse("admission:board", args=[town])
        yield reverse("admission:queue", args=[town])
        yield reverse("admission:prospects", args=[town])
    yield reverse("admission:queue", args=[district]) + on
    yield reverse("admission:queue", args=[district])
    yield reverse("admission:prospects", args=[district]) + "?ngay=2020-06-01"
    for cell in {p.cell.code for p in Prospect.objects.select_related("cell")}:
        yield reverse("admission:prospects", args=[cell]) + "?ngay=2020-06-01"
    for case in AdmissionCase.objects.filter(cell__path__startswith=Organization.objects.get(code="dien-bien").path):
        yield reverse("admission:case", args=[case.pk])
        for item in selectors.steps_available(case):
            yield reverse("admission:step", args=[case.pk, item.kind.value])


@pytest.mark.django_db
def test_demo_pages_show_no_internal_code(demo: None) -> None:
    client = admin_client()
    seen = 0
    for url in demo_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        assert internal_codes(response.content.decode()) == [], url
        seen += 1
    assert seen > 20


@pytest.mark.django_db
def test_the_findings_and_the_queue_say_what_a_source_tag_means(demo: None) -> None:
    client = admin_client()
    # The town's work in progress, placed relative to the day the demo is loaded.
    html = client.get(reverse("admission:queue", args=["muong-ang"])).content.decode()
    assert '<abbr class="source-tag" title="Mức tin cậy của nguồn:' in html
