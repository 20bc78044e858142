"""The admission pages: the candidate board, the case page, one form per step, the
forms that add evidence, the source of a cell and the work queue.

Views only parse input, ask one selector or call one service and render; every rule
lives in the services and the rules package, every permission in the policy, and
domain errors become status pages in ``@page`` (or form errors, below).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseLocation

from ketnap.admission import facts, selectors, services, source
from ketnap.admission.errors import OverrideNotAllowed, StaleCase, StepBlocked
from ketnap.admission.forms import (
    RELATION_LABELS,
    BoardFilterForm,
    CaseOpenForm,
    HelperForm,
    IntroducerForm,
    IntroducerReplaceForm,
    ListingForm,
    ProgressNoteForm,
    ProspectForm,
    ProspectLeaveForm,
    RelativeForm,
    StepCorrectForm,
    StepForm,
    StepVoidForm,
    TaskAssignForm,
    TaskCompleteForm,
    UnlistForm,
    VerificationReplyForm,
    VerificationRequestForm,
    correction_initial,
    official_members,
    step_initial,
)
from ketnap.admission.models import (
    AdmissionCase,
    CaseStep,
    Introducer,
    Prospect,
    Relative,
    TestTask,
    VerificationRequest,
)
from ketnap.admission.steps import SPECS, Stage, StepKind
from ketnap.admission.types import QueueItem
from ketnap.core import policy
from ketnap.core.errors import DOMAIN_ERRORS, NotFound, as_domain_error
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization, OrgKind
from ketnap.organizations.selectors import organization_ancestors, organization_get, organization_visible_roots
from ketnap.people.disclosure import Disclosure, disclosure_for
from ketnap.people.selectors import person_get
from ketnap.rules import Finding
from ketnap.training.selectors import person_certificates
from ketnap.web.forms import AsOfForm
from ketnap.web.pages import form_error, page, render_page
from ketnap.web.paging import paginate

GET_POST = require_http_methods(["GET", "POST"])


# --- Shared helpers -------------------------------------------------------------------------


def _case_get(user: Any, pk: int) -> AdmissionCase:
    """The case if ``user`` may see it; NotFound otherwise (also when out of scope)."""
    return selectors.case_get(user, pk)


def _get(user: Any, queryset: QuerySet[Any], pk: int, action: Action = Action.VIEW) -> Any:
    """The row if ``user`` may see it (NotFound otherwise, also when out of scope), and
    PermissionDenied when it is visible but ``action`` needs a higher role."""
    obj = policy.scope(user, queryset.filter(pk=pk), Action.VIEW).first()
    if obj is None:
        raise NotFound()
    policy.require(user, action, obj)
    return obj


def _done(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful POST: the next page, through htmx when the form came by htmx."""
    if getattr(request, "htmx", False):
        return HttpResponseLocation(url, target="main", swap="innerHTML")
    return redirect(url)


def _evidence_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: object,
    back: str,
    save: Callable[[forms.Form], object],
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """One small form page: show ``form``, and on a valid POST ``save`` it and go ``back``."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except DOMAIN_ERRORS as error:
            form_error(form, as_domain_error(error), prefix="data.")
        else:
            return _done(request, back)
    ctx = {"form": form, "title": title, "back": back, "action": request.get_full_path(), **(context or {})}
    return render_page(request, "admission/form.html", "admission/partials/form_body.html", ctx)


def _post_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# --- The candidate board --------------------------------------------------------------------


@page
def index(request: HttpRequest) -> HttpResponse:
    """The board of the highest organization the user may see (the nav link)."""
    root = organization_visible_roots(request.user, timezone.localdate()).order_by("path").first()
    if root is None:
        raise NotFound()
    return redirect("admission:board", root.code)


@page
def board(request: HttpRequest, code: str) -> HttpResponse:
    """Open cases of an organization's subtree in columns by stage, as of a date."""
    form = BoardFilterForm(request.GET)
    org = organization_get(request.user, code)
    columns = _board_columns(selectors.board(org, form.as_of), form.as_of, kind=form.kind)
    context = {
        "form": form,
        "as_of": form.as_of,
        "org": org,
        "ancestors": organization_ancestors(request.user, org),
        "total": sum(len(column.cards) for column in columns),
        "is_cell": org.is_cell,
        "can_edit": policy.can(request.user, Action.EDIT, org),
        **_board_page(request, columns),
    }
    return render_page(request, "admission/board.html", "admission/partials/board_body.html", context)


