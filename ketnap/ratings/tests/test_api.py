"""Ratings and coverage over the API: scope three ways, the batch as 422 naming the line."""

from __future__ import annotations

import json
from typing import Any

from ketnap.api.tests.base import ApiTestCase
from ketnap.ratings.models import Rating

URL = "/api/v1/organizations/xa-a/ratings"
BODY = {"year": 2022, "entries": [{"key": "chi-bo-a", "level": "good"}]}


class RatingsApiTests(ApiTestCase):
    def post_json(self, url: str, who: str, body: dict[str, Any]) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json")

    def test_record_three_ways(self) -> None:
        self.assertError(self.post_json(URL, "nobody", BODY), 404, "not_found")
        self.assertError(self.post_json(URL, "outsider_b", BODY), 404, "not_found")
        self.assertError(self.post_json(URL, "viewer_commune_a", BODY), 403, "permission_denied")
        response = self.post_json(URL, "editor_a", BODY)
        assert response.status_code == 200, response.content
        assert response.json()["edition"] == "QD132-2018"

    def test_qd366_without_points_is_a_422_naming_the_line(self) -> None:
        body = {"year": 2025, "entries": [{"key": "chi-bo-a", "level": "good"}]}
        error = self.assertError(self.post_json(URL, "editor_a", body), 422, "validation_failed")
        assert "level_chi-bo-a" in json.dumps(error)
        assert Rating.objects.count() == 0

    def test_points_out_of_range_are_refused_by_the_schema(self) -> None:
        body = {"year": 2025, "entries": [{"key": "chi-bo-a", "level": "good", "points": "101"}]}
        assert self.post_json(URL, "editor_a", body).status_code == 422

    def test_list_and_summary(self) -> None:
        self.post_json(URL, "editor_a", BODY)
        listed = self.get("/api/v1/organizations/tinh-a/ratings?year=2022", "viewer_commune_a")
        assert listed.status_code == 404  # the viewer of a commune does not see the province
        listed = self.get("/api/v1/organizations/xa-a/ratings?year=2022", "viewer_commune_a").json()
        assert listed["count"] == 1
        summary = self.get("/api/v1/organizations/xa-a/ratings/summary?year=2022", "viewer_commune_a").json()
        assert summary["cells"]["good_or_better"] == 1
        assert summary["cells"]["total"] == 1

    def test_coverage_three_ways(self) -> None:
        url = "/api/v1/organizations/xa-a/coverage?as_of=2024-01-01"
        self.assertError(self.get(url, "outsider_b"), 404, "not_found")
        self.assertError(self.get(url, "nobody"), 404, "not_found")
        assert self.get(url, "viewer_commune_a").json()["villages"] == 0
        villages = self.get("/api/v1/organizations/xa-a/coverage/villages?list=joint", "viewer_commune_a")
        assert villages.json()["count"] == 0
        assert self.get("/api/v1/organizations/xa-a/coverage/villages?list=bogus", "admin").status_code == 422
