"""A real browser through the main path: log in, expand the tree with htmx, open an
organization, open a person and reveal the sensitive fields."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import add_events, build_world, make_member
from ketnap.people.models import MembershipEvent

pytestmark = BROWSER


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

    # A date changed in place moves the links at the top (the dashboard first) to it.
    page.fill("#id_ngay", "31/12/2023")
    page.click("form.as-of button")
    page.get_by_text("Thống kê đến ngày 31/12/2023").wait_for()
    dashboard = page.locator("#org-actions a", has_text="Tổng quan")
    assert dashboard.get_attribute("href") == "/tong-quan/xa-a/?ngay=2023-12-31"
    assert page.locator("#org-actions").count() == 1

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
