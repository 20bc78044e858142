from __future__ import annotations

import datetime as dt
import json
from typing import Any

import time_machine

from ketnap.api.tests.base import ApiTestCase
from ketnap.core.testing import add_events, make_person
from ketnap.plans.models import PlanDocument, Target

NOW = dt.datetime(2026, 8, 3, 9, 0)
TARGET = {"first_year": 2026, "last_year": 2026, "total": 4, "set_on": "2026-01-10", "women": 2}


class PlansApiTests(ApiTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def post_json(self, url: str, who: str | None, body: dict[str, Any]) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json")

    def test_target_set_three_ways(self) -> None:
        url = "/api/v1/plans/chi-bo-a/targets"
        self.assertError(self.post_json(url, "nobody", TARGET), 404, "not_found")
        self.assertError(self.post_json(url, "outsider_b", TARGET), 404, "not_found")
        self.assertError(self.post_json(url, "viewer_commune_a", TARGET), 403, "permission_denied")
        document = {"number": "5-KH/ĐU", "issued_on": "2026-01-10", "title": "Kế hoạch kết nạp 2026"}
        response = self.post_json(url, "editor_a", TARGET | {"document": document})
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["total"] == 4 and body["women"] == 2 and body["document"]["issuer"] == "xa-a"
        listed = self.get(url, "viewer_commune_a").json()
        assert [t["id"] for t in listed] == [body["id"]]

    def test_bad_values_name_the_field(self) -> None:
        url = "/api/v1/plans/chi-bo-a/targets"
        error = self.assertError(self.post_json(url, "editor_a", TARGET | {"women": 9}), 422, "validation_failed")
        assert error["field"] == "women"
        error = self.assertError(self.post_json(url, "editor_a", TARGET | {"total": -1}), 422, "validation_failed")
        assert error["field"] == "total"
        error = self.assertError(
            self.post_json(url, "editor_a", TARGET | {"set_on": "2026-02-30"}), 422, "validation_failed"
        )
        assert error["field"] == "set_on"
        document = {"number": "5-KH/ĐU", "issued_on": "2026-01-10", "title": "Kế hoạch"}
        refused = self.post_json(url, "editor_a", TARGET | {"women": 9, "document": document})
        self.assertError(refused, 422, "validation_failed")
        assert not Target.objects.exists() and not PlanDocument.objects.exists()

    def test_allocation_warns_and_achievement_counts(self) -> None:
        w = self.world
        body = {"year": 2026, "set_on": "2026-01-10", "shares": [{"organization": "chi-bo-a", "total": 3}]}
        self.post_json(
            "/api/v1/plans/huyen-a/allocation", "editor_a", body | {"shares": [{"organization": "xa-a", "total": 5}]}
        )
        response = self.post_json("/api/v1/plans/xa-a/allocation", "editor_a", body)
        assert response.status_code == 200, response.content
        assert len(response.json()["warnings"]) == 1
        add_events(make_person(w.cell_a, given="Mới"), ("admitted", dt.date(2026, 3, 2)))
        data = self.get("/api/v1/plans/xa-a/achievement?year=2026&as_of=2026-07-31", "viewer_commune_a").json()
        assert (data["plan"], data["admitted"], data["percent"]) == (5, 1, 20)
        assert data["rows"][0] == data["rows"][0] | {"code": "chi-bo-a", "plan": 3, "admitted": 1, "percent": 33}
        forecast = self.get("/api/v1/plans/xa-a/forecast?year=2026", "viewer_commune_a").json()
        assert forecast["total"]["admitted"] == 1 and forecast["working_days_left"] > 0

    def test_allocation_to_another_province_is_refused(self) -> None:
        body = {"year": 2026, "set_on": "2026-01-10", "shares": [{"organization": "chi-bo-b", "total": 3}]}
        self.assertError(self.post_json("/api/v1/plans/xa-a/allocation", "editor_a", body), 422, "validation_failed")
        assert not Target.objects.exists()

    def test_outsider_cannot_read_achievement(self) -> None:
        self.assertError(self.get("/api/v1/plans/xa-a/achievement?year=2026", "outsider_b"), 404, "not_found")
        self.assertError(self.get("/api/v1/plans/xa-a/achievement?year=99999", "editor_a"), 422, "validation_failed")
