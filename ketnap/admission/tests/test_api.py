"""Admission over the API: cases, evidence, the source and the documents, each endpoint
tested with no role, a role in scope and a role on a sibling."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from ketnap.accounts.tokens import token_create
from ketnap.admission import selectors, services
from ketnap.admission.models import (
    AdmissionCase,
    Introducer,
    ProgressNote,
    Prospect,
    Relative,
    SympathiserListing,
    VerificationRequest,
)
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import official_members, open_case, record_until
from ketnap.api.tests.base import ApiTestCase
from ketnap.core.testing import make_person, make_user

D = dt.date
K = StepKind


class AdmissionApiTestCase(ApiTestCase):
    """The API personas plus an approver of province A, an open case in each province
    (cell A and cell B, both staffed with official members) and a person with no case."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.world
        cls.approver = make_user("approver_a", (w.province_a, "approver"))
        cls.tokens = {**cls.tokens, "approver": token_create(actor=None, user=cls.approver, label="test")[1]}
        cls.case = open_case(w, given="Mai")
        cls.case_b = open_case(w, cell=w.cell_b, actor=w.admin, given="Bảo")
        cls.member = official_members(w.cell_a, D(2023, 1, 10))[0]
        cls.person = make_person(w.cell_a, family="Lường", middle="Văn", given="Tâm", birth_date=D(1998, 2, 1))

    def post_json(self, url: str, who: str | None, body: dict[str, Any]) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json")

    def assertThreeWays(self, method: str, url: str, body: dict[str, Any] | None = None, *, write: bool) -> None:
        """No role and a sibling's role see nothing (404); the viewer in scope reads (200)
        but may not write (403)."""

        def call(who: str) -> Any:
            return self.post_json(url, who, body or {}) if method == "post" else self.get(url, who)

        for who in ("nobody", "outsider_b"):
            with self.subTest(who=who):
                self.assertError(call(who), 404, "not_found")
        with self.subTest(who="viewer_commune_a"):
            response = call("viewer_commune_a")
            if write:
                self.assertError(response, 403, "permission_denied")
            else:
                self.assertEqual(response.status_code, 200, response.content)


# --- Cases -------------------------------------------------------------------------------------


class CaseListTests(AdmissionApiTestCase):
    def ids(self, url: str, who: str) -> list[int]:
        response = self.get(url, who)
        self.assertEqual(response.status_code, 200, response.content)
        return [item["id"] for item in response.json()["items"]]

    def test_no_role_sees_an_empty_list(self):
        body = self.get("/api/v1/cases", "nobody").json()
        self.assertEqual((body["count"], body["items"]), (0, []))

    def test_role_in_scope_sees_its_cases(self):
        self.assertEqual(self.ids("/api/v1/cases", "viewer_commune_a"), [self.case.pk])

    def test_role_on_sibling_sees_only_its_own_cases(self):
        self.assertEqual(self.ids("/api/v1/cases", "outsider_b"), [self.case_b.pk])

    def test_org_filter_is_the_subtree_and_hidden_codes_give_nothing(self):
        self.assertEqual(self.ids("/api/v1/cases?org=tinh-b", "admin"), [self.case_b.pk])
        self.assertEqual(self.ids("/api/v1/cases?org=chi-bo-a", "outsider_b"), [])
        self.assertEqual(self.ids("/api/v1/cases?org=khong-co", "admin"), [])

    def test_stage_and_open_filters(self):
        self.assertEqual(self.ids("/api/v1/cases?stage=dossier&open=true", "editor_a"), [self.case.pk])
        self.assertEqual(self.ids("/api/v1/cases?stage=ceremony", "editor_a"), [])
        self.assertEqual(self.ids("/api/v1/cases?open=false", "editor_a"), [])

    def test_items_carry_the_case_fields(self):
        item = self.get("/api/v1/cases", "editor_a").json()["items"][0]
        self.assertEqual(item["cell"], "chi-bo-a")
        self.assertEqual(item["opened_on"], "2023-01-10")
        self.assertEqual(item["person_id"], self.case.person_id)
        self.assertEqual(item["version"], 0)


