"""A real browser, at phone width: a commune editor sends a member to a cell of another
province picked from the directory, and that cell's editor confirms the arrival."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import build_world, make_member, make_user
from ketnap.membership.models import Transfer, TransferState
from ketnap.people.models import Person

pytestmark = BROWSER


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


@pytest.mark.django_db(transaction=True)
def test_commune_sends_and_the_receiving_cell_confirms(audit_cleanup, live_server, browser_page):
    world = build_world()
    member = make_member(world.cell_a, family="Lò", middle="Văn", given="Sáng")
    make_user("xa_sua", (world.commune_a, "editor"))
    make_user("chibo_b_sua", (world.cell_b, "editor"))
    today = timezone.localdate().strftime("%d/%m/%Y")
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})

    login(page, base, "xa_sua")
    page.goto(f"{base}/dang-tich/danh-ba/?q=chi+bo+thon+b")
    page.locator("ul.directory li", has_text="Chi bộ thôn B").wait_for()
    page.goto(f"{base}/dang-tich/nguoi/{member.pk}/chuyen-di/")
    page.fill("#id_destination", "chi-bo-b")
    page.fill("#id_letter_on", today)
    page.fill("#id_document_number", "45-GGT/ĐU")
    page.fill("#id_issuer", "Đảng ủy xã A")
    page.click("button.primary")
    page.get_by_text("Đang chuyển", exact=True).wait_for()
    shot(page, "membership-transfer-sent")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.clear_cookies()

    login(page, base, "chibo_b_sua")
    page.get_by_role("link", name="Chuyển sinh hoạt", exact=True).click()
    page.wait_for_url("**/dang-tich/to-chuc/chi-bo-b/")
    page.locator("ul.incoming a", has_text="Lò Văn Sáng").click()
    page.get_by_text("Xác nhận đảng viên đã đến").click()
    page.fill("#id_arrived_on", today)
    page.click("button.primary")
    page.get_by_text("Đã tiếp nhận", exact=True).wait_for()
    shot(page, "membership-transfer-received")

    transfer = Transfer.objects.get(person=member)
    assert transfer.state == TransferState.RECEIVED
    assert Person.objects.get(pk=member.pk).organization_id == world.cell_b.pk
