"""POST /api/v1/people and PATCH /api/v1/people/{id}: the same field names as the detail
returns, duplicates as 409, scope three ways, correction versus dated change."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from unittest import mock

from ketnap.api.tests.base import ApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.people.models import Person, Profile

NEW = {
    "organization": "chi-bo-a",
    "full_name": "Giàng A Pháo",
    "gender": "male",
    "birth_date": "1995-04-09",
    "education": "upper_secondary",
    "hometown": "Mường Tè",
    "ethnicity": "hmong",
}


class PersonWriteApiTests(ApiTestCase):
    def send(self, method: str, url: str, who: str, body: dict[str, Any]) -> Any:
        return self.call(method, url, who, data=json.dumps(body), content_type="application/json")

    def create(self, who: str = "editor_a", **changes: Any) -> Any:
        return self.send("post", "/api/v1/people", who, {**NEW, **changes})

    def test_created_person_answers_201_in_the_shape_of_the_detail(self) -> None:
        response = self.create()
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        detail = self.get(f"/api/v1/people/{body['id']}", "editor_a").json()
        self.assertEqual(body, detail)
        self.assertEqual((body["family_name"], body["given_name"], body["organization"]), ("Giàng", "Pháo", "chi-bo-a"))
        self.assertIsNone(body["ethnicity"])  # masked in every output
        self.assertEqual(Person.objects.get(pk=body["id"]).ethnicity, "hmong")

    def test_name_parts_are_accepted_as_the_detail_names_them(self) -> None:
        parts = {"family_name": "Lò", "middle_name": "Thị", "given_name": "Mai"}
        body = self.send("post", "/api/v1/people", "editor_a", {**NEW, "full_name": None, **parts}).json()
        self.assertEqual(body["full_name"], "Lò Thị Mai")

    def test_scope_three_ways(self) -> None:
        self.assertError(self.create("viewer_commune_a"), 403, "permission_denied")
        self.assertError(self.create("outsider_b"), 404, "not_found")
        self.assertError(self.create("nobody"), 404, "not_found")
        self.assertError(self.create(organization="khong-co"), 404, "not_found")
        self.assertFalse(Person.objects.filter(given_name="Pháo").exists())

    def test_validation_names_the_field(self) -> None:
        error = self.assertError(self.create(birth_date="09/04/1995"), 422, "validation_failed")
        self.assertEqual(error["field"], "birth_date")
        error = self.assertError(self.create(citizen_id="12345"), 422, "validation_failed")
        self.assertEqual(error["details"], {"citizen_id": ["Số định danh cá nhân: cần đúng 12 chữ số."]})
        error = self.assertError(self.create(gender="nam"), 422, "validation_failed")
        self.assertEqual(error["field"], "gender")
        error = self.assertError(self.create(colour="red"), 422, "validation_failed")
        self.assertEqual(error["field"], "colour")
        error = self.assertError(self.create(full_name="Pháo"), 422, "validation_failed")
        self.assertEqual(error["field"], "full_name")
        error = self.assertError(self.create(full_name=None, given_name="Pháo"), 422, "validation_failed")
        self.assertEqual(error["field"], "family_name")
        self.assertTrue(error["details"]["family_name"][0].startswith("Họ: "))

    def test_duplicate_in_scope_is_409_with_the_match_then_confirm_creates(self) -> None:
        error = self.assertError(
            self.create(full_name="Tran Thi Hang", birth_date="1990-01-01"), 409, "possible_duplicates"
        )
        self.assertEqual([d["id"] for d in error["details"]["duplicates"]], [self.member_a.pk])
        self.assertFalse(error["details"]["elsewhere"])
        response = self.create(full_name="Tran Thi Hang", birth_date="1990-01-01", confirm=True)
        self.assertEqual(response.status_code, 201)

    def test_duplicate_out_of_scope_leaks_nothing(self) -> None:
        # The attacker (administrator of province B) probes for a citizen ID in province A.
        probe = {"organization": "chi-bo-b", "full_name": "Ai Do", "citizen_id": "001190004321"}
        response = self.create("outsider_b", **probe)
        error = self.assertError(response, 409, "possible_duplicates")
        self.assertEqual(error["details"], {"duplicates": [], "elsewhere": True, "elsewhere_message": mock.ANY})
        text = response.content.decode()
        for leak in ("Hằng", "Tr\\u1ea7n", "chi-bo-a", str(self.member_a.pk) + ","):
            self.assertNotIn(leak, text)

    def test_sensitive_fields_without_the_permission_are_refused(self) -> None:
        without = {**policy.ROLE_ACTIONS, "editor": frozenset({Action.VIEW, Action.EDIT})}
        with mock.patch.dict(policy.ROLE_ACTIONS, without):
            error = self.assertError(self.create(), 403, "permission_denied")
            self.assertIn("nhạy cảm", error["message"])
            url = f"/api/v1/people/{self.member_a.pk}"
            self.assertError(self.send("patch", url, "editor_a", {"religion": "none"}), 403, "permission_denied")
            self.assertEqual(self.send("patch", url, "editor_a", {"hometown": "Sìn Hồ"}).status_code, 200)

    def test_patch_scope_three_ways(self) -> None:
        url = f"/api/v1/people/{self.member_a.pk}"
        self.assertError(self.send("patch", url, "viewer_commune_a", {"hometown": "X"}), 403, "permission_denied")
        self.assertError(self.send("patch", url, "outsider_b", {"hometown": "X"}), 404, "not_found")
        self.assertError(self.send("patch", url, "nobody", {"hometown": "X"}), 404, "not_found")

    def test_patch_without_date_corrects_with_date_changes_history(self) -> None:
        url = f"/api/v1/people/{self.member_a.pk}"
        body = self.send("patch", url, "editor_a", {"given_name": "Hàng", "occupation": "farmer"}).json()
        self.assertEqual((body["given_name"], body["occupation"]), ("Hàng", "farmer"))
        self.assertEqual(Profile.objects.filter(person=self.member_a).count(), 1)  # corrected in place
        self.assertTrue(AuditEntry.objects.filter(action="person.correct").exists())
        change = {"political_theory": "advanced", "effective_on": "2024-01-01"}
        self.assertEqual(self.send("patch", url, "editor_a", change).status_code, 200)
        rows = Profile.objects.filter(person=self.member_a).order_by("valid_from")
        self.assertEqual([r.political_theory for r in rows], ["none", "advanced"])
        self.assertEqual(rows[1].valid_from, dt.date(2024, 1, 1))

    def test_patch_in_the_future_or_too_young_is_422(self) -> None:
        url = f"/api/v1/people/{self.member_a.pk}"
        future = (policy.today() + dt.timedelta(days=1)).isoformat()
        error = self.assertError(
            self.send("patch", url, "editor_a", {"education": "primary", "effective_on": future}),
            422,
            "validation_failed",
        )
        self.assertIn("effective_on", error["details"])
        young = policy.today().replace(year=policy.today().year - 10).isoformat()
        error = self.assertError(self.send("patch", url, "editor_a", {"birth_date": young}), 422, "validation_failed")
        self.assertIn("birth_date", error["details"])

    def test_english_messages(self) -> None:
        response = self.call(
            "post",
            "/api/v1/people",
            "editor_a",
            data=json.dumps({**NEW, "citizen_id": "1"}),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        error = self.assertError(response, 422, "validation_failed")
        expected = ["Personal identification number: exactly 12 digits are needed."]
        self.assertEqual(error["details"]["citizen_id"], expected)
