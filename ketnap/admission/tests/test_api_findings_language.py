"""Findings over the API in the negotiated language: Vietnamese by default, English under
``Accept-Language: en``, for a refused step (``details.findings``), a dry run, the
case's findings and the findings stored on the timeline."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import translation

from ketnap.admission import services
from ketnap.admission.api.schemas import slug
from ketnap.admission.models import CaseStep
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import record, step_data
from ketnap.admission.tests.test_api import AdmissionApiTestCase
from ketnap.core.testing import make_person

D = dt.date
K = StepKind
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
UNDER_18_EN = "The candidate is not yet 18 (counted in months) on the day of the cell's review (15/03/2023)"
UNDER_18_VI = "Người vào Đảng chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét (15/03/2023)"
AGE_ARTICLE_EN = "(from a full 18 to a full 60 years of age, counted in months)"


class FindingLanguageTests(AdmissionApiTestCase):
    """A candidate who is 17 at the cell meeting: the age rule blocks the resolution."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.world
        person = make_person(w.cell_a, family="Hà", middle="Thị", given="Nhỏ", birth_date=D(2005, 6, 1))
        services.certificate_record(actor=w.editor_a, person=person, issued_on=D(2022, 11, 15))
        cls.young = services.case_open(actor=w.editor_a, person=person, cell=w.cell_a, opened_on=D(2023, 1, 10))
        for kind in (K.APPLICATION, K.PERSONAL_HISTORY):
            record(cls.young, kind, actor=w.editor_a)
        cls.young.refresh_from_db()
        on = D(2023, 3, 15)
        cls.vote = {"occurred_on": on.isoformat(), "document_number": "01-NQ/CB"}
        cls.vote.update(step_data(cls.young, K.CELL_RESOLUTION, on))

    def setUp(self) -> None:
        super().setUp()
        # A request under Accept-Language: en leaves English active in the test thread.
        self.addCleanup(translation.activate, translation.get_language())

    def url(self, *, check: bool = False) -> str:
        return f"/api/v1/cases/{self.young.pk}/steps/{slug(K.CELL_RESOLUTION)}" + ("/check" if check else "")

    def send(self, url: str, body: dict[str, Any], **extra: Any) -> Any:
        return self.post(url, "editor_a", data=json.dumps(body), content_type="application/json", **extra)

    def age(self, findings: list[dict[str, Any]]) -> dict[str, Any]:
        (age,) = [f for f in findings if f["code"] == "age.under_18"]
        return age

    def test_a_refused_step_gives_english_findings_under_accept_language_en(self):
        response = self.send(self.url(), self.vote, **EN)
        error = self.assertError(response, 409, "step_blocked")
        age = self.age(error["details"]["findings"])
        self.assertTrue(age["message"].startswith(UNDER_18_EN), age["message"])
        self.assertIn(AGE_ARTICLE_EN, age["citation"])
        self.assertEqual(age["satisfiable_on"], "2023-06-01")

    def test_findings_are_vietnamese_by_default(self):
        response = self.send(self.url(), self.vote)
        age = self.age(self.assertError(response, 409, "step_blocked")["details"]["findings"])
        self.assertTrue(age["message"].startswith(UNDER_18_VI), age["message"])
        self.assertIn("(đủ 18 đến đủ 60 tuổi, tính theo tháng)", age["citation"])

    def test_a_dry_run_and_the_case_findings_agree_in_english(self):
        check = self.send(self.url(check=True), self.vote, **EN)
        self.assertEqual(check.status_code, 200, check.content)
        self.assertTrue(self.age(check.json()["findings"])["message"].startswith(UNDER_18_EN))
        found = self.get(f"/api/v1/cases/{self.young.pk}/findings?on=2023-03-15", "editor_a", **EN)
        self.assertEqual(found.status_code, 200, found.content)
        messages = [f["message"] for f in found.json()["findings"]]
        self.assertTrue(messages)
        self.assertFalse([m for m in messages if "Người vào Đảng" in m or "Chưa có" in m], messages)

    def test_findings_stored_on_a_step_show_in_the_request_language(self):
        body = {**self.vote, "override_reason": "Ban Thường vụ đã đồng ý bằng văn bản"}
        response = self.post_json(self.url(), "approver", body)
        self.assertEqual(response.status_code, 200, response.content)
        step_id = response.json()["id"]
        timeline = self.get(f"/api/v1/cases/{self.young.pk}", "editor_a", **EN).json()["timeline"]
        (row,) = [r for r in timeline if r["id"] == step_id]
        self.assertTrue(self.age(row["findings"])["message"].startswith(UNDER_18_EN))
        timeline = self.get(f"/api/v1/cases/{self.young.pk}", "editor_a").json()["timeline"]
        (row,) = [r for r in timeline if r["id"] == step_id]
        self.assertTrue(self.age(row["findings"])["message"].startswith(UNDER_18_VI))

    def test_an_old_stored_finding_without_params_keeps_its_vietnamese_message(self):
        body = {**self.vote, "override_reason": "Ban Thường vụ đã đồng ý bằng văn bản"}
        step_id = self.post_json(self.url(), "approver", body).json()["id"]
        step = CaseStep.objects.get(pk=step_id)
        step.findings = [{k: v for k, v in f.items() if k not in ("params", "wording")} for f in step.findings]
        step.save(update_fields=["findings"])
        timeline = self.get(f"/api/v1/cases/{self.young.pk}", "editor_a", **EN).json()["timeline"]
        (row,) = [r for r in timeline if r["id"] == step_id]
        age = self.age(row["findings"])
        self.assertTrue(age["message"].startswith(UNDER_18_VI))
        self.assertIn(AGE_ARTICLE_EN, age["citation"])  # the citation is still worded from its stored text
