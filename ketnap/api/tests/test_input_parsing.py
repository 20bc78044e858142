"""Input the API cannot read is a clear 4xx in the error shape, never a 500: dates
before the first regulation edition, extreme or impossible dates, numbers sent as
dates, huge page offsets and bodies over the size limit."""

from __future__ import annotations

import json
from typing import Any

from django.test import override_settings

from ketnap.admission.models import CaseStep
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import record_until
from ketnap.admission.tests.test_api import AdmissionApiTestCase


class InputTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        record_until(cls.case, StepKind.COMMENTS_SUMMARY, actor=cls.world.editor_a)

    def setUp(self) -> None:
        # A 500 must show up as a response here, as a client would see it.
        self.client.raise_request_exception = False

    def date_urls(self) -> list[tuple[str, str]]:
        case = f"/api/v1/cases/{self.case.pk}"
        org = self.world.province_a.code
        return [
            ("/api/v1/organizations", "as_of"),
            (f"/api/v1/organizations/{org}", "as_of"),
            (f"/api/v1/organizations/{org}/statistics", "as_of"),
            (f"/api/v1/organizations/{org}/queue", "as_of"),
            ("/api/v1/people", "as_of"),
            ("/api/v1/prospects", "as_of"),
            (case, "on"),
            (f"{case}/checklist", "on"),
            (f"{case}/findings", "on"),
            (f"{case}/documents/checklist", "on"),
        ]

    def test_a_date_before_the_first_edition_names_it_and_the_earliest(self):
        for path in ("", "/findings"):
            with self.subTest(path=path):
                response = self.get(f"/api/v1/cases/{self.case.pk}{path}?on=2016-07-24", "editor_a")
                error = self.assertError(response, 422, "date_before_regulations")
                self.assertIn("24/07/2016", error["message"])
                self.assertIn("25/07/2016", error["message"])
                self.assertEqual(error["details"], {"date": "2016-07-24", "earliest": "2016-07-25"})

    def test_a_step_dated_before_the_first_edition_is_refused_and_not_written(self):
        before = CaseStep.objects.count()
        for suffix in ("/check", ""):
            with self.subTest(suffix=suffix):
                url = f"/api/v1/cases/{self.case_b.pk}/steps/application{suffix}"
                response = self.post_json(url, "admin", {"occurred_on": "2010-01-01"})
                self.assertIn("01/01/2010", self.assertError(response, 422, "date_before_regulations")["message"])
        self.assertEqual(CaseStep.objects.count(), before)

    def test_extreme_dates_are_refused_on_every_date_parameter(self):
        for url, name in self.date_urls():
            for value in ("0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"):
                with self.subTest(url=url, value=value):
                    error = self.assertError(self.get(f"{url}?{name}={value}", "admin"), 422, "validation_failed")
                    self.assertEqual(error["field"], name)
                    self.assertIn("nằm ngoài khoảng ngày được hỗ trợ", error["details"][name][0])

    def test_the_edges_of_the_supported_range_answer_without_error(self):
        for url, name in self.date_urls():
            for value in ("1900-01-01", "2199-12-31"):
                with self.subTest(url=url, value=value):
                    self.assertLess(self.get(f"{url}?{name}={value}", "admin").status_code, 500)

    def test_numbers_are_not_dates(self):
        for url, name in self.date_urls():
            with self.subTest(url=url):
                error = self.assertError(self.get(f"{url}?{name}=20230101", "admin"), 422, "validation_failed")
                self.assertIn("YYYY-MM-DD", error["details"][name][0])
        body = {"person_id": self.person.pk, "cell": "chi-bo-a", "opened_on": 1700000000}
        error = self.assertError(self.post_json("/api/v1/cases", "editor_a", body), 422, "validation_failed")
        self.assertEqual(error["field"], "opened_on")

    def test_an_impossible_date_is_said_not_to_exist(self):
        for url, name in self.date_urls():
            with self.subTest(url=url):
                error = self.assertError(self.get(f"{url}?{name}=2023-02-31", "admin"), 422, "validation_failed")
                self.assertEqual(error["details"][name], ["Ngày 2023-02-31 không tồn tại trong lịch."])

    def test_page_parameters_out_of_range_are_refused(self):
        for url in ("/api/v1/organizations", "/api/v1/people", "/api/v1/cases", "/api/v1/prospects"):
            for query in ("offset=100000000000000000000", "offset=-1", "limit=100000000000000000000", "limit=0"):
                with self.subTest(url=url, query=query):
                    error = self.assertError(self.get(f"{url}?{query}", "admin"), 422, "validation_failed")
                    self.assertEqual(error["field"], query.split("=")[0])

    def test_the_largest_offset_allowed_answers_an_empty_page(self):
        body = self.get("/api/v1/people?offset=1000000000", "admin").json()
        self.assertEqual(body["items"], [])

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
    def test_a_body_over_the_limit_is_413_in_the_error_shape(self):
        before = CaseStep.objects.count()
        body: dict[str, Any] = {"occurred_on": "2024-03-01", "note": "x" * 2000}
        url = f"/api/v1/cases/{self.case.pk}/steps/application"
        response = self.post(url, "editor_a", data=json.dumps(body), content_type="application/json")
        self.assertIn("1000", self.assertError(response, 413, "request_too_large")["message"].replace(".", ""))
        self.assertEqual(CaseStep.objects.count(), before)

    def test_a_note_over_the_limit_is_refused_as_on_the_page(self):
        url = f"/api/v1/cases/{self.case_b.pk}/steps/application"
        response = self.post_json(url, "admin", {"occurred_on": "2025-01-10", "note": "x" * 4001})
        error = self.assertError(response, 422, "validation_failed")
        self.assertEqual(error["field"], "note")
        self.assertFalse(CaseStep.objects.filter(case=self.case_b).exists())

    def test_a_nul_character_is_refused_on_its_field_never_sent_to_the_database(self):
        for url, field in (
            ("/api/v1/people?q=a%00b", "q"),
            ("/api/v1/people?org=%00", "org"),
            ("/api/v1/organizations?parent=x%00", "parent"),
            ("/api/v1/cases?org=%00", "org"),
        ):
            with self.subTest(url=url):
                error = self.assertError(self.get(url, "admin"), 422, "validation_failed")
                self.assertEqual(error["field"], field)
                self.assertIn("NUL", error["details"][field][0])
        self.assertError(self.get("/api/v1/organizations/tinh%00a", "admin"), 404, "not_found")
        url = f"/api/v1/cases/{self.case_b.pk}/steps/application"
        error = self.assertError(
            self.post_json(url, "admin", {"occurred_on": "2025-01-10", "note": "a\x00b"}), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "note")
        self.assertFalse(CaseStep.objects.filter(case=self.case_b).exists())

    def test_a_body_that_is_not_json_is_400_in_the_error_shape(self):
        url = f"/api/v1/cases/{self.case_b.pk}/steps/application"
        for body in ("[" * 100_000, "nul", "{", "\x00"):
            with self.subTest(body=body[:10]):
                response = self.post(url, "admin", data=body, content_type="application/json")
                self.assertIn("JSON", self.assertError(response, 400, "invalid_json")["message"])
