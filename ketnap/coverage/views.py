"""The coverage page of an organization on a date, the villages behind each figure
(paginated) and the same as a spreadsheet. Thin: parse, ask the selector, render."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.coverage.exports import coverage_xlsx, figure_lines
from ketnap.coverage.forms import SecretaryForm
from ketnap.coverage.selectors import LISTS, coverage_for, rows_of
from ketnap.coverage.services import cell_secretary, cell_secretary_set
from ketnap.organizations.selectors import organization_get
from ketnap.people.models import Person, StatusPeriod
from ketnap.web.forms import AsOfForm
from ketnap.web.pages import page, render_page
from ketnap.web.paging import paginate

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURE_LISTS = ("all", "without-member", "without-own-cell", "joint", "relapsed", "", "head-member", "secretary-head")


def _which(request: HttpRequest) -> str:
    which = request.GET.get("ds", "all") or "all"
    if which not in LISTS:
        raise Http404
    return which


@page
def coverage(request: HttpRequest, code: str) -> HttpResponse:
    """The figures of ``code``'s subtree on the chosen date, and one list of villages."""
    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    which = _which(request)
    context: dict[str, Any] = {"form": form, "org": org, "which": which}
    if form.date_error:
        context["not_valid"] = form.date_error
        return render_page(request, "coverage/coverage.html", "coverage/partials/body.html", context, status=400)
    result = coverage_for(request.user, org, form.as_of)
    figures = [
        (label, count, share, key)
        for (label, count, share), key in zip(figure_lines(result), FIGURE_LISTS, strict=False)
    ]
    paging = paginate(request, rows_of(result, which), PER_PAGE)
    context |= {"as_of": form.as_of, "coverage": result, "figures": figures, "paging": paging}
    return render_page(request, "coverage/coverage.html", "coverage/partials/body.html", context)


@page
def coverage_xlsx_download(request: HttpRequest, code: str) -> HttpResponse:
    """The figures and the chosen list as a spreadsheet (an audited download)."""
    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    which = _which(request)
    if form.date_error:
        return HttpResponseBadRequest(form.date_error, content_type="text/plain; charset=utf-8")
    result = coverage_for(request.user, org, form.as_of)
    return attachment(
        actor=request.user,
        kind="coverage_xlsx",
        subject=org,
        organization_path=org.path,
        content=coverage_xlsx(result, which),
        filename=f"do-phu-{org.code}-{form.as_of:%Y-%m-%d}.xlsx",
        content_type=XLSX,
        as_of=form.as_of.isoformat(),
    )


def _members_of(user: object, cell: object) -> object:
    ids = StatusPeriod.objects.as_of(timezone.localdate()).members().filter(organization=cell).values("person_id")
    return policy.scope(user, Person.objects.filter(pk__in=ids), Action.VIEW).order_by("sort_key", "pk")


def _show_error(form: SecretaryForm, error: DomainError) -> None:
    if error.status in (403, 404):
        raise error
    errors = error.errors if isinstance(error, ValidationFailed) else {error.field or "": [str(error.message)]}
    for key, texts in errors.items():
        for text in texts:
            form.add_error(key if key in form.fields else None, text)


@page
def secretary(request: HttpRequest, code: str) -> HttpResponse:
    """The cell's secretary today, and the form recording a new one from a date."""
    cell = organization_get(request.user, code)
    policy.require(request.user, Action.EDIT, cell)
    data = request.POST if request.method == "POST" else None
    form = SecretaryForm(data, people=_members_of(request.user, cell))  # type: ignore[arg-type]
    if data is not None and form.is_valid():
        try:
            cell_secretary_set(actor=request.user, cell=cell, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            return redirect(reverse("coverage:secretary", args=[cell.code]))
    context = {"org": cell, "form": form, "current": cell_secretary(cell, timezone.localdate())}
    return render_page(request, "coverage/secretary.html", "coverage/partials/secretary_body.html", context)
