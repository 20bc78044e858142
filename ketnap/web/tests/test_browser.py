"""A real browser through the main path: log in, expand the tree with htmx, open an
organization, open a person and reveal the sensitive fields."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from ketnap.core.testing import add_events, build_world, clear_audit_log, make_member
from ketnap.people.models import MembershipEvent

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = os.environ.get("KETNAP_SCREENSHOT_DIR")  # set it to keep screenshots

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium is not installed at {CHROMIUM}"),
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="vi-VN")
        page.set_default_timeout(10_000)
        yield page
        browser.close()


@pytest.fixture
def audit_cleanup(transactional_db):
    """The reveal writes an audit row; the final flush needs the log emptied first."""
    yield
    clear_audit_log()


def shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"ketnap-{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_secretary_browses_tree_organization_and_person(audit_cleanup, live_server, browser_page):
    world = build_world()
    person = make_member(
        world.cell_a,
        family="Lò",
        middle="Thị",
        given="Xuân",
        gender="female",
        ethnicity="thai",
        citizen_id="014190001234",
    )
    wrong = add_events(person, ("temporary_out", dt.date(2020, 5, 1), {"other_organization": world.cell_b}))
    add_events(wrong, ("void", dt.date(2020, 6, 1), {"supersedes": MembershipEvent.objects.get(kind="temporary_out")}))
    page = browser_page

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    page.wait_for_function("window.htmx !== undefined")
    assert page.locator("#tree").inner_text().count("Đảng bộ tỉnh A") == 1

    # Expanding loads the children in place: the address does not change.
    for code, child in [("tinh-a", "Đảng bộ huyện A"), ("huyen-a", "Đảng bộ xã A"), ("xa-a", "Chi bộ thôn A")]:
        page.click(f'a.toggle[hx-target="#kids-{code}"]')
        page.locator(f"#kids-{code}").get_by_text(child).wait_for()
    assert page.url == f"{live_server.url}/"
    shot(page, "tree")

    page.locator("#kids-huyen-a a.org", has_text="Đảng bộ xã A").first.click()
    page.wait_for_url("**/to-chuc/xa-a/**")
    page.get_by_text("Thống kê đến ngày").wait_for()
    assert page.locator("dl.figures").get_by_text("Đảng viên", exact=True).count() == 1
    shot(page, "organization")

    page.click("text=Danh sách người >> nth=-1")
    page.wait_for_url("**/to-chuc/xa-a/nguoi/**")
    page.click("text=Lò Thị Xuân")
    page.wait_for_url(f"**/nguoi/{person.pk}/")
    timeline = page.locator("ol.timeline")
    assert "Lễ kết nạp" in timeline.inner_text()
    assert timeline.locator("li.corrected del").count() == 1
    assert "014190001234" not in page.content()

    page.click("text=Hiện thông tin")
    page.locator("#sensitive").get_by_text("014190001234").wait_for()
    assert page.url.endswith(f"/nguoi/{person.pk}/")  # swapped in place by htmx
    shot(page, "person")
