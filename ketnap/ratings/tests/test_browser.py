"""A real browser, at phone width: a commune board records the year's rating of its
cell through the batch form and reads it back with the summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from ketnap.core.browser import BROWSER, PHONE, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_member, make_user
from ketnap.ratings.models import Rating

pytestmark = BROWSER


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


@pytest.mark.django_db(transaction=True)
def test_a_commune_board_records_its_cells_rating(audit_cleanup, live_server, browser_page):
    world = build_world()
    member = make_member(world.cell_a, family="Lò", middle="Văn", given="Sáng")
    board = make_user("xa_ban", (world.commune_a, "editor"))
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, board)

    page.goto(f"{base}/xep-loai/xa-a/")
    page.fill("#id_nam", "2024")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/xep-loai/xa-a/?nam=2024*")
    page.get_by_text("Chưa có xếp loại nào.").wait_for()
    phone_checks(page)

    page.get_by_role("link", name="Nhập xếp loại").click()
    page.wait_for_url("**/xep-loai/xa-a/nhap/?nam=2024*")
    page.locator("form.record").wait_for()
    page.fill("#id_rated_on", "20/12/2024")
    page.select_option("select[name='level_chi-bo-a']", label="Hoàn thành tốt nhiệm vụ")
    phone_checks(page)
    shot(page, "ratings-record")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/xep-loai/xa-a/?nam=2024&doi_tuong=organizations")
    row = page.locator("table.list tbody tr", has_text="Chi bộ thôn A")
    row.wait_for()
    assert "Hoàn thành tốt nhiệm vụ" in row.inner_text() and "20/12/2024" in row.inner_text()
    summary = page.locator("table.figures tr", has_text="Chi bộ hoàn thành tốt nhiệm vụ trở lên").inner_text()
    assert "1/1" in summary and "100,00%" in summary
    phone_checks(page)
    shot(page, "ratings")
    rating = Rating.objects.get(person=None)
    assert (rating.organization, rating.year, rating.level) == (world.cell_a, 2024, "good")
    assert rating.rated_on == dt.date(2024, 12, 20)

    page.goto(f"{base}/xep-loai/chi-bo-a/nhap/?nam=2025&doi_tuong=members")
    page.locator("form.record").wait_for()
    page.fill("#id_rated_on", "20/12/2025")
    page.select_option(f"select[name='level_{member.pk}']", label="Hoàn thành tốt nhiệm vụ")
    page.fill(f"input[name='points_{member.pk}']", "85.5")
    phone_checks(page)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/xep-loai/chi-bo-a/?nam=2025&doi_tuong=members")
    row = page.locator("table.list tbody tr", has_text="Lò Văn Sáng")
    row.wait_for()
    assert "Hoàn thành tốt nhiệm vụ" in row.inner_text() and "85,50" in row.inner_text()
    phone_checks(page)
    assert Rating.objects.get(person=member).points == Decimal("85.5")
