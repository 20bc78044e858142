"""A real browser: a province administrator (past the second factor) opens user
management from the account page, grants a cell viewer the editor role on the cell,
and checks the cell's access list; the pages fit a 390 px phone screen and break no
Content-Security-Policy on the way."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from ketnap.accounts.models import RoleAssignment
from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import build_world, make_user

pytestmark = BROWSER


def signed_in_past_the_second_factor(page, base: str, user) -> None:
    """The session a completed two-factor login leaves (``ketnap.accounts.testing``)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])


def fits(page, width: int) -> bool:
    return bool(page.evaluate(f"document.documentElement.scrollWidth <= {width}"))


@pytest.mark.django_db(transaction=True)
def test_an_administrator_grants_a_role_below_their_own(audit_cleanup, live_server, browser_page):
    world = build_world()
    admin_a = make_user("admin_a", (world.province_a, "admin"))
    viewer = make_user("chibo_xem", (world.cell_a, "viewer"))
    page = browser_page
    base = live_server.url
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    signed_in_past_the_second_factor(page, base, admin_a)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{base}/tai-khoan/")
    page.click("text=Quản lý người dùng và vai trò")
    page.wait_for_url("**/quan-tri/nguoi-dung/")
    assert fits(page, 390)
    shot(page, "users-list")
    page.click("table.users >> text=chibo_xem")
    page.wait_for_url("**/nguoi-dung/chibo_xem/")
    page.select_option("#id_role", "editor")
    page.fill("#id_organization", "chi-bo-a")
    page.click("form.record button.primary")
    page.get_by_text("Đã cấp vai trò.").wait_for()
    page.locator("table.roles td", has_text="Cập nhật").wait_for()
    assert fits(page, 390)
    shot(page, "user-role-granted")
    assert RoleAssignment.objects.filter(user=viewer, organization=world.cell_a, role="editor").exists()

    # A grant on the administrator's own province is refused on the page, not silently.
    page.select_option("#id_role", "admin")
    page.fill("#id_organization", "tinh-a")
    page.click("form.record button.primary")
    page.get_by_text("Bạn không có quyền thực hiện thao tác này.").wait_for()
    assert not RoleAssignment.objects.filter(user=viewer, role="admin").exists()

    page.goto(f"{base}/tai-khoan/quan-tri/to-chuc/chi-bo-a/truy-cap/")
    page.locator("table.access tr", has_text="chibo_xem").first.wait_for()
    assert page.locator("table.access tr", has_text="admin_a").count() == 1
    assert fits(page, 390)
    shot(page, "organization-access")
    assert refused == []