class CaseOpenTests(AdmissionApiTestCase):
    def body(self, **extra: Any) -> dict[str, Any]:
        return {"person_id": self.person.pk, "cell": "chi-bo-a", "opened_on": "2024-03-01", **extra}

    def test_three_ways(self):
        self.assertError(self.post_json("/api/v1/cases", "nobody", self.body()), 404, "not_found")
        self.assertError(self.post_json("/api/v1/cases", "outsider_b", self.body()), 404, "not_found")
        self.assertError(self.post_json("/api/v1/cases", "viewer_commune_a", self.body()), 403, "permission_denied")
        self.assertFalse(AdmissionCase.objects.filter(person=self.person).exists())

    def test_editor_opens_a_case_with_flags(self):
        response = self.post_json("/api/v1/cases", "editor_a", self.body(village_elder=True))
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        case = AdmissionCase.objects.get(person=self.person)
        self.assertEqual((body["id"], body["cell"], body["stage"]), (case.pk, "chi-bo-a", "dossier"))
        self.assertTrue(case.village_elder and body["village_elder"])

    def test_a_person_out_of_view_is_not_found_on_its_field(self):
        stranger = make_person(self.world.cell_b, given="Lạ")
        error = self.assertError(
            self.post_json("/api/v1/cases", "editor_a", self.body(person_id=stranger.pk)), 404, "not_found"
        )
        self.assertEqual(error["field"], "person_id")

    def test_second_open_case_is_refused_plainly(self):
        body = self.body(person_id=self.case.person_id)
        error = self.assertError(self.post_json("/api/v1/cases", "editor_a", body), 422, "validation_failed")
        self.assertIn("person", error["details"])

    def test_ids_and_flags_are_strict(self):
        for bad in ({"person_id": False}, {"person_id": str(self.person.pk)}, {"village_elder": "yes"}):
            with self.subTest(bad=bad):
                response = self.post_json("/api/v1/cases", "editor_a", self.body(**bad))
                self.assertError(response, 422, "validation_failed")

    def test_dates_must_be_iso(self):
        error = self.assertError(
            self.post_json("/api/v1/cases", "editor_a", self.body(opened_on="01/03/2024")), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "opened_on")


class CaseDetailTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        record_until(cls.case, K.COMMENTS_SUMMARY, actor=cls.world.editor_a)

    def test_three_ways(self):
        for url in (
            f"/api/v1/cases/{self.case.pk}",
            f"/api/v1/cases/{self.case.pk}/checklist",
            f"/api/v1/cases/{self.case.pk}/findings",
        ):
            with self.subTest(url=url):
                self.assertThreeWays("get", url, write=False)

    def test_detail_has_checklist_findings_timeline_and_introducers(self):
        body = self.get(f"/api/v1/cases/{self.case.pk}?on=2023-03-10", "viewer_commune_a").json()
        self.assertEqual(body["on"], "2023-03-10")
        self.assertEqual(
            [row["code"] for row in body["checklist"]],
            [row.code for row in selectors.case_checklist(self.case, D(2023, 3, 10))],
        )
        self.assertEqual([row["kind"] for row in body["timeline"]][:2], ["application", "personal_history"])
        self.assertEqual(len(body["introducers"]), 2)
        self.assertEqual({r["relation"] for r in body["relatives"]}, {"father", "mother"})
        self.assertTrue(all(v["replied_on"] for v in body["verifications"]))
        self.assertEqual(
            [f["code"] for f in body["findings"]],
            [f.code for f in selectors.case_findings(self.case, D(2023, 3, 10))],
        )

    def test_checklist_is_the_selector_on_the_date(self):
        on = D(2023, 1, 12)
        body = self.get(f"/api/v1/cases/{self.case.pk}/checklist?on={on}", "editor_a").json()
        expected = selectors.case_checklist(self.case, on)
        self.assertEqual([(r["code"], r["state"]) for r in body["items"]], [(r.code, r.state) for r in expected])

    def test_findings_carry_citation_and_dates(self):
        body = self.get(f"/api/v1/cases/{self.case.pk}/findings?on=2023-03-10", "editor_a").json()
        expected = selectors.case_findings(self.case, D(2023, 3, 10))
        self.assertEqual(body["blocking"], any(f.blocking for f in expected))
        self.assertEqual(
            [(f["code"], f["citation"], f["due_on"]) for f in body["findings"]],
            [(f.code, str(f.citation), f.due_on.isoformat() if f.due_on else None) for f in expected],
        )

    def test_unknown_case_is_404(self):
        self.assertError(self.get("/api/v1/cases/999999", "admin"), 404, "not_found")


