"""Pages of the programs: the list, a program page (each target beside its measured
value, the supporters and the households as of a date) and its forms."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.people.selectors import person_get
from ketnap.people.services import support_assign
from ketnap.programs import selectors, services
from ketnap.programs.exports import program_xlsx, programs_xlsx
from ketnap.programs.forms import HouseholdForm, SupportForm, TargetForm
from ketnap.training.pageforms import XLSX, form_page
from ketnap.web.forms import AsOfForm
from ketnap.web.pages import page, posted, render_page
from ketnap.web.paging import paginate

PROGRAMS_PER_PAGE = 25

GET_ONLY = require_http_methods(["GET", "HEAD"])
GET_POST = require_http_methods(["GET", "POST"])


@page
@GET_ONLY
def program_list(request: HttpRequest) -> HttpResponse:
    paging = paginate(request, selectors.program_list(request.user), PROGRAMS_PER_PAGE)
    return render_page(request, "programs/programs.html", "programs/programs.html", {"paging": paging})


@page
@GET_ONLY
def program_list_xlsx(request: HttpRequest) -> HttpResponse:
    return attachment(
        actor=request.user,
        kind="programs_xlsx",
        subject=cast(Model, request.user),
        organization_path="",
        content=programs_xlsx(selectors.program_list(request.user)),
        filename="chuong-trinh.xlsx",
        content_type=XLSX,
    )


def _report(program: Any, as_of: Any) -> dict[str, Any]:
    return {
        "targets": selectors.target_rows(program, as_of),
        "supporters": selectors.supporters(program, as_of),
        "households": selectors.households(program, as_of),
        "household_rows": selectors.household_rows(program, as_of),
        "support_rows": selectors.support_rows(program, as_of),
    }


@page
@GET_ONLY
def program_detail(request: HttpRequest, code: str) -> HttpResponse:
    program = selectors.program_get(request.user, code)
    form = AsOfForm(request.GET)
    context: dict[str, Any] = {"program": program, "form": form}
    context["can_edit"] = policy.can(request.user, Action.EDIT, program)
    if form.date_error:
        return render_page(request, "programs/program.html", "programs/partials/program_body.html", context, 400)
    context |= {"as_of": form.as_of, **_report(program, form.as_of)}
    return render_page(request, "programs/program.html", "programs/partials/program_body.html", context)


@page
@GET_ONLY
def program_xlsx_view(request: HttpRequest, code: str) -> HttpResponse:
    program = selectors.program_get(request.user, code)
    form = AsOfForm(request.GET)
    if form.date_error:
        return HttpResponseBadRequest(form.date_error, content_type="text/plain; charset=utf-8")
    as_of = form.as_of
    return attachment(
        actor=request.user,
        kind="program_xlsx",
        subject=program.owner,
        organization_path=program.owner.path,
        content=program_xlsx(program, as_of, selectors.target_rows(program, as_of)),
        filename=f"chuong-trinh-{program.code}-{as_of:%Y-%m-%d}.xlsx",
        content_type=XLSX,
        as_of=as_of.isoformat(),
    )


@page
@GET_POST
def target_add(request: HttpRequest, code: str) -> HttpResponse:
    program = selectors.program_get(request.user, code, Action.EDIT)
    form = TargetForm(posted(request))
    back = reverse("programs:program", args=[program.code])

    def save() -> str:
        services.target_add(actor=request.user, program=program, **form.cleaned_data)
        return back

    return form_page(request, form, title=_("Thêm chỉ tiêu"), back=back, save=save, subject_name=program.name)


def _member(request: HttpRequest, person_id: int) -> Any:
    try:
        return person_get(request.user, person_id)
    except DomainError as error:
        raise ValidationFailed({"person": [_("Không tìm thấy người có số hồ sơ này.")]}) from error


@page
@GET_POST
def support_add(request: HttpRequest, code: str) -> HttpResponse:
    """A member (steering committee, border post, police, military, school) taking part in a program cell."""
    program = selectors.program_get(request.user, code)
    form = SupportForm(posted(request), cells=program.organizations.order_by("name"))
    back = reverse("programs:program", args=[program.code])

    def save() -> str:
        data = form.cleaned_data
        person = _member(request, data.pop("person"))
        support_assign(actor=request.user, person=person, **data)
        return back

    title = _("Phân công đảng viên tham gia sinh hoạt chi bộ")
    return form_page(request, form, title=title, back=back, save=save, subject_name=program.name)


@page
@GET_POST
def household_add(request: HttpRequest, code: str) -> HttpResponse:
    program = selectors.program_get(request.user, code)
    form = HouseholdForm(posted(request), cells=program.organizations.order_by("name"))
    back = reverse("programs:program", args=[program.code])

    def save() -> str:
        data = form.cleaned_data
        person = _member(request, data.pop("person"))
        services.household_assign(actor=request.user, program=program, person=person, **data)
        return back

    title = _("Phân công đảng viên phụ trách hộ gia đình")
    return form_page(request, form, title=title, back=back, save=save, subject_name=program.name)
