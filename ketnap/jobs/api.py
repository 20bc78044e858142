"""Background jobs over the API: start one, list the caller's jobs, follow a job's
state and progress, download its file, cancel it. Scoped as the pages: a caller sees
the jobs they started (an administrator also those of the subtree); anyone else's job
is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.errors import path_lookup
from ketnap.api.schemas import PageIn, responses
from ketnap.core.downloads import attachment
from ketnap.jobs import selectors, services
from ketnap.jobs.models import Job
from ketnap.organizations.selectors import organization_get

router = Router(tags=["jobs"])
path_lookup("job_id", selectors.job_get)


class JobIn(Schema):
    kind: str = Field(
        max_length=64,
        description=(
            "Kind of job: `statistics_xlsx`, `aggregates_rebuild`, `report_change_xlsx`, `report_new_members_xlsx`, "
            "`report_funnel_xlsx`, `people_members_xlsx`, `people_candidates_xlsx`, `import_commit`."
        ),
    )
    org: str = Field(max_length=64, description="Code of the organization the job is about.")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "Parameters of the kind; `statistics_xlsx`: `as_of` (YYYY-MM-DD); the `report_…` kinds: `first`, `last` "
            "(YYYY-MM-DD); `import_commit`: `upload` (the id of an upload of this organization)."
        ),
    )


class JobOut(Schema):
    id: int
    kind: str
    label: str
    organization: str
    owner: str | None
    params: dict[str, Any]
    state: str = Field(description="queued, running, done, failed or cancelled.")
    done: int
    total: int
    percent: int
    message: str
    error: str = Field(description="Why the job failed, in words for people.")
    cancel_requested: bool
    file_name: str
    file_size: int
    file_url: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class JobPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[JobOut]


def _out(job: Job) -> JobOut:
    return JobOut(
        id=job.pk,
        kind=job.kind,
        label=job.label,
        organization=job.organization.code,
        owner=job.owner.get_username() if job.owner else None,
        params=job.params,
        state=job.state,
        done=job.done,
        total=job.total,
        percent=job.percent,
        message=job.message,
        error=job.error,
        cancel_requested=job.cancel_requested,
        file_name=job.file_name,
        file_size=job.file_size,
        file_url=f"/api/v1/jobs/{job.pk}/file" if job.has_file else None,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


@router.post("/jobs", response=responses(JobOut, 201, write=True), summary="Start a background job")
def job_start(request: HttpRequest, payload: JobIn) -> Status[JobOut]:
    """Queues the job; follow it with `GET /jobs/{job_id}` until `state` is `done` (then
    download `file_url`), `failed` (`error` says why) or `cancelled`."""
    user = request.auth  # type: ignore[attr-defined]
    org = organization_get(user, payload.org)
    job = services.job_start(actor=user, kind=payload.kind, organization=org, params=payload.params)
    return Status(201, _out(selectors.job_get(user, job.pk)))


@router.get("/jobs", response=responses(JobPage), summary="The caller's jobs, newest first")
def jobs_list(request: HttpRequest, query: Query[PageIn]) -> JobPage:
    jobs = selectors.jobs_list(request.auth)  # type: ignore[attr-defined]
    rows = jobs[query.offset : query.offset + query.limit]
    return JobPage(count=jobs.count(), limit=query.limit, offset=query.offset, items=[_out(job) for job in rows])


@router.get("/jobs/{job_id}", response=responses(JobOut), summary="A job's state and progress")
def job_detail(request: HttpRequest, job_id: int) -> JobOut:
    return _out(selectors.job_get(request.auth, job_id))  # type: ignore[attr-defined]


_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/jobs/{job_id}/file",
    response=responses(None),
    summary="The file a finished job made",
    openapi_extra={"responses": {200: {"description": "The file, as an attachment.", "content": {"*/*": _FILE}}}},
)
def job_download(request: HttpRequest, job_id: int) -> HttpResponse:
    user = request.auth  # type: ignore[attr-defined]
    job = selectors.job_get(user, job_id)
    return attachment(
        actor=user,
        kind=f"job:{job.kind}",
        subject=job.organization,
        organization_path=job.organization.path,
        content=selectors.job_file(job),
        filename=job.file_name,
        content_type=job.content_type,
        job=job.pk,
    )


@router.post("/jobs/{job_id}/cancel", response=responses(JobOut, write=True), summary="Cancel a job")
def job_cancel(request: HttpRequest, job_id: int) -> JobOut:
    user = request.auth  # type: ignore[attr-defined]
    job = services.job_cancel(actor=user, job=selectors.job_get(user, job_id))
    return _out(selectors.job_get(user, job.pk))
