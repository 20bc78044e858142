"""Reads of jobs, through the one policy: a user sees the jobs they started (while
they still see the organization), and an administrator also every job of their subtree."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.jobs.models import Job


def jobs_visible(user: Any) -> QuerySet[Job]:
    # The file's bytes are read only for a download (job_file), never by a page or a poll.
    jobs = Job.objects.select_related("organization", "owner").defer("content")
    visible = policy.scope(user, jobs, Action.VIEW)
    administered = policy.scope_q(user, Action.ADMINISTER, "organization__path")
    if administered == Q():  # administers the whole tree
        return visible
    return visible.filter(Q(owner_id=getattr(user, "pk", None)) | administered)


def jobs_list(user: Any) -> QuerySet[Job]:
    """The user's jobs, newest first (the file contents left unread)."""
    return jobs_visible(user).order_by("-created_at", "-pk")


def job_get(user: Any, pk: int) -> Job:
    """One job the user may see; anyone else's is reported as missing (404)."""
    found = jobs_visible(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def job_file(job: Job) -> bytes:
    """The result file's bytes (a job without one is reported as missing)."""
    if not job.has_file:
        raise NotFound()
    content = Job.objects.filter(pk=job.pk).values_list("content", flat=True).first()
    if content is None:
        raise NotFound()
    return bytes(content)
