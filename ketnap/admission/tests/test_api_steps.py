"""One API operation per procedure step: documented with its own body, scoped, checked
against the rules (dry run, blocking findings, approver's override), guarded against
stale forms, and corrected or voided without losing history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ketnap.admission import services
from ketnap.admission.api.schemas import slug
from ketnap.admission.models import AdmissionCase, CaseStep
from ketnap.admission.steps import CATALOGUE, StepKind
from ketnap.admission.tests.factories import open_case, record, record_until, step_data
from ketnap.admission.tests.test_api import AdmissionApiTestCase
from ketnap.api.tests.base import ApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import make_person

D = dt.date
K = StepKind
COMMON = {"occurred_on", "document_number", "note", "expected_version", "override_reason"}


def url(case: AdmissionCase, kind: StepKind, *, check: bool = False) -> str:
    return f"/api/v1/cases/{case.pk}/steps/{slug(kind)}" + ("/check" if check else "")


class StepOpenApiTests(ApiTestCase):
    def setUp(self) -> None:
        self.document = self.client.get("/api/v1/openapi.json").json()

    def schema(self, ref: str) -> dict[str, Any]:
        return self.document["components"]["schemas"][ref.rsplit("/", 1)[-1]]

    def body_of(self, kind: StepKind, *, check: bool = False) -> dict[str, Any]:
        path = f"/api/v1/cases/{{case_id}}/steps/{slug(kind)}" + ("/check" if check else "")
        operation = self.document["paths"][path]["post"]
        return self.schema(operation["requestBody"]["content"]["application/json"]["schema"]["$ref"])

    def test_every_step_has_its_own_record_and_check_operation(self):
        ids = [
            operation["operationId"]
            for path, operations in self.document["paths"].items()
            if "/steps/" in path and path.startswith("/api/v1/cases/")
            for operation in operations.values()
        ]
        self.assertEqual(len(ids), len(set(ids)))
        expected = {f"record_{spec.kind.value}" for spec in CATALOGUE} | {f"check_{s.kind.value}" for s in CATALOGUE}
        self.assertEqual(set(ids), expected)
        self.assertIn("/api/v1/cases/{case_id}/steps/cell-resolution", self.document["paths"])

    def test_each_step_has_a_named_body_schema(self):
        titles = {self.body_of(spec.kind)["title"] for spec in CATALOGUE}
        self.assertEqual(len(titles), len(CATALOGUE))
        self.assertEqual(self.body_of(K.CELL_RESOLUTION)["title"], "CellResolutionIn")
        self.assertEqual(self.body_of(K.CELL_RESOLUTION, check=True)["title"], "CellResolutionIn")

    def test_bodies_carry_the_fields_of_their_step(self):
        self.assertEqual(set(self.body_of(K.APPLICATION)["properties"]), COMMON)
        vote = self.body_of(K.CELL_RESOLUTION)
        self.assertLessEqual(COMMON | {"official_members", "in_favour", "temporarily_away"}, set(vote["properties"]))
        self.assertLessEqual({"official_members", "in_favour", "occurred_on"}, set(vote["required"]))
        self.assertIn("members_total", self.body_of(K.GRASSROOTS_RESOLUTION)["properties"])
        self.assertLessEqual(
            {"extension_working_days", "extension_reason"}, set(self.body_of(K.DECISION)["properties"])
        )
        self.assertIn("helper_id", self.body_of(K.CEREMONY)["properties"])
        recognition = self.body_of(K.RECOGNITION_RESOLUTION)
        self.assertIn("qualified", recognition["required"])
        self.assertIn("official_members", recognition["properties"])

    def test_record_operations_declare_the_conflict_response(self):
        operation = self.document["paths"]["/api/v1/cases/{case_id}/steps/ceremony"]["post"]
        self.assertLessEqual({"200", "400", "401", "403", "404", "409", "422"}, set(operation["responses"]))


class RecordTests(AdmissionApiTestCase):
    def test_three_ways_write_nothing(self):
        body = {"occurred_on": "2023-01-15"}
        self.assertThreeWays("post", url(self.case, K.APPLICATION), body, write=True)
        self.assertFalse(CaseStep.objects.filter(case=self.case).exists())

    def test_editor_records_a_step_and_gets_the_new_version(self):
        body = {"occurred_on": "2023-01-15", "note": "Đơn viết tay", "expected_version": self.case.version}
        response = self.post_json(url(self.case, K.APPLICATION), "editor_a", body)
        self.assertEqual(response.status_code, 200, response.content)
        out = response.json()
        step = CaseStep.objects.get(case=self.case)
        self.assertEqual((out["id"], out["kind"], out["occurred_on"]), (step.pk, "application", "2023-01-15"))
        self.assertEqual(out["case_version"], self.case.version + 1)
        self.assertEqual(out["recorded_by"], "editor_a")
        timeline = self.get(f"/api/v1/cases/{self.case.pk}", "viewer_commune_a").json()["timeline"]
        self.assertEqual([row["id"] for row in timeline], [step.pk])

    def test_vote_counts_are_stored_as_the_step_data(self):
        record_until(self.case, K.COMMENTS_SUMMARY, actor=self.world.editor_a)
        on = D(2023, 3, 15)
        body = {
            "occurred_on": on.isoformat(),
            "document_number": "01-NQ/CB",
            **step_data(self.case, K.CELL_RESOLUTION, on),
        }
        response = self.post_json(url(self.case, K.CELL_RESOLUTION), "editor_a", body)
        self.assertEqual(response.status_code, 200, response.content)
        step = CaseStep.objects.get(case=self.case, kind=K.CELL_RESOLUTION)
        self.assertEqual(step.data["in_favour"], body["in_favour"])
        self.assertEqual(response.json()["case_stage"], AdmissionCase.objects.get(pk=self.case.pk).stage)

    def test_counts_are_strict_integers(self):
        record_until(self.case, K.COMMENTS_SUMMARY, actor=self.world.editor_a)
        body = {"occurred_on": "2023-03-15", "document_number": "01-NQ/CB", "official_members": False, "in_favour": 3}
        error = self.assertError(
            self.post_json(url(self.case, K.CELL_RESOLUTION), "editor_a", body), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "official_members")

    def test_a_step_out_of_order_is_a_conflict(self):
        body = {"occurred_on": "2023-03-15", "document_number": "01-NQ/CB", "official_members": 6, "in_favour": 6}
        self.assertError(self.post_json(url(self.case, K.CELL_RESOLUTION), "editor_a", body), 409, "step_out_of_order")

    def test_stale_version_is_refused_and_nothing_written(self):
        record(self.case, K.APPLICATION, actor=self.world.admin)
        body = {"occurred_on": "2023-01-20", "expected_version": 0}
        error = self.assertError(
            self.post_json(url(self.case, K.PERSONAL_HISTORY), "editor_a", body), 409, "stale_case"
        )
        self.assertIn("admin", error["message"])
        self.assertFalse(CaseStep.objects.filter(case=self.case, kind=K.PERSONAL_HISTORY).exists())

    def test_a_helper_out_of_view_is_not_found_on_its_field(self):
        record_until(self.case, K.DECISION_RECEIVED, actor=self.world.editor_a)
        stranger = make_person(self.world.cell_b, given="Xa")
        body = {"occurred_on": "2023-05-10", "helper_id": stranger.pk}
        error = self.assertError(self.post_json(url(self.case, K.CEREMONY), "editor_a", body), 404, "not_found")
        self.assertEqual(error["field"], "helper_id")


class BlockedStepTests(AdmissionApiTestCase):
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

    def steps(self) -> int:
        return CaseStep.objects.filter(case=self.young).count()

    def test_blocking_findings_are_a_conflict_with_every_finding_in_details(self):
        response = self.post_json(url(self.young, K.CELL_RESOLUTION), "editor_a", self.vote)
        error = self.assertError(response, 409, "step_blocked")
        findings = error["details"]["findings"]
        self.assertTrue(findings)
        for finding in findings:
            self.assertLessEqual({"code", "severity", "message", "citation", "satisfiable_on", "due_on"}, set(finding))
        age = [f for f in findings if f["severity"] == "blocking" and f["satisfiable_on"] == "2023-06-01"]
        self.assertTrue(age, findings)  # the 18th birthday cures it
        self.assertTrue(age[0]["citation"])
        self.assertEqual(self.steps(), 2)

    def test_dry_run_returns_the_same_findings_and_writes_nothing(self):
        version, audits = AdmissionCase.objects.get(pk=self.young.pk).version, AuditEntry.objects.count()
        response = self.post_json(url(self.young, K.CELL_RESOLUTION, check=True), "editor_a", self.vote)
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertTrue(body["blocking"])
        blocked = self.post_json(url(self.young, K.CELL_RESOLUTION), "editor_a", self.vote).json()
        self.assertEqual(
            [f["code"] for f in body["findings"]], [f["code"] for f in blocked["error"]["details"]["findings"]]
        )
        self.assertEqual(self.steps(), 2)
        self.assertEqual(AdmissionCase.objects.get(pk=self.young.pk).version, version)
        self.assertEqual(AuditEntry.objects.count(), audits)

    def test_dry_run_is_a_read(self):
        check = url(self.young, K.CELL_RESOLUTION, check=True)
        self.assertThreeWays("post", check, self.vote, write=False)
        self.assertEqual(self.steps(), 2)

    def test_an_editor_may_not_override(self):
        body = {**self.vote, "override_reason": "Chi bộ đã xác minh"}
        self.assertError(self.post_json(url(self.young, K.CELL_RESOLUTION), "editor_a", body), 403, "permission_denied")
        self.assertEqual(self.steps(), 2)

    def test_an_approver_overrides_with_a_reason_and_it_is_audited(self):
        body = {**self.vote, "override_reason": "Ban Thường vụ đã đồng ý bằng văn bản"}
        response = self.post_json(url(self.young, K.CELL_RESOLUTION), "approver", body)
        self.assertEqual(response.status_code, 200, response.content)
        out = response.json()
        self.assertEqual(out["override_reason"], "Ban Thường vụ đã đồng ý bằng văn bản")
        self.assertTrue(any(f["blocking"] for f in out["findings"]))
        step = CaseStep.objects.get(case=self.young, kind=K.CELL_RESOLUTION)
        self.assertEqual(step.override_reason, "Ban Thường vụ đã đồng ý bằng văn bản")
        self.assertTrue(AuditEntry.objects.filter(action="case.override").exists())

    def test_a_blocked_correction_needs_an_approver(self):
        body = {**self.vote, "override_reason": "Ban Thường vụ đã đồng ý bằng văn bản"}
        step_id = self.post_json(url(self.young, K.CELL_RESOLUTION), "approver", body).json()["id"]
        correct = f"/api/v1/steps/{step_id}/correct"
        change = {"reason": "Ghi nhầm ngày họp", "occurred_on": "2023-03-16"}
        self.assertThreeWays("post", correct, change, write=True)
        self.assertError(self.post_json(correct, "editor_a", change), 403, "permission_denied")
        self.assertFalse(CaseStep.objects.filter(supersedes_id=step_id).exists())
        response = self.post_json(correct, "approver", change)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            (response.json()["occurred_on"], response.json()["override_reason"]), ("2023-03-16", "Ghi nhầm ngày họp")
        )

    def test_an_approver_without_a_reason_is_still_blocked(self):
        self.assertError(self.post_json(url(self.young, K.CELL_RESOLUTION), "approver", self.vote), 409, "step_blocked")


class CorrectionTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.application = record(cls.case, K.APPLICATION, actor=cls.world.editor_a)
        cls.history = record(cls.case, K.PERSONAL_HISTORY, actor=cls.world.editor_a)

    def test_three_ways(self):
        body = {"reason": "Ghi nhầm ngày", "occurred_on": "2023-01-14"}
        self.assertThreeWays("post", f"/api/v1/steps/{self.application.pk}/correct", body, write=True)
        self.assertThreeWays("post", f"/api/v1/steps/{self.history.pk}/void", {"reason": "Ghi nhầm"}, write=True)
        self.assertEqual(CaseStep.objects.filter(case=self.case).count(), 2)

    def test_correction_supersedes_and_keeps_history(self):
        body = {"reason": "Ghi nhầm ngày", "occurred_on": "2023-01-14"}
        response = self.post_json(f"/api/v1/steps/{self.application.pk}/correct", "editor_a", body)
        self.assertEqual(response.status_code, 200, response.content)
        out = response.json()
        self.assertEqual(
            (out["supersedes"], out["occurred_on"], out["note"]), (self.application.pk, "2023-01-14", "Ghi nhầm ngày")
        )
        timeline = self.get(f"/api/v1/cases/{self.case.pk}", "editor_a").json()["timeline"]
        rows = {row["id"]: row for row in timeline}
        self.assertTrue(rows[self.application.pk]["superseded"])
        self.assertEqual(rows[self.application.pk]["occurred_on"], self.application.occurred_on.isoformat())
        self.assertFalse(rows[out["id"]]["superseded"])
        self.assertEqual(CaseStep.objects.filter(case=self.case).count(), 3)

    def test_a_corrected_step_cannot_be_corrected_again(self):
        body = {"reason": "Ghi nhầm ngày", "occurred_on": "2023-01-14"}
        self.post_json(f"/api/v1/steps/{self.application.pk}/correct", "editor_a", body)
        self.assertError(
            self.post_json(f"/api/v1/steps/{self.application.pk}/correct", "editor_a", body),
            409,
            "transition_not_allowed",
        )

    def test_void_keeps_the_step_and_flags_it(self):
        response = self.post_json(f"/api/v1/steps/{self.history.pk}/void", "editor_a", {"reason": "Ghi nhầm hồ sơ"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertTrue(response.json()["void"])
        self.assertTrue(CaseStep.objects.filter(pk=self.history.pk).exists())
        timeline = self.get(f"/api/v1/cases/{self.case.pk}", "editor_a").json()["timeline"]
        self.assertTrue({row["id"]: row for row in timeline}[self.history.pk]["superseded"])

    def test_a_reason_is_required(self):
        error = self.assertError(
            self.post_json(f"/api/v1/steps/{self.history.pk}/void", "editor_a", {"reason": ""}),
            422,
            "validation_failed",
        )
        self.assertEqual(error["field"], "reason")


class StepDataValidationTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ceremonial = record_until(open_case(cls.world, given="Lan"), K.CEREMONY, actor=cls.world.editor_a)
        cls.ceremony = CaseStep.objects.get(case=cls.ceremonial, kind=K.CEREMONY)

    def test_a_correction_with_a_helper_of_the_wrong_type_is_refused_on_the_field(self):
        body = {"reason": "Nhầm người giúp đỡ", "data": {"helper_id": "abc"}}
        error = self.assertError(
            self.post_json(f"/api/v1/steps/{self.ceremony.pk}/correct", "editor_a", body), 422, "validation_failed"
        )
        self.assertIn("data.helper_id", error["details"])

    def test_an_unknown_key_in_a_correction_is_refused(self):
        body = {"reason": "Sai", "data": {"colour": "red"}}
        error = self.assertError(
            self.post_json(f"/api/v1/steps/{self.ceremony.pk}/correct", "editor_a", body), 422, "validation_failed"
        )
        self.assertEqual(set(error["details"]), {"data.colour"})

    def test_inconsistent_counts_are_refused_on_the_field(self):
        record_until(self.case, K.COMMENTS_SUMMARY, actor=self.world.editor_a)
        body = {"occurred_on": "2023-03-15", "document_number": "1", "official_members": 6, "in_favour": 6}
        error = self.assertError(
            self.post_json(url(self.case, K.CELL_RESOLUTION), "editor_a", {**body, "temporarily_away": 1}),
            422,
            "validation_failed",
        )
        self.assertEqual(set(error["details"]), {"data.in_favour"})

    def test_a_missing_case_is_not_found_even_with_an_invalid_body(self):
        missing = AdmissionCase(pk=999_999)
        for path in (url(missing, K.CELL_RESOLUTION), url(missing, K.CELL_RESOLUTION, check=True)):
            self.assertError(self.post_json(path, "editor_a", {"occurred_on": "x"}), 404, "not_found")
        self.assertError(self.post_json("/api/v1/steps/999999/correct", "editor_a", {}), 404, "not_found")
        # A visible case with an invalid body is still a validation error.
        self.assertError(
            self.post_json(url(self.case, K.CELL_RESOLUTION), "editor_a", {"occurred_on": "x"}),
            422,
            "validation_failed",
        )
        # Out of scope is indistinguishable from missing.
        self.assertError(self.post_json(url(self.case_b, K.CELL_RESOLUTION), "editor_a", {}), 404, "not_found")
