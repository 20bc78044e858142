"""Starting, running, cancelling and purging jobs; the outcome always readable."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from ketnap.accounts.models import RoleAssignment
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.jobs import kinds, services
from ketnap.jobs.builtin import STATISTICS
from ketnap.jobs.kinds import JobFile, JobInput, Progress
from ketnap.jobs.models import Job, JobState
from ketnap.jobs.runner import run_job
from ketnap.jobs.selectors import job_file, job_get, jobs_list
from ketnap.jobs.tests.conftest import AS_OF, Jobs, run_worker


def start(jw: Jobs, user: Any = None, org: Any = None, **params: Any) -> Job:
    return services.job_start(
        actor=user or jw.viewer_a,
        kind=STATISTICS,
        organization=org or jw.w.province_a,
        params=params or {"as_of": AS_OF},
    )


def test_queued_job_runs_on_the_worker_and_its_file_is_the_statistics(worker_db: None, jobs_world: Jobs) -> None:
    job = start(jobs_world)
    assert job.state == JobState.QUEUED and job.task_id
    assert DBTaskResult.objects.filter(id=job.task_id).exists()
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert (job.done, job.total, job.percent) == (2, 2, 100)
    assert job.file_name == "thong-ke-tinh-a-2026-01-01.xlsx"
    sheet = load_workbook(BytesIO(job_file(job))).active
    assert sheet is not None and sheet.max_row > 5
    assert job.started_at and job.finished_at and job.started_at <= job.finished_at
    assert str(DBTaskResult.objects.get(id=job.task_id).status) == "SUCCESSFUL"


def test_start_is_audited_and_checked(jobs_world: Jobs) -> None:
    job = start(jobs_world)
    entry = AuditEntry.objects.get(action="job.start")
    assert entry.object_id == str(job.pk) and entry.organization_path == jobs_world.w.province_a.path
    with pytest.raises(NotFound):
        start(jobs_world, org=jobs_world.w.province_b)
    with pytest.raises(ValidationFailed) as error:
        start(jobs_world, as_of="31/02/2026")
    assert error.value.field == "as_of"
    with pytest.raises(ValidationFailed) as error:
        start(jobs_world, as_of=AS_OF, colour="red")
    assert error.value.field == "colour"
    with pytest.raises(ValidationFailed) as error:
        services.job_start(actor=jobs_world.viewer_a, kind="nope", organization=jobs_world.w.province_a)
    assert error.value.field == "kind"
    assert Job.objects.count() == 1


def test_rebuild_needs_an_administrator(jobs_world: Jobs) -> None:
    with pytest.raises(PermissionDenied):
        services.job_start(actor=jobs_world.viewer_a, kind="aggregates_rebuild", organization=jobs_world.w.province_a)
    assert not Job.objects.exists()


def test_a_user_sees_own_jobs_an_administrator_the_subtree(jobs_world: Jobs) -> None:
    w = jobs_world.w
    job = start(jobs_world)
    assert list(jobs_list(jobs_world.viewer_a)) == [job]
    assert list(jobs_list(jobs_world.other_a)) == []
    assert list(jobs_list(w.outsider_b)) == []  # administrator of the other province
    assert list(jobs_list(w.admin)) == [job]
    for stranger in (jobs_world.other_a, w.outsider_b, w.nobody):
        with pytest.raises(NotFound):
            job_get(stranger, job.pk)


def failing(job: JobInput, progress: Progress) -> JobFile:
    progress(1, 4)
    raise RuntimeError("secret internal detail /srv/ketnap/x.py line 3")


def test_failure_is_told_in_words_never_the_traceback(jobs_world: Jobs) -> None:
    kinds.register("test_failing", "Thử", failing)
    try:
        job = services.job_start(actor=jobs_world.viewer_a, kind="test_failing", organization=jobs_world.w.province_a)
        assert run_job(job.pk) == JobState.FAILED
    finally:
        kinds._KINDS.pop("test_failing")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and (job.done, job.total) == (1, 4)
    assert "lỗi không mong đợi" in job.error and "secret" not in job.error and "Traceback" not in job.error


def test_a_domain_refusal_is_the_reason(jobs_world: Jobs) -> None:
    job = start(jobs_world, as_of="1900-01-01")
    assert run_job(job.pk) == JobState.FAILED
    job.refresh_from_db()
    assert job.error and "Traceback" not in job.error


def test_a_missing_function_is_a_reason_too(jobs_world: Jobs, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = kinds.JobKind("missing", "Thiếu", "ketnap.nowhere.function", kinds.Action.ADMINISTER)
    monkeypatch.setitem(kinds._KINDS, "missing", missing)
    job = services.job_start(actor=jobs_world.w.admin, kind="missing", organization=jobs_world.w.root)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "chưa được cài đặt" in job.error


def test_the_aggregates_rebuild_runs_as_a_job(jobs_world: Jobs) -> None:
    job = services.job_start(actor=jobs_world.w.admin, kind="aggregates_rebuild", organization=jobs_world.w.province_a)
    assert run_job(job.pk) == JobState.DONE
    job.refresh_from_db()
    assert "Đã dựng lại số liệu tổng hợp" in job.message and job.done == job.total


def test_owner_who_lost_the_role_gets_no_file(jobs_world: Jobs) -> None:
    job = start(jobs_world)
    RoleAssignment.objects.filter(user=jobs_world.viewer_a).delete()
    run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not job.file_name


def test_cancel_queued_and_running(jobs_world: Jobs) -> None:
    job = start(jobs_world)
    with pytest.raises(NotFound):
        services.job_cancel(actor=jobs_world.other_a, job=job)
    services.job_cancel(actor=jobs_world.viewer_a, job=job)
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    assert run_job(job.pk) == "skipped"
    with pytest.raises(TransitionNotAllowed):
        services.job_cancel(actor=jobs_world.viewer_a, job=job)


def slow(job: JobInput, progress: Progress) -> str:
    from ketnap.jobs.services import job_cancel

    progress(0, 3)
    job_cancel(actor=job.owner, job=Job.objects.get(pk=job.job_id))
    progress(3, 3)
    return "never"


def test_running_job_stops_at_its_next_progress(jobs_world: Jobs) -> None:
    kinds.register("test_slow", "Thử", slow)
    try:
        job = services.job_start(actor=jobs_world.viewer_a, kind="test_slow", organization=jobs_world.w.province_a)
        assert run_job(job.pk) == JobState.CANCELLED
    finally:
        kinds._KINDS.pop("test_slow")


def test_summary_and_oversized_file(jobs_world: Jobs, settings: Any) -> None:
    kinds.register("test_summary", "Thử", lambda job, progress: "Đã dựng lại 3 tổ chức.")
    kinds.register("test_big", "Thử", lambda job, progress: JobFile("a.bin", "application/octet-stream", b"x" * 11))
    settings.JOBS_MAX_FILE_BYTES = 10
    try:
        first = services.job_start(actor=jobs_world.viewer_a, kind="test_summary", organization=jobs_world.w.province_a)
        second = services.job_start(actor=jobs_world.viewer_a, kind="test_big", organization=jobs_world.w.province_a)
        run_job(first.pk)
        run_job(second.pk)
    finally:
        kinds._KINDS.pop("test_summary")
        kinds._KINDS.pop("test_big")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == JobState.DONE and first.message == "Đã dựng lại 3 tổ chức." and not first.has_file
    assert second.state == JobState.FAILED and "10" in second.error and not second.file_name


def test_purge_keeps_recent_and_open_jobs(jobs_world: Jobs) -> None:
    old, recent, open_job = start(jobs_world), start(jobs_world), start(jobs_world)
    for job in (old, recent):
        run_job(job.pk)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    Job.objects.filter(pk=open_job.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    assert services.job_purge(older_than_days=7) == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, open_job.pk}
    assert not DBTaskResult.objects.filter(id=old.task_id).exists()


def test_immediate_backend_runs_the_job_once_committed(
    jobs_world: Jobs, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start(jobs_world)
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED  # nothing runs inside the transaction
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.has_file and not DBTaskResult.objects.exists()


def test_a_job_that_lost_its_worker_fails_with_a_reason(jobs_world: Jobs) -> None:
    silent, alive = start(jobs_world), start(jobs_world)
    minutes_ago = timezone.now() - dt.timedelta(minutes=400)
    Job.objects.filter(pk=silent.pk).update(state=JobState.RUNNING, heartbeat_at=minutes_ago)
    Job.objects.filter(pk=alive.pk).update(state=JobState.RUNNING, heartbeat_at=timezone.now())
    assert services.job_fail_stale(silent_minutes=360) == 1
    silent.refresh_from_db()
    alive.refresh_from_db()
    assert silent.state == JobState.FAILED and "dừng giữa chừng" in silent.error
    assert alive.state == JobState.RUNNING
