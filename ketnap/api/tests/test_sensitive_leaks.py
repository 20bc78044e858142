"""Protection of member records over the API, from the attacker's side: each request
below used to leak, and is now refused or masked."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from typing import Any

from docx import Document

from ketnap.accounts.tokens import token_create
from ketnap.admission.models import AdmissionCase, Relative, VerificationRequest
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import record_until
from ketnap.admission.tests.test_api import AdmissionApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.downloads import DOWNLOAD_ACTION
from ketnap.core.testing import make_person, make_user
from ketnap.people.disclosure import MASK

D = dt.date


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


class DraftMaskingTests(AdmissionApiTestCase):
    """A viewer (no sensitive-data permission) downloads the drafts."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        person = cls.case.person
        person.ethnicity, person.religion = "hmong", "protestantism"
        person.save()
        record_until(cls.case, StepKind.CELL_RESOLUTION, actor=cls.world.editor_a)

    def draft(self, kind: str, who: str) -> str:
        response = self.get(f"/api/v1/cases/{self.case.pk}/documents/{kind}", who)
        self.assertEqual(response.status_code, 200, response.content)
        return _text(response.content)

    def test_viewer_gets_ethnicity_and_religion_masked_in_every_draft(self):
        for kind in ("cell_resolution", "committee_resolution"):
            with self.subTest(kind=kind):
                text = self.draft(kind, "viewer_commune_a")
                self.assertIn(f"Dân tộc: {MASK}; tôn giáo: {MASK}", text)
                self.assertNotIn("Mông", text)
                self.assertNotIn("Tin lành", text)

    def test_editor_gets_them_shown(self):
        text = self.draft("cell_resolution", "editor_a")
        self.assertIn("Mông", text)
        self.assertIn("Tin lành", text)


class DownloadAuditTests(AdmissionApiTestCase):
    def test_every_document_download_is_audited_with_who_which_file_and_whom(self):
        for kind in ("cell_resolution", "checklist"):
            with self.subTest(kind=kind):
                response = self.get(f"/api/v1/cases/{self.case.pk}/documents/{kind}", "viewer_commune_a")
                self.assertEqual(response.status_code, 200)
                entry = AuditEntry.objects.filter(action=DOWNLOAD_ACTION).latest("pk")
                self.assertEqual(entry.actor, self.world.viewer_commune_a)
                self.assertEqual((entry.object_type, entry.object_id), ("people.person", str(self.case.person_id)))
                self.assertEqual(entry.after["kind"], kind)
                self.assertEqual(entry.after["case"], str(self.case.pk))
                self.assertEqual(entry.organization_path, self.world.cell_a.path)
                self.assertIsNotNone(entry.at)

    def test_a_refused_download_writes_nothing(self):
        self.assertError(self.get(f"/api/v1/cases/{self.case.pk}/documents/checklist", "outsider_b"), 404, "not_found")
        self.assertFalse(AuditEntry.objects.filter(action=DOWNLOAD_ACTION).exists())


class CaseDetailMaskingTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        relative = Relative.objects.create(
            case=cls.case, full_name="Lò Văn Cha", relation="father", residence="Bản Nà Hừ"
        )
        VerificationRequest.objects.create(
            case=cls.case,
            relative=relative,
            addressee="Đảng ủy xã quê quán",
            sent_on=D(2023, 2, 1),
            replied_on=D(2023, 2, 20),
            result="Ông nội từng bị kỷ luật.",
        )

    def detail(self, who: str) -> dict[str, Any]:
        response = self.get(f"/api/v1/cases/{self.case.pk}", who)
        self.assertEqual(response.status_code, 200, response.content)
        body: dict[str, Any] = response.json()
        return body

    def test_viewer_sees_neither_relatives_names_nor_verification_results(self):
        body = self.detail("viewer_commune_a")
        raw = json.dumps(body, ensure_ascii=False)
        for secret in ("Lò Văn Cha", "Bản Nà Hừ", "kỷ luật"):
            self.assertNotIn(secret, raw)
        self.assertEqual(body["relatives"][0]["full_name"], MASK)
        self.assertEqual(body["relatives"][0]["relation"], "father")
        self.assertEqual(body["verifications"][0]["result"], MASK)
        self.assertEqual(body["verifications"][0]["replied_on"], "2023-02-20")

    def test_editor_sees_them(self):
        body = self.detail("editor_a")
        self.assertEqual(body["relatives"][0]["full_name"], "Lò Văn Cha")
        self.assertEqual(body["verifications"][0]["result"], "Ông nội từng bị kỷ luật.")


