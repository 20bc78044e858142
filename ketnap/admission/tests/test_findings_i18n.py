"""The rules' findings in the language the user chose: the case page, the step forms'
findings, the work queue (page, ``QueueItem`` and the ``queue`` command) and steps
recorded earlier all word a finding the same way, Vietnamese unless English was chosen."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ketnap.admission import selectors, services
from ketnap.admission.models import AdmissionCase, CaseStep
from ketnap.admission.queue import work_queue
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.tests.factories import step_data
from ketnap.admission.tests.test_i18n import english_client
from ketnap.admission.tests.test_pages import candidate, open_case, vote, young_case
from ketnap.core.testing import World, build_world, make_member, make_user
from ketnap.rules import Citation, Finding, Severity

pytestmark = pytest.mark.django_db
D = dt.date

CERTIFICATE_VI = "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng."
CERTIFICATE_EN = "No certificate of the party awareness class yet."
UNDER_18_EN = "The candidate is not yet 18 (counted in months) on the day of the cell&#x27;s review (15/01/2025)"
UNDER_18_VI = "Người vào Đảng chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét (15/01/2025)"


@pytest.fixture(autouse=True)
def language_restored():
    """A request switched to English leaves English active in the test thread (the
    locale middleware does not switch back): restore the language for the next tests."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_case_page_in_english_shows_english_findings_and_citation_articles(world):
    case = open_case(candidate(world), world.cell_a)  # no awareness certificate
    assert "certificate.missing" in {f.code for f in selectors.case_findings(case, D(2025, 2, 1))}
    client, url = english_client(world.editor_a, reverse("admission:case", args=[case.pk]))
    html = client.get(url).content.decode()
    assert CERTIFICATE_EN in html
    assert CERTIFICATE_VI not in html
    assert "(the certificate is valid for 60 months)" in html  # the article of the citation, in English
    assert "HD 06-HD/TW 2025" in html  # the document keeps its name


def test_case_page_findings_are_vietnamese_by_default(world):
    case = open_case(candidate(world), world.cell_a)
    html = signed_in(world.editor_a).get(reverse("admission:case", args=[case.pk])).content.decode()
    assert CERTIFICATE_VI in html
    assert CERTIFICATE_EN not in html
    assert "(giấy chứng nhận có giá trị 60 tháng)" in html


def test_step_form_check_in_english_shows_english_findings(world):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"])
    client, _ = english_client(world.editor_a, url)
    html = client.post(url + "?check=1", vote(case), headers={"HX-Request": "true"}).content.decode()
    assert 'id="findings"' in html and "finding blocking" in html
    assert UNDER_18_EN in html
    assert "chưa đủ 18 tuổi" not in html


def test_step_form_check_is_vietnamese_by_default(world):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"]) + "?check=1"
    html = signed_in(world.editor_a).post(url, vote(case), headers={"HX-Request": "true"}).content.decode()
    assert UNDER_18_VI in html


def queued_case(world: World) -> AdmissionCase:
    return open_case(
        candidate(world), world.cell_a, stage=Stage.DECISION, due_on=D(2025, 2, 3), due_code="admission.decision.due"
    )


def test_queue_page_in_english_words_the_items_in_english(world):
    queued_case(world)
    client, url = english_client(world.viewer_commune_a, reverse("admission:queue", args=["xa-a"]))
    html = client.get(url, {"ngay": "2025-02-10"}).content.decode()
    assert "Next deadline: 03/02/2025." in html
    assert "Hạn kế tiếp" not in html


def test_queue_items_follow_the_active_language(world):
    queued_case(world)
    with translation.override("en"):
        (english,) = work_queue(world.commune_a, D(2025, 2, 10))
    with translation.override("vi"):
        (vietnamese,) = work_queue(world.commune_a, D(2025, 2, 10))
    assert english.message == "Next deadline: 03/02/2025."
    assert vietnamese.message == "Hạn kế tiếp: ngày 03/02/2025."
    assert english.code == vietnamese.code


def queue_command(*args: str) -> str:
    out = StringIO()
    call_command("queue", "--org", "tinh-a", "--as-of", "2023-01-15", *args, stdout=out)
    return out.getvalue()


