"""Running one job: claim it, call its kind's function with a progress reporter, and
record the outcome. Whatever happens, the job ends in a state the user can read: the
file or summary, "cancelled", or the reason it failed in words for people (the
traceback goes to the log, never to the user)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.errors import DOMAIN_ERRORS, PermissionDenied, as_domain_error
from ketnap.jobs.kinds import JobCancelled, JobFile, JobInput, kind_get, kind_label
from ketnap.jobs.models import Job, JobState

logger = logging.getLogger("ketnap.jobs")
PROGRESS_EVERY_SECONDS = 0.5
Echo = Callable[[Job, int, int], None]


def log_progress(job: Job, done: int, total: int) -> None:
    """The progress line of the worker's log."""
    logger.info(
        _("Việc #%(id)s (%(kind)s): %(done)s/%(total)s"),
        {"id": job.pk, "kind": kind_label(job.kind), "done": done, "total": total},
    )


class Reporter:
    """``progress(done, total)`` for one job: written to the row at most twice a second
    (and always at the end), each write telling whether the user asked to stop."""

    def __init__(self, job: Job, echo: Echo) -> None:
        self.job = job
        self.echo = echo
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        total = max(total, 0)
        done = min(max(done, 0), total)
        now = time.monotonic()
        if done < total and now - self.last < PROGRESS_EVERY_SECONDS:
            return
        self.last = now
        alive = Job.objects.filter(pk=self.job.pk, cancel_requested=False)
        if not alive.update(done=done, total=total, heartbeat_at=timezone.now()):
            raise JobCancelled()
        self.job.done, self.job.total = done, total
        self.echo(self.job, done, total)


def _claim(job_id: int) -> Job | None:
    """The queued job, now marked running; None when it is gone, cancelled or taken."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now
    )
    return Job.objects.select_related("owner", "organization").get(pk=job_id) if claimed else None


def _execute(job: Job, echo: Echo) -> JobFile | str:
    kind = kind_get(job.kind)
    if job.owner is not None and not policy.can(job.owner, kind.action, job.organization):
        raise PermissionDenied(_("Người yêu cầu không còn quyền thực hiện việc này trên tổ chức này."))
    function = kind.resolve()
    return function(JobInput(job.pk, job.owner, job.organization, job.params), Reporter(job, echo))


def _end(job: Job, state: JobState, **fields: object) -> None:
    fields |= {"state": state, "finished_at": timezone.now()}
    Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _succeed(job: Job, outcome: JobFile | str) -> None:
    total = max(job.total, 1)
    if isinstance(outcome, str):
        _end(job, JobState.DONE, message=outcome[:500], done=total, total=total)
        return
    if len(outcome.content) > settings.JOBS_MAX_FILE_BYTES:
        limit = number_format(settings.JOBS_MAX_FILE_BYTES, force_grouping=True)
        _end(job, JobState.FAILED, error=_("Tệp kết quả lớn hơn giới hạn %(limit)s byte.") % {"limit": limit})
        return
    file = {"file_name": outcome.filename, "content_type": outcome.content_type, "content": outcome.content}
    _end(job, JobState.DONE, done=total, total=total, file_size=len(outcome.content), **file)


def run_job(job_id: int, echo: Echo = log_progress) -> str:
    """Run the queued job ``job_id`` to its end; returns the state it ended in."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    with translation.override(job.language):
        try:
            outcome = _execute(job, echo)
        except JobCancelled:
            _end(job, JobState.CANCELLED)
        except DOMAIN_ERRORS as error:
            _end(job, JobState.FAILED, error=str(as_domain_error(error).message))
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            _end(
                job,
                JobState.FAILED,
                error=_("Có lỗi không mong đợi; việc đã dừng. Lỗi đã được ghi lại để quản trị viên kiểm tra."),
            )
        else:
            _succeed(job, outcome)
    return str(job.state)
