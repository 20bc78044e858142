"""Training classes over the API: scope three ways, the flow to a certificate, refusals
naming the field, and the summary of a subtree."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import time_machine

from ketnap.api.tests.base import ApiTestCase
from ketnap.training import services
from ketnap.training.models import Enrolment

NOW = dt.datetime(2026, 6, 1, 9, 0)


class TrainingApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.klass = services.class_create(
            actor=cls.world.editor_a,
            organizer=cls.world.commune_a,
            kind="awareness",
            name="Lớp NTVĐ",
            start=dt.date(2024, 3, 1),
            end=dt.date(2024, 3, 5),
            sessions=3,
        )

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def post_json(self, url: str, who: str | None, body: dict[str, Any]) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json")

    def test_the_list_is_scoped_and_an_invisible_code_lists_nothing(self) -> None:
        self.assertEqual(self.get("/api/v1/training/classes", "viewer_commune_a").json()["count"], 1)
        self.assertEqual(self.get("/api/v1/training/classes", "outsider_b").json()["count"], 0)
        self.assertEqual(self.get("/api/v1/training/classes?org=xa-a", "outsider_b").json()["count"], 0)
        self.assertEqual(self.get("/api/v1/training/classes?kind=general", "admin").json()["count"], 0)

    def test_a_class_three_ways(self) -> None:
        url = f"/api/v1/training/classes/{self.klass.pk}"
        self.assertEqual(self.get(url, "viewer_commune_a").status_code, 200)
        self.assertError(self.get(url, "outsider_b"), 404, "not_found")
        self.assertError(self.get(url, None), 401, self.get(url, None).json()["error"]["code"])
        enrol = self.post_json(f"{url}/enrolments", "viewer_commune_a", {"person_id": self.candidate_a.pk})
        self.assertError(enrol, 403, "permission_denied")

    def test_an_editor_enrols_completes_and_certifies(self) -> None:
        url = f"/api/v1/training/classes/{self.klass.pk}/enrolments"
        answer = self.post_json(url, "editor_a", {"person_id": self.candidate_a.pk})
        self.assertEqual(answer.status_code, 201, answer.content)
        enrolment = answer.json()["id"]
        base = f"/api/v1/training/enrolments/{enrolment}"
        self.assertEqual(
            self.post_json(f"{base}/attendance", "editor_a", {"session": 1}).json()["attended_sessions"], 1
        )
        refused = self.post_json(f"{base}/certificate", "editor_a", {"number": "5/CN", "issued_on": "2024-03-06"})
        self.assertError(refused, 409, "transition_not_allowed")
        self.post_json(f"{base}/completion", "editor_a", {"completed_on": "2024-03-05"})
        done = self.post_json(f"{base}/certificate", "editor_a", {"number": "5/CN", "issued_on": "2024-03-06"})
        self.assertEqual(done.json()["certificate_number"], "5/CN", done.content)
        self.assertEqual(Enrolment.objects.get(pk=enrolment).certificate_issued_on, dt.date(2024, 3, 6))

    def test_refusals_name_the_field(self) -> None:
        body = {"organizer": "xa-a", "kind": "general", "name": "X", "start": "2024-03-05", "end": "2024-03-01"}
        error = self.assertError(self.post_json("/api/v1/training/classes", "editor_a", body), 422, "validation_failed")
        self.assertEqual(error["field"], "end")
        body = {"organizer": "xa-b", "kind": "general", "name": "X", "start": "2024-03-01", "end": "2024-03-01"}
        self.assertError(self.post_json("/api/v1/training/classes", "editor_a", body), 404, "not_found")
        enrolment = services.enrolment_add(actor=self.world.editor_a, training_class=self.klass, person=self.member_a)
        url = f"/api/v1/training/enrolments/{enrolment.pk}/attendance"
        error = self.assertError(self.post_json(url, "editor_a", {}), 422, "validation_failed")
        self.assertEqual(error["field"], "session")

    def test_the_summary_counts_classes_and_new_member_coverage(self) -> None:
        answer = self.get("/api/v1/training/summary?org=xa-a&first=2024-01-01&last=2024-12-31", "viewer_commune_a")
        body = answer.json()
        self.assertEqual((body["classes"], body["rows"][0]["kind"]), (1, "awareness"), body)
        self.assertError(
            self.get("/api/v1/training/summary?org=xa-a&first=2024-01-01&last=2024-12-31", "outsider_b"),
            404,
            "not_found",
        )
        bad = self.get("/api/v1/training/summary?org=xa-a&first=2024-12-31&last=2024-01-01", "admin")
        self.assertEqual(self.assertError(bad, 422, "validation_failed")["field"], "last")
