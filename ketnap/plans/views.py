"""Pages of the plans: an organization's plan as of a date (its children's table, the
sub-targets and the forecast), the allocation of a year's plan to the children, and
the table as a spreadsheet. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_children, organization_get
from ketnap.plans import selectors, services
from ketnap.plans.forms import AllocationForm, PlanQueryForm, ShareFormSet, allocation_initial
from ketnap.plans.models import SUB_TARGET_KEYS, SUB_TARGETS, Target
from ketnap.web.forms import InvalidDate
from ketnap.web.pages import page, render_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _query(request: HttpRequest) -> PlanQueryForm:
    form = PlanQueryForm(request.GET)
    if form.year_error:
        raise InvalidDate(form.year_error, field="nam")
    return form


@page
def plan(request: HttpRequest, code: str) -> HttpResponse:
    """Admitted against plan for the organization and each child, with the forecast."""
    form = _query(request)
    org = organization_get(request.user, code)
    result = selectors.achievement(request.user, org, form.year, form.as_of)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "form": form,
        "org": org,
        "result": result,
        "labels": [label for _key, label in SUB_TARGETS],
        "forecast": selectors.forecast(request.user, org, form.year, today) if form.year == today.year else None,
        "can_allocate": policy.can(request.user, Action.EDIT, org),
    }
    return render_page(request, "plans/plan.html", "plans/partials/plan_body.html", context)


@page
def plan_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """The same table as the plan page, as a spreadsheet (the download is audited)."""
    from ketnap.plans.exports import achievement_xlsx

    form = _query(request)
    org = organization_get(request.user, code)
    result = selectors.achievement(request.user, org, form.year, form.as_of)
    name = f"ke-hoach-{org.code}-{form.year}-{form.as_of.isoformat()}.xlsx"
    return attachment(
        actor=request.user, kind="plan_xlsx", subject=org, organization_path=org.path, content=achievement_xlsx(result),
        filename=name, content_type=XLSX, year=form.year, as_of=form.as_of,
    )  # fmt: skip


def _year(request: HttpRequest) -> int:
    form = PlanQueryForm(request.POST if request.method == "POST" else request.GET)
    if form.year_error:
        raise InvalidDate(form.year_error, field="nam")
    return form.year


def _initial_rows(children: list[Organization], targets: dict[int, Target]) -> list[dict[str, Any]]:
    rows = []
    for child in children:
        target = targets.get(child.pk)
        values = {"total": target.total, **target.sub_targets()} if target else {}
        rows.append({"code": child.code, **values})
    return rows


def _shares(formset: Any, children: list[Organization]) -> list[services.Share]:
    by_code = {child.code: child for child in children}
    shares = []
    for row in formset.cleaned_data:
        child = by_code.get(row.get("code", ""))
        if child is None:
            raise ValidationFailed({"code": [str(_not_a_child())]})
        shares.append(services.Share(child, row.get("total"), {key: row.get(key) for key in SUB_TARGET_KEYS}))
    return shares


def _not_a_child() -> str:
    from django.utils.translation import gettext as _

    return _("Danh sách tổ chức trực thuộc đã thay đổi; hãy tải lại trang.")


@transaction.atomic
def _save(user: Any, org: Organization, form: AllocationForm, shares: list[services.Share]) -> services.Allocation:
    data = form.cleaned_data
    document = None
    if data["so_van_ban"]:
        document = services.document_create(
            actor=user, issuer=org, number=data["so_van_ban"], issued_on=data["ngay_giao"], title=data["trich_yeu"]
        )
    return services.allocation_save(
        actor=user, parent=org, year=data["nam"], set_on=data["ngay_giao"], shares=shares, document=document
    )


@page
def allocate(request: HttpRequest, code: str) -> HttpResponse:
    """One form for all children's targets of a year; "copy last year's split" fills it
    from the year before. A sum that differs from the plan is a warning, not a refusal."""
    org = organization_get(request.user, code)
    policy.require(request.user, Action.EDIT, org)
    year, today = _year(request), timezone.localdate()
    children = list(organization_children(request.user, org, today))
    copying = request.method == "GET" and "sao_chep" in request.GET
    found = selectors.last_year_split(org, children, year, today) if copying else None
    targets = found if found is not None else selectors.targets_in_force(children, year, year, today)
    post = request.POST if request.method == "POST" else None
    form = AllocationForm(post, initial=allocation_initial(year))
    formset = ShareFormSet(post, initial=_initial_rows(children, targets), prefix="con")
    if post is not None and form.is_valid() and formset.is_valid():
        try:
            _save(request.user, org, form, _shares(formset, children))
            return redirect(f"{reverse('plans:plan', args=[org.code])}?nam={year}")
        except DomainError as error:
            if error.status in (403, 404):
                raise
            form.add_error(None, _errors(error) if isinstance(error, ValidationFailed) else str(error.message))
    parent_target = selectors.target_in_force(org, year, today)
    rows = list(zip(children, formset.forms, strict=False))
    context = {
        "org": org, "year": year, "form": form, "formset": formset, "rows": rows, "copying": copying,
        "copied_none": copying and not found, "parent_target": parent_target,
        "labels": [label for _key, label in SUB_TARGETS], "keys": SUB_TARGET_KEYS,
    }  # fmt: skip
    return render_page(request, "plans/allocate.html", "plans/partials/allocate_body.html", context)


def _errors(error: ValidationFailed) -> str:
    return " ".join(message for messages in error.errors.values() for message in messages)