# --- Evidence ----------------------------------------------------------------------------------


class EvidenceTests(AdmissionApiTestCase):
    def test_introducer_three_ways_and_add(self):
        url = f"/api/v1/cases/{self.case.pk}/introducers"
        body = {
            "member_id": self.member.pk,
            "basis": "work",
            "together_since": "2020-01-01",
            "introduced_on": "2023-02-01",
        }
        self.assertThreeWays("post", url, body, write=True)
        self.assertFalse(Introducer.objects.filter(case=self.case).exists())
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["member_name"], self.member.full_name)
        self.assertEqual(Introducer.objects.get(case=self.case).member, self.member)

    def test_introducer_out_of_view_is_not_found_on_its_field(self):
        other = official_members(self.world.cell_b, D(2023, 1, 10))[0]
        body = {"member_id": other.pk, "basis": "work", "together_since": "2020-01-01", "introduced_on": "2023-02-01"}
        error = self.assertError(
            self.post_json(f"/api/v1/cases/{self.case.pk}/introducers", "editor_a", body), 404, "not_found"
        )
        self.assertEqual(error["field"], "member_id")

    def test_introducer_replace_three_ways_and_replace(self):
        first, second = official_members(self.world.cell_a, D(2023, 1, 10))[:2]
        introducer = services.introducer_add(
            actor=self.world.editor_a,
            case=self.case,
            member=first,
            basis="work",
            together_since=D(2020, 1, 1),
            introduced_on=D(2023, 2, 1),
        )
        url = f"/api/v1/introducers/{introducer.pk}/replace"
        body = {"new_member_id": second.pk, "on": "2023-03-01"}
        self.assertThreeWays("post", url, body, write=True)
        self.assertIsNone(Introducer.objects.get(pk=introducer.pk).withdrawn_on)
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 200, response.content)
        out = response.json()
        self.assertEqual((out["member_id"], out["replacement"], out["introduced_on"]), (second.pk, True, "2023-03-01"))
        self.assertEqual(Introducer.objects.get(pk=introducer.pk).withdrawn_on, D(2023, 3, 1))
        self.assertError(self.post_json(url, "editor_a", body), 409, "transition_not_allowed")

    def test_introducer_replacement_out_of_view_is_not_found_on_its_field(self):
        introducer = services.introducer_add(
            actor=self.world.editor_a,
            case=self.case,
            member=self.member,
            basis="work",
            together_since=D(2020, 1, 1),
            introduced_on=D(2023, 2, 1),
        )
        other = official_members(self.world.cell_b, D(2023, 1, 10))[0]
        body = {"new_member_id": other.pk, "on": "2023-03-01"}
        error = self.assertError(
            self.post_json(f"/api/v1/introducers/{introducer.pk}/replace", "editor_a", body), 404, "not_found"
        )
        self.assertEqual(error["field"], "new_member_id")
        self.assertIsNone(Introducer.objects.get(pk=introducer.pk).withdrawn_on)

    def test_relative_three_ways_and_add(self):
        url = f"/api/v1/cases/{self.case.pk}/relatives"
        body = {"full_name": "Lò Văn Cha", "relation": "father", "party_member": True}
        self.assertThreeWays("post", url, body, write=True)
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertTrue(Relative.objects.get(case=self.case).party_member)

    def test_verification_request_and_reply(self):
        relative = Relative.objects.create(case=self.case, full_name="Quàng Thị Mẹ", relation="mother", abroad=True)
        url = f"/api/v1/cases/{self.case.pk}/verifications"
        body = {"addressee": "Đảng ủy xã quê quán", "sent_on": "2023-02-01", "relative_id": relative.pk}
        self.assertThreeWays("post", url, body, write=True)
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertTrue(response.json()["via_upper_committee"])  # abroad: through the upper committee

        reply_url = f"/api/v1/verifications/{response.json()['id']}/reply"
        reply = {"replied_on": "2023-02-20", "result": "Không có vấn đề."}
        self.assertThreeWays("post", reply_url, reply, write=True)
        response = self.post_json(reply_url, "editor_a", reply)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(VerificationRequest.objects.get(relative=relative).replied_on, D(2023, 2, 20))
        self.assertError(self.post_json(reply_url, "editor_a", reply), 409, "transition_not_allowed")

    def test_verification_of_another_case_relative_is_not_found(self):
        relative = Relative.objects.create(case=self.case_b, full_name="Người B", relation="father")
        body = {"addressee": "Xã B", "sent_on": "2023-02-01", "relative_id": relative.pk}
        error = self.assertError(
            self.post_json(f"/api/v1/cases/{self.case.pk}/verifications", "editor_a", body), 404, "not_found"
        )
        self.assertEqual(error["field"], "relative_id")


