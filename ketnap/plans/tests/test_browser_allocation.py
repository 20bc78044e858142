"""A real browser: a commune board allocates its year's plan to its cells from the
organization page and sees the achievement against it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import add_events, build_world, make_org, make_person, make_user
from ketnap.organizations.models import OrgKind, Sector
from ketnap.plans import services
from ketnap.plans.models import Target

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_commune_board_allocates_the_year_and_sees_the_achievement(audit_cleanup, live_server, browser_page):
    world = build_world()
    make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn A2", sector=Sector.VILLAGE)
    make_user("xa_sua", (world.commune_a, "editor"))
    today = timezone.localdate()
    services.target_set(
        actor=world.editor_a, organization=world.commune_a, first_year=today.year, last_year=today.year, total=10,
        set_on=dt.date(today.year, 1, 1),
    )  # fmt: skip
    add_events(make_person(world.cell_a, given="Mới"), ("admitted", today))
    page, base = browser_page, live_server.url

    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "xa_sua")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/to-chuc/xa-a/")
    page.get_by_role("link", name="Giao chỉ tiêu cho tổ chức trực thuộc").first.click()
    page.wait_for_url("**/ke-hoach/to-chuc/xa-a/phan-bo/**")
    page.locator(".parent-plan", has_text="10").wait_for()
    page.fill("input[name='con-0-total']", "4")
    page.fill("input[name='con-0-women']", "2")
    page.fill("input[name='con-1-total']", "6")
    shot(page, "plans-allocation")
    page.click("button.primary")
    page.wait_for_url("**/ke-hoach/to-chuc/xa-a/?nam=*")
    row = page.locator("table.plan-rows tr[data-code='chi-bo-a']")
    assert row.locator("td").nth(0).inner_text() == "4"
    assert row.locator("td").nth(1).inner_text() == "1"
    assert row.locator("td").nth(2).inner_text() == "25%"
    assert page.locator(".plan-admitted").inner_text() == "1"
    assert page.locator(".plan-percent").inner_text() == "10%"
    shot(page, "plans-achievement")
    assert Target.objects.filter(organization__code="chi-bo-a2", total=6, current=True).exists()
