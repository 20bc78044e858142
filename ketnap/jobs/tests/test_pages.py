"""The pages: start a job about an organization, follow it (htmx polling while it is
open, none after), download the file (audited), read why it failed; scoped."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ketnap.audit.models import AuditEntry
from ketnap.jobs import services
from ketnap.jobs.builtin import STATISTICS
from ketnap.jobs.models import Job, JobState
from ketnap.jobs.runner import run_job
from ketnap.jobs.tests.conftest import AS_OF, Jobs


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queued(jw: Jobs, as_of: str = AS_OF) -> Job:
    return services.job_start(actor=jw.viewer_a, kind=STATISTICS, organization=jw.w.province_a, params={"as_of": as_of})


def test_start_follow_and_download(jobs_world: Jobs) -> None:
    client = client_for(jobs_world.viewer_a)
    form = client.get("/viec-chay/to-chuc/tinh-a/?ngay=2026-01-01")
    assert form.status_code == 200 and "01/01/2026" in form.content.decode()
    assert "aggregates_rebuild" not in form.content.decode()  # a viewer may not rebuild
    response = client.post("/viec-chay/to-chuc/tinh-a/", {"kind": STATISTICS, "as_of": "01/01/2026"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/viec-chay/viec/{job.pk}/"
    page = client.get(f"/viec-chay/viec/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "<progress" in page and "Đang chờ" in page
    assert "<script" not in page.split("</head>")[1] and "style=" not in page
    run_job(job.pk)
    fragment = client.get(f"/viec-chay/viec/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "<html" not in fragment
    assert f"/viec-chay/viec/{job.pk}/tai-ve/" in fragment
    download = client.get(f"/viec-chay/viec/{job.pk}/tai-ve/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="thong-ke-tinh-a-2026-01-01.xlsx"'
    assert download.content[:2] == b"PK"
    entry = AuditEntry.objects.get(action="file.download")
    assert entry.after["kind"] == "job:statistics_xlsx" and entry.actor_id == jobs_world.viewer_a.pk


def test_bad_date_names_the_field(jobs_world: Jobs) -> None:
    client = client_for(jobs_world.viewer_a)
    response = client.post("/viec-chay/to-chuc/tinh-a/", {"kind": STATISTICS, "as_of": "31/02/2026"})
    assert response.status_code == 400 and "id_as_of-error" in response.content.decode()
    response = client.post("/viec-chay/to-chuc/tinh-a/", {"kind": STATISTICS, "as_of": ""})
    assert response.status_code == 400 and "Cần ngày báo cáo." in response.content.decode()
    assert not Job.objects.exists()


def test_failure_reason_is_on_the_page(jobs_world: Jobs) -> None:
    job = queued(jobs_world, "1931-01-01")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    page = client_for(jobs_world.viewer_a).get(f"/viec-chay/viec/{job.pk}/").content.decode()
    assert "Việc không thành công" in page and "Traceback" not in page


@pytest.mark.parametrize("suffix", ["", "tai-ve/"])
def test_another_users_job_is_not_found(jobs_world: Jobs, suffix: str) -> None:
    job = queued(jobs_world)
    run_job(job.pk)
    for user in (jobs_world.other_a, jobs_world.w.outsider_b, jobs_world.w.nobody):
        assert client_for(user).get(f"/viec-chay/viec/{job.pk}/{suffix}").status_code == 404
    assert client_for(jobs_world.w.admin).get(f"/viec-chay/viec/{job.pk}/{suffix}").status_code == 200
    assert client_for(jobs_world.other_a).post(f"/viec-chay/viec/{job.pk}/huy/").status_code == 404


def test_start_page_of_another_province_is_not_found(jobs_world: Jobs) -> None:
    client = client_for(jobs_world.viewer_a)
    assert client.get("/viec-chay/to-chuc/tinh-b/").status_code == 404
    assert client.post("/viec-chay/to-chuc/tinh-b/", {"kind": STATISTICS, "as_of": "01/01/2026"}).status_code == 404
    assert not Job.objects.exists()


def test_cancel_from_the_page(jobs_world: Jobs) -> None:
    job = queued(jobs_world)
    client = client_for(jobs_world.viewer_a)
    assert client.post(f"/viec-chay/viec/{job.pk}/huy/").status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    assert client.post(f"/viec-chay/viec/{job.pk}/huy/").status_code == 409


def test_list_and_panel(jobs_world: Jobs) -> None:
    jobs = [queued(jobs_world) for _n in range(27)]
    client = client_for(jobs_world.viewer_a)
    first = client.get("/viec-chay/").content.decode()
    assert f"/viec-chay/viec/{jobs[-1].pk}/" in first and f"/viec-chay/viec/{jobs[0].pk}/" not in first
    assert "Trang 1/2" in first
    assert f"/viec-chay/viec/{jobs[0].pk}/" in client.get("/viec-chay/?trang=2").content.decode()
    assert "Bạn chưa có việc" in client_for(jobs_world.other_a).get("/viec-chay/").content.decode()
    org_page = client.get("/to-chuc/tinh-a/?ngay=2026-01-01").content.decode()
    assert "Việc chạy nền" in org_page and "/viec-chay/to-chuc/tinh-a/?ngay=2026-01-01" in org_page
