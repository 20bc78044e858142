"""A real browser walks a candidate through the first steps: from the cell's source,
open the case, record the application and the personal history, see the rules'
findings on "Kiểm tra" before the cell resolution, and see the steps on the timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.admission.models import AdmissionCase, CaseStep, Prospect
from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import build_world, make_member, make_person

pytestmark = BROWSER


def record_step(page, label: str) -> None:
    """From the case page: open the step's form, keep today's date, record it."""
    page.locator(".next-steps a", has_text=label).click()
    page.wait_for_url("**/buoc/**")
    page.click("button.primary")
    page.wait_for_selector("#case-body")
    page.locator("ol.timeline strong", has_text=label).wait_for()


@pytest.mark.django_db(transaction=True)
def test_editor_walks_a_candidate_through_the_first_steps(audit_cleanup, live_server, browser_page):
    world = build_world()
    for given in ("Một", "Hai", "Ba"):
        make_member(world.cell_a, given=given)
    person = make_person(world.cell_a, family="Lò", middle="Thị", given="Hoa", birth_date=dt.date(2001, 4, 2))
    Prospect.objects.create(person=person, cell=world.cell_a, origin="youth_union", noted_on=dt.date(2025, 3, 1))
    page = browser_page
    base = live_server.url

    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")
    page.wait_for_url(f"{base}/")

    # The cell's board is empty; its source lists the candidate with a link to open a case.
    page.goto(f"{base}/ket-nap/to-chuc/chi-bo-a/")
    page.get_by_text("0 hồ sơ đang xét").wait_for()
    page.click("text=Nguồn phát triển đảng viên")
    page.wait_for_url("**/nguon/**")
    page.locator("table.prospects tr", has_text="Lò Thị Hoa").get_by_text("Mở hồ sơ").click()
    page.wait_for_url("**/mo-ho-so/**")
    page.click("button.primary")
    page.wait_for_selector("#case-body")
    case = AdmissionCase.objects.get(person=person)
    assert page.url.endswith(f"/ket-nap/ho-so/{case.pk}/")
    shot(page, "admission-case-opened")

    record_step(page, "Đơn xin vào Đảng")
    record_step(page, "Lý lịch của người xin vào Đảng")
    assert page.url.endswith(f"/ket-nap/ho-so/{case.pk}/")  # htmx followed HX-Location
    shot(page, "admission-case-two-steps")

    # The cell resolution: the votes are pre-filled from the rolls; "Kiểm tra" shows what
    # the rules find (the dossier is far from complete) without recording anything.
    page.goto(f"{base}/ket-nap/ho-so/{case.pk}/buoc/cell_resolution/")
    page.wait_for_function("window.htmx !== undefined")
    assert page.input_value("#id_official_members") == "3"
    page.fill("#id_in_favour", "3")
    page.fill("#id_document_number", "01-NQ/CB")
    page.click("text=Kiểm tra")
    page.locator("#findings .finding.blocking").first.wait_for()
    assert page.url.endswith("/buoc/cell_resolution/")
    assert page.locator("#findings .finding.blocking cite").first.inner_text()  # each with its citation
    shot(page, "admission-check-findings")
    assert not CaseStep.objects.filter(case=case, kind="cell_resolution").exists()

    # Recording anyway is refused for an editor: the form comes back with the findings.
    page.click("button.primary")
    page.get_by_text("Chưa ghi nhận được").wait_for()
    assert not CaseStep.objects.filter(case=case, kind="cell_resolution").exists()

    # The board now shows the candidate in the dossier column.
    page.goto(f"{base}/ket-nap/to-chuc/xa-a/")
    card = page.locator("#col-dossier + ul .case-card", has_text="Lò Thị Hoa")
    card.wait_for()
    shot(page, "admission-board")
    card.get_by_role("link").click()
    page.wait_for_url(f"**/ket-nap/ho-so/{case.pk}/")
    timeline = page.locator("ol.timeline").inner_text()
    assert "Đơn xin vào Đảng" in timeline and "Lý lịch của người xin vào Đảng" in timeline
    assert "ghi bởi editor_a" in timeline
