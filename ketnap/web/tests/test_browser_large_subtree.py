"""A real browser at phone width on a subtree too large to compute everything at once
(the threshold set to nothing): the organization page's sections and the dashboard's
alerts arrive after the page, and the page still fits the phone's screen. (The sections
load side by side; the test waits for one it names rather than for all of them, since
the live server's SQLite connection is shared by its threads.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from ketnap.core.browser import BROWSER, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_member

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@override_settings(ORGANIZATION_PANELS_INLINE_MEMBERS=0)
def test_the_deferred_sections_and_alerts_arrive_and_fit_a_phone(
    audit_cleanup: None, live_server: Any, browser_page: Any
) -> None:
    world = build_world()
    make_member(world.cell_a, family="Lò", middle="Văn", given="Sáng")
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, world.admin)

    page.goto(f"{base}/to-chuc/vn/")
    page.get_by_role("heading", name="Sinh hoạt chi bộ").wait_for()  # a section that came after the page
    shot(page, "organization-deferred-sections")
    phone_checks(page, typed=frozenset({world.admin.username}))

    page.goto(f"{base}/tong-quan/vn/")
    page.locator("section[aria-labelledby='dash-alerts'] table").wait_for()
    assert page.get_by_role("link", name="Xem cảnh báo").count() == 0  # the placeholder was swapped out
    shot(page, "dashboard-deferred-alerts")
    phone_checks(page, typed=frozenset({world.admin.username}))
