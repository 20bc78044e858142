"""A real browser, at phone width: a cell secretary records a meeting with every member's
attendance in one form, and sees it listed."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from ketnap.cells.models import Attendance, Meeting
from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import build_world, make_member, make_user

pytestmark = BROWSER


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


@pytest.mark.django_db(transaction=True)
def test_a_cell_secretary_records_a_meeting_with_attendance(audit_cleanup, live_server, browser_page):
    world = build_world()
    present = make_member(world.cell_a, family="Lò", middle="Văn", given="Sáng")
    absent = make_member(world.cell_a, family="Hà", middle="Thị", given="Mai")
    excused = make_member(world.cell_a, family="Vi", middle="Văn", given="Tâm")
    make_user("bithu", (world.cell_a, "editor"))
    today = timezone.localdate().strftime("%d/%m/%Y")
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/sinh-hoat-chi-bo/to-chuc/{world.cell_a.code}/")
    page.get_by_role("link", name="Ghi buổi sinh hoạt").click()
    page.wait_for_url(f"{base}/sinh-hoat-chi-bo/to-chuc/{world.cell_a.code}/hop-moi/")
    page.wait_for_load_state("load")
    roster = page.locator(".attendance-lines")
    roster.wait_for()
    assert roster.locator("select").count() == 3, roster.inner_text()
    page.fill("#id_date", today)
    page.fill("#id_topic", "Sinh hoạt chi bộ thường kỳ")
    page.select_option(f"#att-{absent.pk}", "unexcused")
    page.select_option(f"#att-{excused.pk}", "excused")
    page.fill(f"input[name='reason-{excused.pk}']", "Ốm")
    shot(page, "cells-meeting-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button.primary")
    page.get_by_text("Có mặt 1/3").wait_for()
    shot(page, "cells-meeting-recorded")

    meeting = Meeting.objects.get()
    assert meeting.date == timezone.localdate()
    absences = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "absence"))
    assert absences == {present.pk: "", absent.pk: "unexcused", excused.pk: "excused"}

    page.goto(f"{base}/sinh-hoat-chi-bo/to-chuc/{world.cell_a.code}/dang-phi/")
    for member in (present, absent, excused):
        page.select_option(f"select[name='paid-{member.pk}']", "yes")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button.primary")
    page.get_by_text("Đã đóng 3/3").wait_for()
    shot(page, "cells-dues-saved")
