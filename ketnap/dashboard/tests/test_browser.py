"""A real browser at phone width: the administrator lands on the nation's dashboard,
which fits the screen, and a figure leads to the list behind it."""

from __future__ import annotations

from typing import Any

import pytest

from ketnap.core.browser import BROWSER, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_member

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_the_admin_lands_on_the_nations_dashboard_and_follows_a_figure(
    audit_cleanup: None, live_server: Any, browser_page: Any
) -> None:
    world = build_world()
    make_member(world.cell_a, family="Lò", middle="Văn", given="Sáng")
    make_member(world.cell_b, family="Hà", middle="Thị", given="Mai", official=False)
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, world.admin)

    page.goto(f"{base}/")
    page.get_by_role("heading", name="Toàn quốc").wait_for()
    page.get_by_role("heading", name="Số liệu chính").wait_for()
    shot(page, "dashboard-nation")
    phone_checks(page, typed=frozenset({world.admin.username}))

    page.locator("dl.figures a").nth(2).click()  # the probationary members
    page.wait_for_url("**/to-chuc/vn/nguoi/**")
    assert "trang_thai=probationary" in page.url
    page.get_by_text("Hà Thị Mai").wait_for()
    assert page.get_by_text("Lò Văn Sáng").count() == 0
    phone_checks(page, typed=frozenset({world.admin.username}))