CARDS_PER_COLUMN = 12
CARDS_PER_PAGE = 60


def _board_page(request: HttpRequest, columns: list[Column]) -> dict[str, Any]:
    """Every column with its first cards (the most urgent: the board is in due-date
    order) and its count; or, for ``?cot=<stage>``, that one column a page at a time."""
    chosen = next((column for column in columns if column.stage == request.GET.get("cot")), None)
    if chosen is None:
        return {"columns": columns, "column": None, "paging": None, "per_column": CARDS_PER_COLUMN}
    paging = paginate(request, chosen.cards, CARDS_PER_PAGE)
    return {"columns": [], "column": chosen, "paging": paging, "per_column": CARDS_PER_COLUMN}


@dataclass(frozen=True)
class Card:
    case_id: int
    person_name: str
    cell_name: str
    readmission: bool
    days_in_stage: int
    due_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class Column:
    stage: str
    label: object
    cards: list[Card]


def _board_columns(columns: dict[Stage, list[AdmissionCase]], as_of: dt.date, *, kind: str) -> list[Column]:
    """The board's columns in procedure order, each case a card (one query for all
    the stage-entry dates, however many cards)."""
    shown = {stage: [c for c in stage_cases if not kind or c.kind == kind] for stage, stage_cases in columns.items()}
    entered = selectors.stage_entry_dates(case for stage_cases in shown.values() for case in stage_cases)
    result = []
    for stage, stage_cases in shown.items():
        cards = [_card(case, entered.get(case.pk, case.opened_on), as_of) for case in stage_cases]
        result.append(Column(stage.value, stage.label, cards))
    return result


def _card(case: AdmissionCase, entered: dt.date, as_of: dt.date) -> Card:
    return Card(
        case_id=case.pk,
        person_name=case.person.full_name,
        cell_name=case.cell.name,
        readmission=case.kind != "admission",
        days_in_stage=max(0, (as_of - entered).days),
        due_on=case.due_on,
        overdue=case.due_on is not None and case.due_on < as_of,
    )


# --- The work queue -------------------------------------------------------------------------


@page
def queue(request: HttpRequest, code: str) -> HttpResponse:
    """What is due and overdue in an organization's subtree. For htmx, just the list
    (the organization page loads it into its "Hàng việc" panel)."""
    # Imported on use: the queue is its own module, only this page needs it.
    from ketnap.admission.queue import work_queue

    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    items = work_queue(org, form.as_of)
    limit = _panel_limit(request)
    context = {
        "form": form,
        "as_of": form.as_of,
        "org": org,
        "ancestors": organization_ancestors(request.user, org),
        "total": len(items),
        "overdue": sum(item.overdue for item in items),
        "limited": bool(limit) and len(items) > limit,
        **_queue_page(request, org, items, limit, form.as_of),
    }
    return render_page(request, "admission/queue.html", "admission/partials/queue_list.html", context)


QUEUE_PER_PAGE = 50


def _queue_page(
    request: HttpRequest, org: Organization, items: list[QueueItem], limit: int, as_of: dt.date
) -> dict[str, Any]:
    """The organization page's panel shows the first ``limit`` items; the queue page
    shows one page of them and the count under each organization below."""
    from ketnap.admission.queue import queue_groups

    if limit:
        return {"items": items[:limit], "paging": None, "groups": []}
    paging = paginate(request, items, QUEUE_PER_PAGE)
    return {"items": paging.page.object_list, "paging": paging, "groups": queue_groups(org, items, as_of)}


