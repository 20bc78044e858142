"""A real browser, 390 px wide and without JavaScript: an administrator opens a cell
under a commune, then records a village served by it."""

from __future__ import annotations

import pytest

from ketnap.core.browser import ARGS, BROWSER, CHROMIUM, shot, sign_in
from ketnap.core.testing import build_world, make_member, make_user
from ketnap.organizations.models import LocalityCell, Organization

pytestmark = BROWSER

PHONE_WIDTH = 390


def assert_fits(page) -> None:
    """No horizontal scroll on a phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide"


@pytest.fixture
def phone_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            viewport={"width": PHONE_WIDTH, "height": 844}, locale="vi-VN", java_script_enabled=False
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_administrator_opens_a_cell_then_a_village_it_serves(audit_cleanup, live_server, phone_page):
    world = build_world()
    admin = make_user("admin_a", (world.province_a, "admin"))
    make_member(world.cell_a, family="Hoàng", middle="Thị Thanh", given="Xuân")
    page = phone_page

    # An administrator signs in with a second factor; its own browser test covers that.
    sign_in(page, live_server.url, admin)

    page.goto(f"{live_server.url}/to-chuc/xa-a/")
    page.click("text=Thành lập tổ chức trực thuộc")
    page.wait_for_url("**/to-chuc/xa-a/thanh-lap/")
    assert_fits(page)
    page.fill("#id_name", "Chi bộ bản Nậm Cha")
    page.fill("#id_code", "chi-bo-nam-cha")
    page.select_option("#id_kind", "subordinate_cell")
    page.select_option("#id_sector", "village")
    shot(page, "organization-add")
    page.click("button.primary")
    page.wait_for_url("**/to-chuc/chi-bo-nam-cha/**")
    assert page.locator("h1").inner_text() == "Chi bộ bản Nậm Cha"
    cell = Organization.objects.get(code="chi-bo-nam-cha")
    assert Organization.objects.get_parent(cell) == world.commune_a

    page.goto(f"{live_server.url}/to-chuc/xa-a/thon-ban/")
    page.click("text=Thêm thôn, bản, tổ dân phố")
    page.fill("#id_name", "Bản Nậm Cha")
    page.fill("#id_code", "ban-nam-cha")
    page.select_option("#id_kind", "hamlet")
    page.check("#id_hardship_area")
    page.fill("#id_valid_from", "31/02/2024")  # not a date: refused, naming the field
    page.click("button.primary")
    page.get_by_text("Ngày bắt đầu: Ngày 31/02/2024 không tồn tại trong lịch.").wait_for()
    assert_fits(page)
    page.fill("#id_valid_from", "01/01/2024")
    page.click("button.primary")
    page.wait_for_url("**/to-chuc/xa-a/thon-ban/ban-nam-cha/")

    page.click("text=Giao chi bộ phụ trách")
    page.select_option("#id_cell", label="Chi bộ bản Nậm Cha")
    assert_fits(page)
    page.click("button.primary")
    page.wait_for_url("**/to-chuc/xa-a/thon-ban/ban-nam-cha/")
    assert "Chi bộ bản Nậm Cha" in page.locator("main").inner_text()
    assert_fits(page)
    shot(page, "locality")
    assert LocalityCell.objects.get(locality__code="ban-nam-cha").cell == cell

    for path in ("xa-a/sap-xep/", "xa-a/tham-quyen/", "chi-bo-nam-cha/doi-ten/", "xa-a/thon-ban/"):
        page.goto(f"{live_server.url}/to-chuc/{path}")
        assert_fits(page)
    page.goto(f"{live_server.url}/to-chuc/xa-a/sap-xep/?kind=merge&on=01/07/2025&target=huyen-a")
    page.get_by_text("Hoàng Thị Thanh Xuân").wait_for()
    assert_fits(page)
    shot(page, "reorganize-preview")
