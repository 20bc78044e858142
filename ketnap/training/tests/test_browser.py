"""A real browser, at phone width: a commune board opens an awareness class, enrols a
promising person, records the sessions, the completion and the certificate, and finds
the class in the year's summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ketnap.core.browser import BROWSER, PHONE, download_responds, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_person, make_user
from ketnap.training.models import Enrolment, TrainingClass

pytestmark = BROWSER
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


def _save_and_return(page: Any, heading: str) -> None:
    phone_checks(page)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name=heading).wait_for()
    phone_checks(page)


def _open_class(page: Any, base: str) -> None:
    page.goto(f"{base}/lop-boi-duong/")
    page.get_by_role("link", name="Mở lớp bồi dưỡng").click()
    page.get_by_role("heading", name="Mở lớp bồi dưỡng").wait_for()
    page.fill("#id_organizer", "xa-a")
    page.select_option("#id_kind", label="Bồi dưỡng nhận thức về Đảng")
    page.fill("#id_name", "Lớp nhận thức về Đảng khóa 1/2025")
    page.fill("#id_start", "03/03/2025")
    page.fill("#id_end", "07/03/2025")
    page.fill("#id_sessions", "5")
    page.fill("#id_place", "Hội trường Đảng ủy xã")
    shot(page, "training-new-class")
    _save_and_return(page, "Lớp nhận thức về Đảng khóa 1/2025")


def _enrolment_step(page: Any, link: str, fields: dict[str, str]) -> None:
    page.locator("table.data tbody tr").first.get_by_role("link", name=link, exact=True).click()
    page.locator("form.record").wait_for()
    for selector, value in fields.items():
        page.fill(selector, value)
    _save_and_return(page, "Lớp nhận thức về Đảng khóa 1/2025")


@pytest.mark.django_db(transaction=True)
def test_a_commune_board_opens_a_class_and_enrols_a_person(audit_cleanup, live_server, browser_page):
    world = build_world()
    learner = make_person(world.cell_a, family="Giàng", middle="A", given="Páo", birth_date=dt.date(2000, 5, 1))
    board = make_user("xa_ban", (world.commune_a, "editor"))
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, board)

    page.goto(f"{base}/lop-boi-duong/")
    page.get_by_text("Chưa có lớp nào.").wait_for()
    phone_checks(page)
    _open_class(page, base)
    assert "Bồi dưỡng nhận thức về Đảng" in page.locator("dl.facts").inner_text()

    page.get_by_role("link", name="Thêm học viên").click()
    page.get_by_role("heading", name="Thêm học viên").wait_for()
    page.fill("#id_person", str(learner.pk))
    _save_and_return(page, "Lớp nhận thức về Đảng khóa 1/2025")
    page.locator("table.data").get_by_role("link", name="Giàng A Páo").wait_for()
    _enrolment_step(page, "Số buổi", {"#id_attended_sessions": "5"})
    _enrolment_step(page, "Hoàn thành", {"#id_completed_on": "07/03/2025"})
    _enrolment_step(page, "Cấp giấy chứng nhận", {"#id_number": "12-GCN/ĐU", "#id_issued_on": "10/03/2025"})
    row = page.locator("table.data tbody tr").first.inner_text()
    assert "5/5" in row and "07/03/2025" in row and "12-GCN/ĐU · 10/03/2025" in row
    shot(page, "training-class")
    download_responds(page, page.get_by_role("link", name="Xuất Excel"), XLSX)

    page.locator("nav.crumbs").get_by_role("link", name="Lớp bồi dưỡng").click()
    page.get_by_role("heading", name="Lớp bồi dưỡng", exact=True).wait_for()
    page.fill("#id_to_chuc", "xa-a")
    page.fill("#id_nam", "2025")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("heading", name="Tổng hợp năm 2025 · Đảng bộ xã A").wait_for()
    phone_checks(page)
    shot(page, "training-classes")
    download_responds(page, page.get_by_role("link", name="Xuất Excel"), XLSX)
    enrolment = Enrolment.objects.get()
    assert (enrolment.person, enrolment.training_class, enrolment.attended_sessions) == (
        learner,
        TrainingClass.objects.get(),
        5,
    )
    assert (enrolment.certificate_number, enrolment.certificate_issued_on) == ("12-GCN/ĐU", dt.date(2025, 3, 10))
