"""A real browser, at phone width: a commune board reads its village coverage, opens
the villages without a party member, records a cell's secretary and downloads the
spreadsheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketnap.core.browser import BROWSER, PHONE, download_responds, phone_checks, shot, sign_in
from ketnap.core.testing import LONG_AGO, build_world, make_member, make_org, make_user
from ketnap.organizations.models import Locality, LocalityCell, LocalityKind, OrgKind, Sector
from ketnap.people.models import Position, PositionKind

pytestmark = BROWSER
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


def _village(commune: Any, code: str, name: str, *cells: Any) -> Locality:
    village = Locality.objects.create(
        code=code, name=name, kind=LocalityKind.VILLAGE, commune=commune, valid_from=LONG_AGO
    )
    for cell in cells:
        LocalityCell.objects.create(locality=village, cell=cell, valid_from=LONG_AGO)
    return village


@pytest.mark.django_db(transaction=True)
def test_a_commune_board_reads_coverage_and_records_a_secretary(audit_cleanup, live_server, browser_page):
    world = build_world()
    joint = make_org(
        world.commune_a, "chi-bo-ghep", OrgKind.SUBORDINATE_CELL, name="Chi bộ ghép", sector=Sector.VILLAGE
    )
    _village(world.commune_a, "ban-a", "Bản Nậm Tăm", world.cell_a)
    _village(world.commune_a, "ban-b", "Bản Pa Bon", joint)
    _village(world.commune_a, "ban-c", "Bản Huổi Luông", joint)
    secretary = make_member(world.cell_a, family="Lò", middle="Văn", given="Sáng")
    board = make_user("xa_ban", (world.commune_a, "editor"))
    today = timezone.localdate()
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, board)

    page.goto(f"{base}/do-phu/xa-a/")
    page.fill("#id_ngay", today.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/do-phu/xa-a/?ngay=*")
    page.locator("table.list").get_by_text("Bản Pa Bon").wait_for()
    phone_checks(page)
    shot(page, "coverage")
    figures = page.locator("table.figures tbody tr").all_inner_texts()
    assert figures[1].split("\t")[:2] == ["Chưa có đảng viên", "2"], figures

    page.locator("table.figures").get_by_role("link", name="Chưa có đảng viên").click()
    page.wait_for_url("**ds=without-member")
    page.locator("table.list tbody tr").nth(1).wait_for()
    villages = page.locator("table.list tbody tr td:first-child").all_inner_texts()
    assert sorted(villages) == ["Bản Huổi Luông", "Bản Pa Bon"]
    phone_checks(page)
    download_responds(page, page.get_by_role("link", name="Tải Excel"), XLSX)

    page.goto(f"{base}/to-chuc/xa-a/")
    page.get_by_role("heading", name="Độ phủ thôn, bản").wait_for()
    phone_checks(page)  # the coverage section of the organization page, among the others
    page.goto(f"{base}/do-phu/chi-bo-a/")
    page.get_by_role("link", name="Bí thư chi bộ", exact=True).click()
    page.get_by_role("heading", name="Bí thư chi bộ · Chi bộ thôn A").wait_for()
    page.get_by_text("Chưa ghi nhận bí thư chi bộ.").wait_for()
    page.get_by_label("Bí thư chi bộ").select_option(str(secretary.pk))
    page.get_by_label("Giữ chức từ ngày").fill("01/03/2025")
    phone_checks(page)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Bí thư hiện nay: Lò Văn Sáng (từ 01/03/2025).").wait_for()
    phone_checks(page)
    shot(page, "coverage-secretary")
    position = Position.objects.get(kind=PositionKind.SECRETARY)
    assert (position.person, position.organization, position.valid_from) == (
        secretary,
        world.cell_a,
        dt.date(2025, 3, 1),
    )