def _panel_limit(request: HttpRequest) -> int:
    try:
        return max(0, int(request.GET.get("toi_da", "0")))
    except ValueError:
        return 0


# --- The case page --------------------------------------------------------------------------


def _findings(found: Iterable[Finding]) -> list[dict[str, Any]]:
    """The findings as shown (``finding_dict``, in the page's language): blocking first,
    then warnings, then information (stable within each)."""
    rank = {"blocking": 0, "warning": 1, "info": 2}
    return [selectors.finding_dict(f) for f in sorted(found, key=lambda finding: rank.get(finding.severity, 3))]


@dataclass(frozen=True)
class DocumentLink:
    kind: str
    label: object
    format: str


DOCUMENTS = (
    DocumentLink("checklist", _("Danh mục hồ sơ"), "PDF"),
    DocumentLink("cell_resolution", _("Dự thảo nghị quyết chi bộ (6-KNĐ)"), "Word"),
    DocumentLink("committee_resolution", _("Dự thảo nghị quyết đảng ủy (8-KNĐ)"), "Word"),
    DocumentLink("admission_decision", _("Dự thảo quyết định kết nạp (9-KNĐ)"), "Word"),
    DocumentLink("recognition_decision", _("Dự thảo quyết định công nhận đảng viên chính thức"), "Word"),
)


@dataclass(frozen=True)
class RelativeRow:
    relative: Relative
    relation_label: object
    name: str  # the name and residence as the reader may see them
    residence: str


@dataclass(frozen=True)
class VerificationRow:
    item: VerificationRequest
    relative_name: str  # the relative's name and the result as the reader may see them
    result: str


def _relatives(case: AdmissionCase, disclosure: Disclosure) -> list[RelativeRow]:
    return [
        RelativeRow(
            relative,
            RELATION_LABELS.get(relative.relation, relative.relation),
            disclosure.text(relative.full_name),
            disclosure.text(relative.residence),
        )
        for relative in case.relatives.order_by("pk")
    ]


def _verifications(case: AdmissionCase, disclosure: Disclosure) -> list[VerificationRow]:
    items = case.verifications.select_related("relative").order_by("sent_on", "pk")
    return [
        VerificationRow(
            item, disclosure.text(item.relative.full_name if item.relative else ""), disclosure.text(item.result)
        )
        for item in items
    ]


def _case_context(request: HttpRequest, case: AdmissionCase, on: dt.date) -> dict[str, Any]:
    can_edit = policy.can(request.user, Action.EDIT, case)
    disclosure = disclosure_for(request.user, case.person)
    return {
        "case": case,
        "on": on,
        "checklist": selectors.case_checklist(case, on),
        "findings": _findings(selectors.case_findings(case, on)),
        "timeline": selectors.case_timeline(case),
        "introducers": case.introducers.select_related("member").order_by("introduced_on", "pk"),
        "relatives": _relatives(case, disclosure),
        "verifications": _verifications(case, disclosure),
        "certificates": person_certificates(case.person_id),
        "documents": DOCUMENTS,
        **_next_steps(case, can_edit),
        "can_edit": can_edit,
    }


def _next_steps(case: AdmissionCase, can_edit: bool) -> dict[str, Any]:
    available = selectors.steps_available(case) if can_edit else []
    return {"next_steps": available, "suggested": selectors.suggested_step(case, available)}


@page
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Header, checklist, current findings, timeline, evidence, documents, next steps."""
    case = _case_get(request.user, pk)
    on = AsOfForm(request.GET).as_of
    context = _case_context(request, case, on)
    return render_page(request, "admission/case.html", "admission/partials/case_body.html", context)


@page
def document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A Word draft or the PDF checklist of a case, made by the documents module."""
    # Imported on use: only downloads need python-docx and WeasyPrint.
    from ketnap.admission import documents

    case = _case_get(request.user, pk)
    on = AsOfForm(request.GET).as_of
    try:
        return documents.download(kind, case, on, reader=request.user)
    except KeyError as error:
        raise Http404 from error


