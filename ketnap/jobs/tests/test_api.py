"""The jobs API: start, follow, download, cancel; 404 outside, 422 naming the field."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from ketnap.accounts.tokens import token_create
from ketnap.jobs.models import Job
from ketnap.jobs.runner import run_job
from ketnap.jobs.tests.conftest import AS_OF, Jobs


class Api:
    def __init__(self, user: Any) -> None:
        self.client = Client()
        self.auth = f"Bearer {token_create(actor=None, user=user, label='test')[1]}"

    def get(self, url: str) -> Any:
        return self.client.get(url, HTTP_AUTHORIZATION=self.auth)

    def post(self, url: str, body: Any = None) -> Any:
        data = json.dumps(body or {})
        return self.client.post(url, data, content_type="application/json", HTTP_AUTHORIZATION=self.auth)


BODY = {"kind": "statistics_xlsx", "org": "tinh-a", "params": {"as_of": AS_OF}}


def test_start_follow_download(jobs_world: Jobs) -> None:
    api = Api(jobs_world.viewer_a)
    response = api.post("/api/v1/jobs", BODY)
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["state"] == "queued" and job["file_url"] is None and job["organization"] == "tinh-a"
    run_job(job["id"])
    state = api.get(f"/api/v1/jobs/{job['id']}").json()
    assert state["state"] == "done" and state["percent"] == 100
    download = api.get(state["file_url"])
    assert download.status_code == 200 and download.content[:2] == b"PK"
    listing = api.get("/api/v1/jobs?limit=1").json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == job["id"]


def test_refusals(jobs_world: Jobs) -> None:
    api = Api(jobs_world.viewer_a)
    assert api.post("/api/v1/jobs", BODY | {"org": "tinh-b"}).status_code == 404
    bad_date = api.post("/api/v1/jobs", BODY | {"params": {"as_of": "2026-13-01"}})
    assert bad_date.status_code == 422 and bad_date.json()["error"]["field"] == "as_of"
    unknown = api.post("/api/v1/jobs", BODY | {"kind": "drop_tables"})
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "kind"
    rebuild = api.post("/api/v1/jobs", {"kind": "aggregates_rebuild", "org": "tinh-a"})
    assert rebuild.status_code == 403
    assert not Job.objects.exists()


def test_another_users_job_is_not_found(jobs_world: Jobs) -> None:
    job = Api(jobs_world.viewer_a).post("/api/v1/jobs", BODY).json()
    run_job(job["id"])
    for user in (jobs_world.other_a, jobs_world.w.outsider_b):
        api = Api(user)
        for url in (f"/api/v1/jobs/{job['id']}", f"/api/v1/jobs/{job['id']}/file"):
            assert api.get(url).status_code == 404
        assert api.post(f"/api/v1/jobs/{job['id']}/cancel").status_code == 404
        assert api.get("/api/v1/jobs").json()["count"] == 0


def test_cancel(jobs_world: Jobs) -> None:
    api = Api(jobs_world.viewer_a)
    job = api.post("/api/v1/jobs", BODY).json()
    cancelled = api.post(f"/api/v1/jobs/{job['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert api.post(f"/api/v1/jobs/{job['id']}/cancel").status_code == 409
    assert api.get(f"/api/v1/jobs/{job['id']}/file").status_code == 404