def test_queue_command_honours_language(world):
    make_member(world.cell_a, ceremony=D(2021, 6, 1), official=False, family="Lò", middle="Văn", given="Páo")
    english = queue_command("--language", "en")
    assert "Overdue: the deadline for the cell's review for official membership was" in english
    assert "Quá hạn chi bộ xét" not in english
    vietnamese = queue_command()
    assert "Quá hạn chi bộ xét công nhận đảng viên chính thức" in vietnamese
    (item,) = json.loads(queue_command("--format", "json", "--language", "en"))["items"]
    assert item["message"].startswith("Overdue: the deadline for")
    assert "(recognition review within 30 working days after the 12 months)" in item["citation"]


def test_digest_command_honours_language(world):
    case = queued_case(world)
    case.due_code, case.due_on = "admission_decision.due", D(2025, 2, 20)
    case.save(update_fields=["due_code", "due_on"])
    out = StringIO()
    call_command("digest", "--as-of", "2025-02-13", "--language", "en", stdout=out)
    assert "Deadline for the decision: 20/02/2025." in out.getvalue()


# --- Steps recorded earlier --------------------------------------------------------------------


def test_a_recorded_step_keeps_code_and_params_and_shows_in_either_language(world):
    finding = Finding(
        "certificate.expired",
        Severity.BLOCKING,
        "Giấy chứng nhận bồi dưỡng nhận thức về Đảng cấp ngày 01/01/2019 đã hết giá trị (60 tháng) từ sau ngày "
        "01/01/2024; chi bộ phải cử đi học lại trước khi xét.",
        Citation("HD 06-HD/TW 2025", "5.4 (giấy chứng nhận có giá trị 60 tháng)", "D"),
        params={"issued": "01/01/2019", "months": "60", "expires": "01/01/2024"},
    )
    record = selectors.finding_record(finding)
    assert json.loads(json.dumps(record)) == record
    assert record["params"] == {"issued": "01/01/2019", "months": "60", "expires": "01/01/2024"}
    with translation.override("en"):
        shown = selectors.finding_dict(record)
    assert shown["message"].startswith("The party awareness certificate issued on 01/01/2019 is no longer valid")
    assert shown["citation"] == "HD 06-HD/TW 2025, 5.4 (the certificate is valid for 60 months) [D]"
    with translation.override("vi"):
        assert selectors.finding_dict(record)["message"] == finding.message


def test_an_old_stored_finding_without_params_shows_its_stored_message(world):
    old = {
        "code": "certificate.expired",
        "severity": "blocking",
        "blocking": True,
        "message": "Giấy chứng nhận … đã hết giá trị.",
        "citation": "HD 06-HD/TW 2025, 5.4 (giấy chứng nhận có giá trị 60 tháng) [D]",
        "satisfiable_on": None,
        "due_on": "2025-03-01",
        "edition": "QD294-2025",
    }
    with translation.override("en"):
        shown = selectors.finding_dict(old)
    assert shown["message"] == "Giấy chứng nhận … đã hết giá trị."
    assert shown["citation"] == "HD 06-HD/TW 2025, 5.4 (the certificate is valid for 60 months) [D]"
    assert shown["due_on"] == D(2025, 3, 1)


def test_a_step_recorded_over_blocking_findings_shows_them_again_in_english(world):
    case = young_case(world)
    approver = make_user("approver_a", (world.province_a, "approver"))
    on = D(2025, 1, 15)
    step = services.step_record(
        actor=approver,
        case=case,
        kind=StepKind.CELL_RESOLUTION,
        occurred_on=on,
        document_number="01-NQ/CB",
        data=step_data(case, StepKind.CELL_RESOLUTION, on),
        override_reason="Ban Thường vụ đã đồng ý",
    )
    stored = {f["code"]: f for f in CaseStep.objects.get(pk=step.pk).findings}
    age = stored["age.under_18"]
    assert age["params"]["review_on"] == "15/01/2025"
    assert age["message"].startswith("Người vào Đảng chưa đủ 18 tuổi")  # the record stays Vietnamese
    (row,) = [r for r in selectors.case_timeline(case) if r.id == step.pk]
    with translation.override("en"):
        shown = [selectors.finding_dict(f) for f in row.findings]
    assert any(f["message"].startswith("The candidate is not yet 18") for f in shown)