# --- The source --------------------------------------------------------------------------------


class SourceTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.prospect = Prospect.objects.create(
            person=cls.person, cell=cls.world.cell_a, origin="youth_union", noted_on=D(2023, 1, 5)
        )
        other = make_person(cls.world.cell_b, given="Nguồn")
        cls.prospect_b = Prospect.objects.create(
            person=other, cell=cls.world.cell_b, origin="school", noted_on=D(2023, 1, 5)
        )

    def ids(self, url: str, who: str) -> list[int]:
        response = self.get(url, who)
        self.assertEqual(response.status_code, 200, response.content)
        return [item["id"] for item in response.json()["items"]]

    def test_list_three_ways(self):
        self.assertEqual(self.ids("/api/v1/prospects", "nobody"), [])
        self.assertEqual(self.ids("/api/v1/prospects", "viewer_commune_a"), [self.prospect.pk])
        self.assertEqual(self.ids("/api/v1/prospects", "outsider_b"), [self.prospect_b.pk])
        self.assertEqual(self.ids("/api/v1/prospects?cell=chi-bo-b", "editor_a"), [])
        self.assertEqual(self.ids("/api/v1/prospects?cell=chi-bo-a", "admin"), [self.prospect.pk])

    def test_add_three_ways_and_add(self):
        person = make_person(self.world.cell_a, given="Mới", birth_date=D(2000, 1, 1))
        body = {"person_id": person.pk, "cell": "chi-bo-a", "origin": "women_union", "noted_on": "2024-01-02"}
        self.assertError(self.post_json("/api/v1/prospects", "nobody", body), 404, "not_found")
        self.assertError(self.post_json("/api/v1/prospects", "outsider_b", body), 404, "not_found")
        self.assertError(self.post_json("/api/v1/prospects", "viewer_commune_a", body), 403, "permission_denied")
        response = self.post_json("/api/v1/prospects", "editor_a", body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual((response.json()["origin"], response.json()["sympathiser"]), ("women_union", False))

    def test_sympathiser_listing_on_and_off(self):
        url = f"/api/v1/prospects/{self.prospect.pk}/sympathiser-listing"
        body = {"action": "add", "on": "2023-02-01", "resolution": "03-NQ/CB"}
        self.assertThreeWays("post", url, body, write=True)
        self.assertEqual(self.post_json(url, "editor_a", body).status_code, 200)
        items = self.get("/api/v1/prospects?as_of=2023-03-01", "editor_a").json()["items"]
        self.assertTrue(items[0]["sympathiser"])
        off = {"action": "remove", "on": "2023-06-01", "resolution": "09-NQ/CB"}
        response = self.post_json(url, "editor_a", off)
        self.assertEqual(response.json()["valid_to"], "2023-06-01")
        self.assertEqual(SympathiserListing.objects.get(prospect=self.prospect).removed_by_resolution, "09-NQ/CB")
        items = self.get("/api/v1/prospects?as_of=2023-07-01", "editor_a").json()["items"]
        self.assertFalse(items[0]["sympathiser"])

    def test_helper_assignment(self):
        url = f"/api/v1/prospects/{self.prospect.pk}/helpers"
        body = {"helper_id": self.member.pk, "on": "2023-02-01", "resolution": "04-NQ/CB"}
        self.assertThreeWays("post", url, body, write=True)
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual((response.json()["helper_id"], response.json()["purpose"]), (self.member.pk, "source"))

    def test_progress_note_and_test_task(self):
        note_url = f"/api/v1/prospects/{self.prospect.pk}/notes"
        note = {"meeting_on": "2023-03-05", "text": "Tích cực tham gia.", "reported_by_id": self.member.pk}
        self.assertThreeWays("post", note_url, note, write=True)
        self.assertEqual(self.post_json(note_url, "editor_a", note).status_code, 201)
        self.assertEqual(ProgressNote.objects.get(prospect=self.prospect).reported_by, self.member)
        task_url = f"/api/v1/prospects/{self.prospect.pk}/tasks"
        task = {"assigned_on": "2023-03-05", "description": "Phụ trách đội thanh niên tình nguyện."}
        self.assertThreeWays("post", task_url, task, write=True)
        self.assertEqual(self.post_json(task_url, "editor_a", task).status_code, 201)
        self.assertTrue(self.prospect.tasks.exists())

    def test_task_complete_three_ways_and_once(self):
        task = self.prospect.tasks.create(assigned_on=D(2023, 3, 5), description="Phụ trách đội tình nguyện.")
        url = f"/api/v1/tasks/{task.pk}/complete"
        body = {"completed_on": "2023-04-30", "result": "Hoàn thành tốt."}
        self.assertThreeWays("post", url, body, write=True)
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            (response.json()["completed_on"], response.json()["result"]), ("2023-04-30", "Hoàn thành tốt.")
        )
        task.refresh_from_db()
        self.assertEqual(task.completed_on, D(2023, 4, 30))
        self.assertError(self.post_json(url, "editor_a", body), 409, "transition_not_allowed")

    def test_task_completed_before_it_was_assigned_is_refused(self):
        task = self.prospect.tasks.create(assigned_on=D(2023, 3, 5), description="Phụ trách đội tình nguyện.")
        body = {"completed_on": "2023-03-01", "result": "Xong."}
        error = self.assertError(
            self.post_json(f"/api/v1/tasks/{task.pk}/complete", "editor_a", body), 422, "validation_failed"
        )
        self.assertIn("completed_on", error["details"])

    def test_leave_three_ways_and_leave(self):
        SympathiserListing.objects.create(prospect=self.prospect, valid_from=D(2023, 2, 1), added_by_resolution="03")
        url = f"/api/v1/prospects/{self.prospect.pk}/leave"
        body = {"on": "2023-09-01", "note": "Chuyển đi nơi khác."}
        self.assertThreeWays("post", url, body, write=True)
        self.assertIsNone(Prospect.objects.get(pk=self.prospect.pk).left_on)
        response = self.post_json(url, "editor_a", body)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["left_on"], response.json()["sympathiser"]), ("2023-09-01", False))
        self.assertEqual(SympathiserListing.objects.get(prospect=self.prospect).valid_to, D(2023, 9, 1))
        self.assertEqual(self.ids("/api/v1/prospects?as_of=2023-10-01", "editor_a"), [])
        self.assertError(self.post_json(url, "editor_a", body), 409, "transition_not_allowed")


