"""Writes of jobs: start (policy-checked, audited, queued in the same transaction),
cancel, and purge the finished ones after the retention period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from ketnap.audit.services import audit_log
from ketnap.core import policy
from ketnap.core.errors import PermissionDenied, TransitionNotAllowed
from ketnap.core.policy import Action
from ketnap.jobs.kinds import Params, kind_get
from ketnap.jobs.models import OPEN_STATES, Job, JobState
from ketnap.jobs.selectors import job_get
from ketnap.organizations.models import Organization


def _enqueue(job: Job) -> None:
    """Queue the job. The database queue writes its row in this transaction, so the job
    and its task are saved together or not at all; any other backend (``immediate``)
    runs only once the job is committed."""
    from ketnap.jobs.tasks import run_job_task

    if isinstance(task_backends[run_job_task.backend], DatabaseBackend):
        result = run_job_task.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.task_id = str(result.id)
        return
    transaction.on_commit(lambda: run_job_task.enqueue(job.pk))


@transaction.atomic
def job_start(
    *, actor: Any, kind: str, organization: Organization, params: Params | None = None, queue: bool = True
) -> Job:
    """Queue a job of ``kind`` about ``organization``; ``actor`` None is the system
    operator (commands). The kind names the role needed on the organization. With
    ``queue`` False the caller runs it itself (``ketnap jobs run``, in the foreground)."""
    item = kind_get(kind)
    if actor is not None:
        policy.require(actor, item.action, organization)
    cleaned = item.clean(dict(params or {}))
    if actor is not None and item.check is not None:
        item.check(actor, organization, cleaned)
    job = Job(kind=kind, owner=actor, organization=organization, params=cleaned)
    job.language = translation.get_language() or "vi"
    job.full_clean()
    job.save()
    audit_log(
        actor=actor,
        action="job.start",
        obj=job,
        after={"kind": kind, "organization": organization.code, "params": job.params},
        organization_path=organization.path,
    )
    if queue:
        _enqueue(job)
    return job


def _may_cancel(actor: Any, job: Job) -> None:
    if job.owner_id != getattr(actor, "pk", None) and not policy.can(actor, Action.ADMINISTER, job.organization):
        raise PermissionDenied()


@transaction.atomic
def job_cancel(*, actor: Any, job: Job) -> Job:
    """Stop a job: a queued one at once, a running one at its next progress report."""
    job = job_get(actor, job.pk)
    job = Job.objects.select_for_update().defer("content").get(pk=job.pk)
    _may_cancel(actor, job)
    if job.state not in OPEN_STATES or job.cancel_requested:
        raise TransitionNotAllowed(_("Việc này đã kết thúc hoặc đang được hủy."))
    if job.state == JobState.QUEUED:
        job.state, job.finished_at = JobState.CANCELLED, timezone.now()
    job.cancel_requested = True
    job.save(update_fields=["state", "finished_at", "cancel_requested"])
    audit_log(
        actor=actor, action="job.cancel", obj=job, after={"state": job.state}, organization_path=job.organization.path
    )
    return job


@transaction.atomic
def job_purge(*, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Delete the jobs (and their files and queue rows) that ended more than
    ``older_than_days`` ago; returns how many jobs were deleted."""
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    ended = Job.objects.exclude(state__in=OPEN_STATES).filter(finished_at__lt=cutoff)
    task_ids = [task_id for task_id in ended.values_list("task_id", flat=True) if task_id]
    count, _details = ended.delete()
    DBTaskResult.objects.filter(id__in=task_ids).delete()
    return count


def job_fail_stale(*, silent_minutes: int, now: dt.datetime | None = None) -> int:
    """Mark failed the running jobs whose worker has not reported for ``silent_minutes``
    (it was killed, or its machine stopped), so their users read why; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=silent_minutes)
    stale = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=cutoff)
    reason = _("Tiến trình chạy việc đã dừng giữa chừng (máy chủ khởi động lại hoặc gặp sự cố); hãy chạy lại việc này.")
    return stale.update(state=JobState.FAILED, error=reason, finished_at=timezone.now())
