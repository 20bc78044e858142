"""A real browser, at phone width: a commune board opens its program, adds a year's
target, assigns a border guard to take part in a cell and a member to households, and
reads each beside its figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketnap.core.browser import BROWSER, PHONE, download_responds, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_member, make_user
from ketnap.organizations.models import Program
from ketnap.programs.models import HouseholdAssignment, ProgramTarget

pytestmark = BROWSER
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAME = "Chương trình phát triển đảng viên vùng biên giới"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


def _form(page: Any, link: str, fields: dict[str, str], choices: dict[str, str]) -> None:
    page.get_by_role("link", name=link).click()
    page.get_by_role("heading", name=link).wait_for()
    for selector, value in fields.items():
        page.fill(selector, value)
    for selector, label in choices.items():
        page.select_option(selector, label=label)
    phone_checks(page)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name=NAME).wait_for()
    phone_checks(page)


@pytest.mark.django_db(transaction=True)
def test_a_commune_board_adds_a_target_and_assigns_members(audit_cleanup, live_server, browser_page):
    world = build_world()
    program = Program.objects.create(code="bien-gioi", name=NAME, owner=world.commune_a, start=dt.date(2024, 1, 1))
    program.organizations.set([world.cell_a])
    guard = make_member(world.commune_a, family="Vàng", middle="A", given="Dế")
    helper = make_member(world.cell_a, family="Lò", middle="Thị", given="Hoa")
    board = make_user("xa_ban", (world.commune_a, "editor"))
    year = str(timezone.localdate().year)
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, board)

    page.goto(f"{base}/chuong-trinh/")
    page.get_by_role("link", name=NAME).click()
    page.get_by_role("heading", name=NAME).wait_for()
    phone_checks(page)
    _form(
        page,
        "Thêm chỉ tiêu",
        {"#id_year": year, "#id_minimum": "2", "#id_maximum": "4"},
        {"#id_kind": "Số đảng viên được kết nạp"},
    )
    target = page.locator("table.data tbody tr").first.inner_text()
    assert "Số đảng viên được kết nạp" in target and "2–4" in target and "Chưa đạt" in target
    _form(
        page,
        "Phân công đảng viên tham gia sinh hoạt chi bộ",
        {"#id_person": str(guard.pk), "#id_valid_from": "01/01/2025"},
        {"#id_cell": "Chi bộ thôn A", "#id_kind": "Bộ đội biên phòng"},
    )
    supporters = page.locator("table.data").nth(1).locator("tbody tr").first.inner_text()
    assert supporters.split("\t") == ["Bộ đội biên phòng", "1", "1"]
    _form(
        page,
        "Phân công đảng viên phụ trách hộ gia đình",
        {"#id_person": str(helper.pk), "#id_households": "12", "#id_valid_from": "01/01/2025"},
        {"#id_cell": "Chi bộ thôn A"},
    )
    page.get_by_text("1 đảng viên phụ trách 12 hộ ở 1 chi bộ").wait_for()
    shot(page, "programs-program")
    download_responds(page, page.get_by_role("link", name="Xuất Excel"), XLSX)

    page.locator("nav.crumbs").get_by_role("link", name="Chương trình").click()
    page.get_by_role("heading", name="Chương trình", exact=True).wait_for()
    phone_checks(page)
    download_responds(page, page.get_by_role("link", name="Xuất Excel"), XLSX)
    target_row = ProgramTarget.objects.get()
    assert (target_row.kind, target_row.minimum, target_row.maximum) == ("admissions", 2, 4)
    assert HouseholdAssignment.objects.get().households == 12