# --- One form per step ----------------------------------------------------------------------


def _step_kind(value: str) -> StepKind:
    try:
        return StepKind(value.replace("-", "_"))
    except ValueError as error:
        raise NotFound() from error


@page
@GET_POST
def step(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The form of one step. "Kiểm tra" (``?check=1``) shows the findings without
    writing; "Ghi nhận" records the step unless blocking findings stop it."""
    case = _case_get(request.user, pk)
    policy.require(request.user, Action.EDIT, case)
    step_kind = _step_kind(kind)
    today = timezone.localdate()
    form = StepForm(
        _post_data(request),
        kind=step_kind,
        case=case,
        user=request.user,
        can_override=policy.can(request.user, Action.APPROVE, case),
        initial=step_initial(case, facts.default_step_data(step_kind, case, today), today),
    )
    context: dict[str, Any] = {"case": case, "spec": SPECS[step_kind], "form": form, "findings": None}
    if request.method == "POST" and request.GET.get("check"):
        return _step_check(request, case, form, context)
    if request.method == "POST" and form.is_valid():
        try:
            _step_record(request, case, form)
        except StepBlocked as error:
            context["findings"] = _findings(error.findings)
            context["blocked"] = True
        except StaleCase as error:
            context["stale"] = error.message
        except DOMAIN_ERRORS as error:
            form_error(form, as_domain_error(error), prefix="data.")
        else:
            return _done(request, reverse("admission:case", args=[case.pk]))
    return render_page(request, "admission/step.html", "admission/partials/step_form.html", context)


def _step_check(request: HttpRequest, case: AdmissionCase, form: StepForm, context: dict[str, Any]) -> HttpResponse:
    if form.is_valid():
        found = services.case_check(
            case=case,
            kind=form.kind,
            occurred_on=form.cleaned_data["occurred_on"],
            data=form.step_data(),
            document_number=form.cleaned_data["document_number"],
        )
        context["findings"] = _findings(found)
    context["checked"] = True
    return render_page(request, "admission/step.html", "admission/partials/findings.html", context)


def _step_record(request: HttpRequest, case: AdmissionCase, form: StepForm) -> None:
    services.step_record(
        actor=request.user,
        case=case,
        kind=form.kind,
        occurred_on=form.cleaned_data["occurred_on"],
        document_number=form.cleaned_data["document_number"],
        data=form.step_data(),
        note=form.cleaned_data["note"],
        expected_version=form.cleaned_data["expected_version"],
        override_reason=form.override_reason,
    )


# --- Corrections and voids -------------------------------------------------------------------


def _step_for_edit(request: HttpRequest, step_id: int) -> CaseStep:
    queryset = CaseStep.objects.select_related("case__person", "case__cell", "recorded_by")
    step: CaseStep = _get(request.user, queryset, step_id, Action.EDIT)
    return step


def _step_change_page(
    request: HttpRequest, step: CaseStep, form: forms.Form, save: Callable[[], object], context: dict[str, Any]
) -> HttpResponse:
    """The correction or void page of ``step``: on a valid POST ``save`` and go back to
    the case; a refusal of the service (blocking findings, steps that depend on this one,
    a correction recorded meanwhile) is shown on the form with the findings behind it."""
    case = step.case
    context = {
        "case": case,
        "step": step,
        "spec": SPECS[StepKind(step.kind)],
        "form": form,
        "findings": None,
        "action": request.get_full_path(),
        **context,
    }
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except (StepBlocked, OverrideNotAllowed) as error:
            form.add_error(None, str(error.message))
            context["findings"] = _findings(error.findings)
        except DOMAIN_ERRORS as error:
            form_error(form, as_domain_error(error), prefix="data.")
        else:
            return _done(request, _case_url(case))
    return render_page(request, "admission/step_change.html", "admission/partials/step_change_body.html", context)


@page
@GET_POST
def step_correct(request: HttpRequest, step_id: int) -> HttpResponse:
    """Correct a recorded step by a dated correction that supersedes it (the step stays
    in the timeline, struck through)."""
    step = _step_for_edit(request, step_id)
    form = StepCorrectForm(
        _post_data(request),
        kind=StepKind(step.kind),
        case=step.case,
        user=request.user,
        initial=correction_initial(step),
    )

    def save() -> object:
        return services.step_correct(
            actor=request.user,
            step=step,
            reason=form.cleaned_data["reason"],
            occurred_on=form.cleaned_data["occurred_on"],
            document_number=form.cleaned_data["document_number"],
            data=form.step_data(),
        )

    context = {"title": _("Đính chính bước đã ghi"), "submit": _("Ghi đính chính")}
    return _step_change_page(request, step, form, save, context)


@page
@GET_POST
def step_void(request: HttpRequest, step_id: int) -> HttpResponse:
    """Confirm, with a reason, that a step was recorded by mistake; a void step
    supersedes it and the original stays in the timeline."""
    step = _step_for_edit(request, step_id)
    form = StepVoidForm(_post_data(request))

    def save() -> object:
        return services.step_void(actor=request.user, step=step, reason=form.cleaned_data["reason"])

    context = {"title": _("Hủy bước ghi nhầm"), "submit": _("Xác nhận hủy"), "void": True}
    return _step_change_page(request, step, form, save, context)


# --- Opening a case and its evidence --------------------------------------------------------


def _cells_for(user: Any, person_org: Organization) -> Any:
    """Cells the user may edit in the person's grassroots organization (the person's
    own cell first): where a case for them can be opened."""
    parent = Organization.objects.get_parent(person_org) if person_org.is_cell else person_org
    queryset = Organization.objects.as_of(timezone.localdate()).filter(
        path__startswith=(parent or person_org).path, kind__in=OrgKind.cells()
    )
    return policy.scope(user, queryset, Action.EDIT).order_by("path")


@page
@GET_POST
def case_open(request: HttpRequest) -> HttpResponse:
    """Open an admission case for a person (``?person=<id>``)."""
    try:
        person = person_get(request.user, int(request.GET.get("person", "")))
    except ValueError as error:
        raise NotFound() from error
    policy.require(request.user, Action.EDIT, person)
    cells = _cells_for(request.user, person.organization)
    initial = {"opened_on": timezone.localdate(), "cell": cells.filter(pk=person.organization_id).first()}
    form = CaseOpenForm(_post_data(request), cells=cells, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=request.user,
                person=person,
                cell=form.cleaned_data["cell"],
                opened_on=form.cleaned_data["opened_on"],
                kind=form.cleaned_data["kind"],
                **form.flags(),
            )
        except DOMAIN_ERRORS as error:
            form_error(form, as_domain_error(error), prefix="data.")
        else:
            return _done(request, reverse("admission:case", args=[case.pk]))
    context = {
        "form": form,
        "title": _("Mở hồ sơ kết nạp"),
        "subject": person,
        "back": reverse("person", args=[person.pk]),
        "action": request.get_full_path(),
    }
    return render_page(request, "admission/form.html", "admission/partials/form_body.html", context)


def _case_for_edit(request: HttpRequest, pk: int) -> AdmissionCase:
    case = _case_get(request.user, pk)
    policy.require(request.user, Action.EDIT, case)
    return case


def _grassroots(cell: Organization) -> Organization:
    parent: Organization | None = Organization.objects.get_parent(cell)
    return parent if parent is not None and cell.is_cell else cell


@page
@GET_POST
def introducer_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    members = official_members(request.user, _grassroots(case.cell), timezone.localdate())
    form = IntroducerForm(_post_data(request), members=members, initial={"introduced_on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return services.introducer_add(actor=request.user, case=case, **form.cleaned_data)

    return _evidence_page(
        request, form=form, title=_("Thêm người giới thiệu"), back=_case_url(case), save=save, context={"case": case}
    )


@page
@GET_POST
def relative_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    form = RelativeForm(_post_data(request))

    def save(form: forms.Form) -> object:
        return services.relative_add(actor=request.user, case=case, **form.cleaned_data)

    return _evidence_page(
        request, form=form, title=_("Thêm người thân"), back=_case_url(case), save=save, context={"case": case}
    )


@page
@GET_POST
def verification_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_edit(request, pk)
    form = VerificationRequestForm(_post_data(request), case=case, initial={"sent_on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return services.verification_request_add(actor=request.user, case=case, **form.cleaned_data)

    return _evidence_page(
        request, form=form, title=_("Thêm yêu cầu thẩm tra"), back=_case_url(case), save=save, context={"case": case}
    )


@page
@GET_POST
def verification_reply(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = VerificationRequest.objects.select_related("case__person", "case__cell", "relative")
    verification: VerificationRequest = _get(request.user, queryset, pk, Action.EDIT)
    case = verification.case
    form = VerificationReplyForm(_post_data(request), initial={"replied_on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return services.verification_reply_record(actor=request.user, request=verification, **form.cleaned_data)

    about = verification.relative.full_name if verification.relative else case.person.full_name
    intro = _("Yêu cầu gửi %(to)s ngày %(date)s, thẩm tra về %(about)s.") % {
        "to": verification.addressee,
        "date": verification.sent_on.strftime("%d/%m/%Y"),
        "about": about,
    }
    title = _("Ghi trả lời thẩm tra lý lịch")
    context = {"case": case, "intro": intro}
    return _evidence_page(request, form=form, title=title, back=_case_url(case), save=save, context=context)


@page
@GET_POST
def introducer_replace(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Introducer.objects.select_related("case__person", "case__cell", "member")
    introducer: Introducer = _get(request.user, queryset, pk, Action.EDIT)
    case = introducer.case
    members = official_members(request.user, _grassroots(case.cell), timezone.localdate()).exclude(
        pk=introducer.member_id
    )
    form = IntroducerReplaceForm(_post_data(request), members=members, initial={"on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return services.introducer_replace(actor=request.user, introducer=introducer, **form.cleaned_data)

    intro = _("Thay %(name)s, người giới thiệu từ ngày %(date)s.") % {
        "name": introducer.member.full_name,
        "date": introducer.introduced_on.strftime("%d/%m/%Y"),
    }
    title = _("Thay người giới thiệu")
    context = {"case": case, "intro": intro}
    return _evidence_page(request, form=form, title=title, back=_case_url(case), save=save, context=context)


def _case_url(case: AdmissionCase) -> str:
    return reverse("admission:case", args=[case.pk])


# --- The source -----------------------------------------------------------------------------


@page
def prospects(request: HttpRequest, code: str) -> HttpResponse:
    """A cell's (or a subtree's) outstanding mass members: origin, sympathiser listing,
    helper and the latest progress note."""
    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    context = {
        "form": form,
        "as_of": form.as_of,
        "org": org,
        "ancestors": organization_ancestors(request.user, org),
        "rows": selectors.prospect_rows(request.user, org, form.as_of),
        "can_edit": policy.can(request.user, Action.EDIT, org),
    }
    return render_page(request, "admission/prospects.html", "admission/partials/prospects_table.html", context)


def _prospects_url(cell: Organization) -> str:
    return reverse("admission:prospects", args=[cell.code])


@page
@GET_POST
def prospect_add(request: HttpRequest, code: str) -> HttpResponse:
    org = organization_get(request.user, code)
    policy.require(request.user, Action.EDIT, org)
    people = selectors.source_candidates(request.user, org)
    initial = {"noted_on": timezone.localdate(), "person": request.GET.get("person")}
    form = ProspectForm(_post_data(request), people=people, initial=initial)

    def save(form: forms.Form) -> object:
        return source.prospect_add(actor=request.user, cell=org, **form.cleaned_data)

    title = _("Đưa quần chúng vào nguồn")
    return _evidence_page(request, form=form, title=title, back=_prospects_url(org), save=save, context={"org": org})


def _prospect_for_edit(request: HttpRequest, pk: int) -> Prospect:
    prospect: Prospect = _get(request.user, Prospect.objects.select_related("person", "cell"), pk, Action.EDIT)
    return prospect


@page
@GET_POST
def listing_add(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = _prospect_for_edit(request, pk)
    form = ListingForm(_post_data(request), initial={"valid_from": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.sympathiser_list(actor=request.user, prospect=prospect, **form.cleaned_data)

    title = _("Đưa vào danh sách cảm tình Đảng")
    back = _prospects_url(prospect.cell)
    return _evidence_page(request, form=form, title=title, back=back, save=save, context={"prospect": prospect})


@page
@GET_POST
def helper_assign(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = _prospect_for_edit(request, pk)
    members = official_members(request.user, prospect.cell, timezone.localdate())
    form = HelperForm(_post_data(request), members=members, initial={"valid_from": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.helper_assign(actor=request.user, prospect=prospect, **form.cleaned_data)

    title = _("Phân công đảng viên giúp đỡ")
    back = _prospects_url(prospect.cell)
    return _evidence_page(request, form=form, title=title, back=back, save=save, context={"prospect": prospect})


@page
@GET_POST
def progress_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = _prospect_for_edit(request, pk)
    members = official_members(request.user, prospect.cell, timezone.localdate())
    form = ProgressNoteForm(_post_data(request), members=members, initial={"meeting_on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.progress_note_add(actor=request.user, prospect=prospect, **form.cleaned_data)

    title = _("Ghi báo cáo giúp đỡ quần chúng")
    back = _prospects_url(prospect.cell)
    return _evidence_page(request, form=form, title=title, back=back, save=save, context={"prospect": prospect})


@page
@GET_POST
def listing_remove(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = _prospect_for_edit(request, pk)
    form = UnlistForm(_post_data(request), initial={"on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.sympathiser_unlist(actor=request.user, prospect=prospect, **form.cleaned_data)

    title = _("Đưa ra khỏi danh sách cảm tình Đảng")
    back = _prospects_url(prospect.cell)
    return _evidence_page(request, form=form, title=title, back=back, save=save, context={"prospect": prospect})


@page
@GET_POST
def task_assign(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = _prospect_for_edit(request, pk)
    form = TaskAssignForm(_post_data(request), initial={"assigned_on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.test_task_assign(actor=request.user, prospect=prospect, **form.cleaned_data)

    title = _("Giao nhiệm vụ thử thách")
    back = _prospects_url(prospect.cell)
    return _evidence_page(request, form=form, title=title, back=back, save=save, context={"prospect": prospect})


@page
@GET_POST
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = TestTask.objects.select_related("prospect__person", "prospect__cell")
    task: TestTask = _get(request.user, queryset, pk, Action.EDIT)
    form = TaskCompleteForm(_post_data(request), initial={"completed_on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.test_task_complete(actor=request.user, task=task, **form.cleaned_data)

    title = _("Ghi kết quả nhiệm vụ thử thách")
    intro = _("Nhiệm vụ giao ngày %(date)s: %(task)s") % {
        "date": task.assigned_on.strftime("%d/%m/%Y"),
        "task": task.description,
    }
    back = _prospects_url(task.prospect.cell)
    context = {"prospect": task.prospect, "intro": intro}
    return _evidence_page(request, form=form, title=title, back=back, save=save, context=context)


@page
@GET_POST
def prospect_leave(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = _prospect_for_edit(request, pk)
    form = ProspectLeaveForm(_post_data(request), initial={"on": timezone.localdate()})

    def save(form: forms.Form) -> object:
        return source.prospect_leave(actor=request.user, prospect=prospect, **form.cleaned_data)

    title = _("Đưa ra khỏi nguồn")
    back = _prospects_url(prospect.cell)
    intro = _("Danh sách cảm tình Đảng và phân công giúp đỡ (nếu có) kết thúc cùng ngày.")
    context = {"prospect": prospect, "intro": intro}
    return _evidence_page(request, form=form, title=title, back=back, save=save, context=context)