class CaseAcrossProvincesTests(AdmissionApiTestCase):
    """An editor of both provinces tries to carry a person of B into a case in A, where
    a viewer of A would read them."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.world
        cls.both = make_user("editor_ab", (w.province_a, "editor"), (w.province_b, "editor"))
        cls.tokens = {**cls.tokens, "both": token_create(actor=None, user=cls.both, label="test")[1]}
        cls.stranger = make_person(w.cell_b, family="Hà", middle="Văn", given="Lạ")

    def test_opening_a_case_in_a_for_a_person_of_b_is_refused_naming_the_problem(self):
        body = {"person_id": self.stranger.pk, "cell": "chi-bo-a", "opened_on": "2024-03-01"}
        response = self.post("/api/v1/cases", "both", data=json.dumps(body), content_type="application/json")
        error = self.assertError(response, 422, "validation_failed")
        self.assertIn("không thuộc Chi bộ thôn A", json.dumps(error, ensure_ascii=False))
        self.assertFalse(AdmissionCase.objects.filter(person=self.stranger).exists())

    def test_a_case_carrying_an_outside_person_is_not_readable_through_the_case(self):
        # Such a case from before the check (written directly, as old data would be).
        case = AdmissionCase.objects.create(person=self.stranger, cell=self.world.cell_a, opened_on=D(2024, 3, 1))
        self.assertError(self.get(f"/api/v1/cases/{case.pk}", "viewer_commune_a"), 404, "not_found")
        self.assertError(
            self.get(f"/api/v1/cases/{case.pk}/documents/cell_resolution", "viewer_commune_a"), 404, "not_found"
        )
        ids = [item["id"] for item in self.get("/api/v1/cases", "viewer_commune_a").json()["items"]]
        self.assertNotIn(case.pk, ids)
        self.assertEqual(self.get(f"/api/v1/cases/{case.pk}", "both").status_code, 200)


class OrganizationParentTests(AdmissionApiTestCase):
    def test_a_province_editor_is_not_told_the_code_of_the_root(self):
        body = self.get("/api/v1/organizations/tinh-a", "editor_a").json()
        self.assertIsNone(body["parent"])
        listed = self.get("/api/v1/organizations?q=tinh-a", "editor_a").json()["items"]
        self.assertEqual([(item["code"], item["parent"]) for item in listed], [("tinh-a", None)])
        self.assertNotIn('"vn"', json.dumps(self.get("/api/v1/organizations", "editor_a").json()))

    def test_the_admin_still_sees_it(self):
        self.assertEqual(self.get("/api/v1/organizations/tinh-a", "admin").json()["parent"], "vn")

    def test_an_out_of_scope_parent_answers_exactly_as_an_unknown_one(self):
        hidden = self.get("/api/v1/organizations?parent=vn", "editor_a")
        unknown = self.get("/api/v1/organizations?parent=khong-co", "editor_a")
        self.assertEqual((hidden.status_code, hidden.content), (unknown.status_code, unknown.content))
        self.assertEqual(hidden.json()["count"], 0)


class FindingsNameNoRelativeTests(AdmissionApiTestCase):
    def test_a_missing_verification_finding_does_not_name_the_relative(self):
        Relative.objects.create(case=self.case, full_name="Lò Văn Cha", relation="father")
        body = self.get(f"/api/v1/cases/{self.case.pk}/findings", "viewer_commune_a").json()
        raw = json.dumps(body, ensure_ascii=False)
        self.assertIn("verification.missing", raw)
        self.assertNotIn("Lò Văn Cha", raw)
        self.assertIn("#1", raw)


class FilterByHiddenOrganizationTests(AdmissionApiTestCase):
    """A filter naming an organization above the caller's view answers as an unknown code."""

    def test_people_and_cases_filtered_by_the_root_answer_as_an_unknown_code(self):
        for url in ("/api/v1/people?org={}", "/api/v1/cases?org={}", "/api/v1/organizations?parent={}"):
            with self.subTest(url=url):
                hidden = self.get(url.format("vn"), "editor_a")
                unknown = self.get(url.format("khong-co"), "editor_a")
                self.assertEqual((hidden.status_code, hidden.content), (unknown.status_code, unknown.content))
                self.assertEqual(hidden.json()["count"], 0)