# --- Documents ---------------------------------------------------------------------------------


class DocumentTests(AdmissionApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        record_until(cls.case, K.CELL_RESOLUTION, actor=cls.world.editor_a)

    def test_three_ways(self):
        self.assertThreeWays("get", f"/api/v1/cases/{self.case.pk}/documents/cell_resolution", write=False)

    def test_cell_resolution_is_a_word_file(self):
        response = self.get(f"/api/v1/cases/{self.case.pk}/documents/cell_resolution", "viewer_commune_a")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        self.assertIn(".docx", response["Content-Disposition"])
        self.assertTrue(response.content.startswith(b"PK"))

    @pytest.mark.needs("pango", "dejavu")
    def test_checklist_is_a_pdf(self):
        response = self.get(f"/api/v1/cases/{self.case.pk}/documents/checklist?on=2023-03-20", "editor_a")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_unknown_kind_is_refused(self):
        self.assertError(
            self.get(f"/api/v1/cases/{self.case.pk}/documents/passport", "editor_a"), 422, "validation_failed"
        )


# --- OpenAPI -----------------------------------------------------------------------------------


class AdmissionOpenApiTests(ApiTestCase):
    def test_admission_paths_are_documented_with_their_errors(self):
        document = self.client.get("/api/v1/openapi.json").json()
        expected = {
            "/api/v1/cases",
            "/api/v1/cases/{case_id}",
            "/api/v1/cases/{case_id}/checklist",
            "/api/v1/cases/{case_id}/findings",
            "/api/v1/cases/{case_id}/introducers",
            "/api/v1/cases/{case_id}/relatives",
            "/api/v1/cases/{case_id}/verifications",
            "/api/v1/cases/{case_id}/documents/{kind}",
            "/api/v1/verifications/{verification_id}/reply",
            "/api/v1/steps/{step_id}/correct",
            "/api/v1/steps/{step_id}/void",
            "/api/v1/prospects",
            "/api/v1/prospects/{prospect_id}/sympathiser-listing",
            "/api/v1/prospects/{prospect_id}/helpers",
            "/api/v1/prospects/{prospect_id}/notes",
            "/api/v1/prospects/{prospect_id}/tasks",
            "/api/v1/prospects/{prospect_id}/leave",
            "/api/v1/introducers/{introducer_id}/replace",
            "/api/v1/tasks/{task_id}/complete",
            "/api/v1/organizations/{code}/queue",
        }
        self.assertLessEqual(expected, set(document["paths"]))
        for path in expected:
            for method, operation in document["paths"][path].items():
                with self.subTest(path=path, method=method):
                    self.assertLessEqual({"400", "401", "403", "404", "422"}, set(operation["responses"]))
                    if method == "post":
                        self.assertIn("requestBody", operation)

    def test_operation_ids_stay_those_of_the_single_module(self):
        # The views moved into a package; generated clients keep their method names.
        document = self.client.get("/api/v1/openapi.json").json()
        ids = {
            (path, method): operation["operationId"]
            for path, operations in document["paths"].items()
            for method, operation in operations.items()
        }
        self.assertEqual(ids[("/api/v1/cases", "get")], "ketnap_api_admission_case_list")
        self.assertEqual(ids[("/api/v1/steps/{step_id}/void", "post")], "ketnap_api_admission_step_void_view")
        self.assertEqual(ids[("/api/v1/prospects", "post")], "ketnap_api_admission_prospect_add_view")
        self.assertEqual(
            ids[("/api/v1/verifications/{verification_id}/reply", "post")],
            "ketnap_api_admission_verification_reply_view",
        )
        self.assertEqual(ids[("/api/v1/cases/{case_id}/steps/ceremony", "post")], "record_ceremony")
        admission = [i for (path, _), i in ids.items() if path.startswith(("/api/v1/cases", "/api/v1/prospects"))]
        self.assertTrue(all(i.startswith(("ketnap_api_admission_", "record_", "check_")) for i in admission))

    def test_document_download_is_described_as_a_file(self):
        document = self.client.get("/api/v1/openapi.json").json()
        content = document["paths"]["/api/v1/cases/{case_id}/documents/{kind}"]["get"]["responses"]["200"]["content"]
        self.assertIn("application/pdf", content)
        self.assertIn("application/vnd.openxmlformats-officedocument.wordprocessingml.document", content)
