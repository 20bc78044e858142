"""Pages of the background jobs: the user's list, starting one about an organization,
a job's page (its progress refreshed by htmx polling while it runs, a plain link
otherwise), the download of its file and cancelling it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError
from ketnap.jobs import services
from ketnap.jobs.forms import JobStartForm
from ketnap.jobs.selectors import job_file, job_get, jobs_list
from ketnap.organizations.selectors import organization_get
from ketnap.web.forms import AsOfForm
from ketnap.web.pages import page, render_page
from ketnap.web.paging import paginate

JOBS_PER_PAGE = 25


@page
def index(request: HttpRequest) -> HttpResponse:
    """The jobs the user started (an administrator: also those of the subtree), newest first."""
    paging = paginate(request, jobs_list(request.user), JOBS_PER_PAGE)
    context = {"paging": paging, "target": "#jobs-list"}
    return render_page(request, "jobs/index.html", "jobs/partials/list.html", context)


@page
def start(request: HttpRequest, code: str) -> HttpResponse:
    org = organization_get(request.user, code)
    asked = AsOfForm(request.GET)
    day = timezone.localdate() if asked.date_error else asked.as_of
    data = request.POST if request.method == "POST" else None
    form = JobStartForm(data, user=request.user, organization=org, initial_day=day)
    if form.is_bound and form.is_valid():
        try:
            job = services.job_start(
                actor=request.user, kind=form.cleaned_data["kind"], organization=org, params=form.params()
            )
        except DomainError as error:
            if error.status in (403, 404):
                raise
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            return redirect("jobs:detail", pk=job.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "org": org}
    return render_page(request, "jobs/start.html", "jobs/start.html", context, status=status)


@page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's state; for htmx, only the status block (polled while the job is open)."""
    job = job_get(request.user, pk)
    return render_page(request, "jobs/detail.html", "jobs/partials/status.html", {"job": job})


@page
def download(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get(request.user, pk)
    content = job_file(job)
    return attachment(
        actor=request.user,
        kind=f"job:{job.kind}",
        subject=job.organization,
        organization_path=job.organization.path,
        content=content,
        filename=job.file_name,
        content_type=job.content_type,
        job=job.pk,
    )


@page
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get(request.user, pk)
    services.job_cancel(actor=request.user, job=job)
    return redirect("jobs:detail", pk=job.pk)
