"""A real browser, at phone width: a commune board reads the period's reports, checks a
draft with a wrong figure, sends a report upward and finds it in the sent list; the
files behind the download links are served."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ketnap.core.browser import BROWSER, PHONE, download_responds, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_member, make_user
from ketnap.reports.models import FrozenReport
from ketnap.reports.svg import FUNNEL_WIDTH

pytestmark = BROWSER

DOWNLOADS = {
    "Tải Excel": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Tải PDF": "application/pdf",
    "Tải Word": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


def _open_period(page: Any, base: str) -> None:
    page.goto(f"{base}/bao-cao/to-chuc/xa-a/tang-giam/")
    page.fill("#id_tu", "01/01/2015")
    page.fill("#id_den", "31/12/2015")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/tang-giam/?tu=01%2F01%2F2015&den=31%2F12%2F2015")
    page.get_by_role("heading", name="Tăng, giảm đảng viên").first.wait_for()
    phone_checks(page)


def _tab(page: Any, label: str) -> None:
    page.locator("nav.tabs").get_by_role("link", name=label).click()
    page.wait_for_url("**den=31%2F12%2F2015")
    page.locator("form.period").wait_for()
    phone_checks(page)


def _downloads_respond(page: Any, *labels: str) -> None:
    for label in labels:
        download_responds(page, page.get_by_role("link", name=label), DOWNLOADS[label])


# "__all__": with a read replica configured (./dev test-replica) the live server's
# report reads go to it, from the server's own thread.
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_commune_board_reads_checks_and_sends_its_reports(audit_cleanup, live_server, browser_page):
    world = build_world()
    for given in ("Sáng", "Mai", "Tâm"):
        make_member(world.cell_a, ceremony=dt.date(2015, 3, 1), official=False, family="Lò", given=given)
    board = make_user("xa_ban", (world.commune_a, "editor"))
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, board)

    _open_period(page, base)
    shot(page, "reports-change")
    _downloads_respond(page, "Tải Excel", "Tải PDF")

    _tab(page, "Đảng viên mới")
    assert page.locator("svg.chart").count() == 1
    _tab(page, "Quy trình phát triển")
    chart = page.locator("svg.chart.funnel")
    assert "Lễ kết nạp" in chart.inner_html()
    # Its stage names, drawn at 12 units, are still at least 10 px on the phone screen.
    assert 12 * chart.bounding_box()["width"] / FUNNEL_WIDTH >= 10
    shot(page, "reports-funnel")
    _downloads_respond(page, "Tải Excel", "Tải PDF")
    _tab(page, "Báo cáo bằng lời")
    _downloads_respond(page, "Tải Word")

    _tab(page, "Đối chiếu dự thảo")
    draft = "Tính đến ngày 31/12/2015 có 9 đảng viên; năm 2015 kết nạp 3 đảng viên mới."
    page.get_by_label("Dự thảo báo cáo").fill(draft)
    page.get_by_role("button", name="Đối chiếu").click()
    finding = page.locator("table.report td", has_text="văn bản ghi 9")
    finding.wait_for()
    assert "Tổng số đảng viên: văn bản ghi 9, số liệu là 3 (chênh 6)." in finding.inner_text()
    assert page.locator("table.report tbody tr").count() == 1  # the admissions agree
    phone_checks(page)
    shot(page, "reports-check")

    _tab(page, "Báo cáo đã gửi")
    page.select_option("#id_bao_cao", label="Đảng viên mới kết nạp")
    page.get_by_label("Ghi chú").fill("Gửi Ban Tổ chức Huyện ủy")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url("**/bao-cao/da-gui/*/")
    page.get_by_role("heading", name="So với số liệu tính lại hôm nay").wait_for()
    assert "Số liệu không thay đổi kể từ khi gửi." in page.inner_text("main")
    phone_checks(page)
    page.locator("nav.crumbs").get_by_role("link", name="Báo cáo đã gửi").click()
    page.wait_for_url("**/bao-cao/to-chuc/xa-a/da-gui/")
    row = page.locator("table.report tbody tr").first
    row.get_by_role("link", name="Đảng viên mới kết nạp").wait_for()
    assert "01/01/2015–31/12/2015" in row.inner_text()
    phone_checks(page)
    shot(page, "reports-sent")
    report = FrozenReport.objects.get()
    assert (report.kind, report.first, report.last) == ("new_members", dt.date(2015, 1, 1), dt.date(2015, 12, 31))
