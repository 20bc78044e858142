"""A real browser: a cell secretary (editor of one village cell, like the demo's
``chibo.sua``) records a new person straight into the cell's source, opens the
person page, sees the actions there and opens the admission case; at 390 px wide
none of these pages scrolls sideways."""

from __future__ import annotations

import pytest

from ketnap.admission.models import AdmissionCase, Prospect
from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import build_world, make_user
from ketnap.people.models import Person

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


@pytest.mark.django_db(transaction=True)
def test_cell_secretary_adds_a_new_person_to_the_source_and_opens_a_case(audit_cleanup, live_server, browser_page):
    world = build_world()
    make_user("chibo_sua", (world.cell_a, "editor"))
    page = browser_page
    base = live_server.url
    page.set_viewport_size(PHONE)

    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "chibo_sua")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/ket-nap/to-chuc/chi-bo-a/nguon/")
    page.click("text=Thêm người mới vào nguồn")
    page.wait_for_url("**/nguon/them-moi/")
    assert_fits(page)
    page.fill("#id_family_name", "Giàng")
    page.fill("#id_middle_name", "A")
    page.fill("#id_given_name", "Pháo")
    page.select_option("#id_gender", "male")
    page.fill("#id_birth_date", "09/04/1998")
    page.select_option("#id_ethnicity", "hmong")
    page.select_option("#id_education", "upper_secondary")
    page.select_option("#id_occupation", "farmer")
    page.select_option("#id_origin", "youth_union")
    shot(page, "person-new-in-source")
    page.click("button.primary")
    page.wait_for_url("**/ket-nap/to-chuc/chi-bo-a/nguon/")

    person = Person.objects.get(given_name="Pháo")
    assert Prospect.objects.filter(person=person, cell=world.cell_a, left_on__isnull=True).exists()
    page.click("text=Giàng A Pháo")
    page.wait_for_url(f"**/nguoi/{person.pk}/")
    actions = page.locator("#actions")
    assert actions.get_by_text("Sửa lỗi nhập liệu").count() == 1
    assert actions.get_by_text("Đưa vào nguồn phát triển đảng viên").count() == 0  # already in the source
    assert_fits(page)
    shot(page, "person-actions")

    page.click("#actions >> text=Sửa lỗi nhập liệu")
    page.wait_for_url(f"**/nguoi/{person.pk}/sua/**")
    page.get_by_text("Thay đổi từ ngày … (lịch sử)").wait_for()
    assert_fits(page)
    page.go_back()

    page.click("#actions >> text=Mở hồ sơ kết nạp")
    page.wait_for_url("**/mo-ho-so/**")
    page.click("button.primary")
    page.wait_for_selector("#case-body")
    case = AdmissionCase.objects.get(person=person, closed_on__isnull=True)
    assert page.url.endswith(f"/ket-nap/ho-so/{case.pk}/")
