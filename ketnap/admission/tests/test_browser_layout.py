"""A real browser measures the layout: the case page's checklist keeps its columns wide
enough to read on a desktop, and no main page is wider than a 390 px phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from ketnap.admission.models import ProgressNote, Prospect
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import official_members, open_case, record_until
from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import World, build_world, make_person

pytestmark = BROWSER
PHONE = 390

# Cells of the checklist that hold words, with their width in their own em.
CELL_WIDTHS = """() => [...document.querySelectorAll('table.checklist th, table.checklist td')]
  .filter(cell => /\\p{L}{2,}/u.test(cell.innerText))
  .map(cell => [cell.innerText.trim().slice(0, 40),
                cell.getBoundingClientRect().width / parseFloat(getComputedStyle(cell).fontSize)])"""
# What sticks out to the right of the viewport, to name it when a page overflows.
OVERFLOWING = """(limit) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 8).map(el => el.tagName + '.' + el.className + ' ' + (el.innerText || '').trim().slice(0, 30))"""


def _login(page: Any, base: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


def _walked_case(world: World) -> Any:
    """A case up to the admission decision, with introducers, relatives and verifications,
    and a prospect with a long progress note in the same cell."""
    case = record_until(open_case(world), StepKind.DECISION, actor=world.editor_a)
    person = make_person(
        world.cell_a, family="Hoàng", middle="Thị Thanh", given="Huyền", birth_date=dt.date(2002, 1, 9)
    )
    prospect = Prospect.objects.create(
        person=person, cell=world.cell_a, origin="youth_union", noted_on=dt.date(2022, 5, 1)
    )
    ProgressNote.objects.create(
        prospect=prospect,
        meeting_on=dt.date(2022, 6, 1),
        reported_by=official_members(world.cell_a, dt.date(2022, 6, 1))[0],
        text="Tích cực tham gia phong trào của thôn, gương mẫu chấp hành chủ trương của Đảng " * 3,
    )
    return case


@pytest.mark.django_db(transaction=True)
def test_checklist_is_readable_on_a_desktop_and_fits_a_phone(audit_cleanup: None, live_server: Any, browser_page: Any):
    world = build_world()
    case = _walked_case(world)
    page, base = browser_page, live_server.url
    _login(page, base)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + reverse("admission:case", args=[case.pk]))
    page.wait_for_selector("table.checklist")
    shot(page, "case-checklist-desktop")
    narrow = [(text, round(width, 1)) for text, width in page.evaluate(CELL_WIDTHS) if width < 8]
    assert narrow == []

    page.set_viewport_size({"width": PHONE, "height": 844})
    page.reload()
    page.wait_for_selector("table.checklist")
    shot(page, "case-checklist-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, page.evaluate(OVERFLOWING, PHONE)


@pytest.mark.django_db(transaction=True)
def test_main_pages_fit_a_phone(audit_cleanup: None, live_server: Any, browser_page: Any):
    world = build_world()
    case = _walked_case(world)
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": PHONE, "height": 844})
    _login(page, base)
    urls = {
        "home": reverse("home"),
        "organization": reverse("organization", args=[world.cell_a.code]),
        "people": reverse("people"),
        "person": reverse("person", args=[case.person_id]),
        "case": reverse("admission:case", args=[case.pk]),
        "board": reverse("admission:board", args=[world.province_a.code]),
        "queue": reverse("admission:queue", args=[world.province_a.code]) + "?ngay=2023-05-20",
        "source": reverse("admission:prospects", args=[world.cell_a.code]) + "?ngay=2022-07-01",
        "step": reverse("admission:step", args=[case.pk, StepKind.CEREMONY.value]),
        "people-page": reverse("people") + "?trang=1",
    }
    wide = {}
    for name, url in urls.items():
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        shot(page, f"phone-{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            wide[name] = (width, page.evaluate(OVERFLOWING, PHONE))
    assert wide == {}


@pytest.mark.django_db(transaction=True)
def test_a_date_picked_in_the_calendar_fills_the_text_box(audit_cleanup: None, live_server: Any, browser_page: Any):
    world = build_world()
    case = open_case(world)
    page, base = browser_page, live_server.url
    _login(page, base)
    page.goto(base + reverse("admission:step", args=[case.pk, StepKind.APPLICATION.value]))
    page.wait_for_selector("#id_occurred_on")
    page.fill("input[name=occurred_on__lich]", "2023-01-16")
    page.dispatch_event("input[name=occurred_on__lich]", "change")
    assert page.input_value("#id_occurred_on") == "16/01/2023"
    page.fill("#id_occurred_on", "17/01/2023")
    assert page.input_value("input[name=occurred_on__lich]") == ""
