"""Pages of cell life: meetings of a subtree, a meeting with its attendance (one form for
every member), resolutions, the dues grid of a cell and month, monthly regularity, the flags,
members away, the pilot and the review of a removal trigger. Thin: parse, call one service
or selector, render; lists export to Excel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.cells import exports, selectors, services
from ketnap.cells.forms import (
    AwayForm,
    MeetingForm,
    PilotForm,
    ResolutionForm,
    ReviewCloseForm,
    attendance_choices,
    month_param,
    period,
    read_absence,
)
from ketnap.cells.models import Meeting
from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.models import Person
from ketnap.rules import message
from ketnap.rules.cell_life import shift_month
from ketnap.web.pages import form_error, page, render_page
from ketnap.web.paging import paginate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 50


def _save(form: forms.Form, save: Callable[[], str]) -> HttpResponse | None:
    """Run ``save`` for a valid form; a refusal goes onto the form, nothing is written."""
    if not form.is_valid():
        return None
    try:
        return redirect(save())
    except DomainError as error:
        form_error(form, error)
        return None


def _render(request: HttpRequest, name: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render_page(request, f"cells/{name}.html", f"cells/partials/{name}_body.html", context, status=status)


def _xlsx(request: HttpRequest, org: Organization, kind: str, content: bytes, filename: str) -> HttpResponse:
    return attachment(
        actor=request.user,
        kind=kind,
        subject=org,
        organization_path=org.path,
        content=content,
        filename=filename,
        content_type=XLSX,
    )


def _wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


def _cell(request: HttpRequest, code: str, action: Action = Action.VIEW) -> Organization:
    org = organization_get(request.user, code)
    policy.require(request.user, action, org)
    if not selectors.is_cell(org):
        raise ValidationFailed({"cell": [_("Chỉ chi bộ mới ghi sinh hoạt, đảng phí.")]})
    return org


def _links(request: HttpRequest, org: Organization) -> dict[str, Any]:
    return {
        "org": org,
        "is_cell": selectors.is_cell(org),
        "can_edit": policy.can(request.user, Action.EDIT, org),
        "can_approve": policy.can(request.user, Action.APPROVE, org),
    }


@page
def index(request: HttpRequest, code: str) -> HttpResponse:
    """The meetings of an organization's subtree over a period (this year by default)."""
    org = organization_get(request.user, code)
    first, last = period(request.GET)
    rows = selectors.meetings(request.user, org, first, last)
    if _wants_xlsx(request):
        name = f"sinh-hoat-{org.code}-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
        return _xlsx(request, org, "cells.meetings", exports.meetings_xlsx(org, first, last, rows), name)
    paging = paginate(request, rows, PER_PAGE)
    context = {**_links(request, org), "first": first, "last": last, "paging": paging, "page_obj": paging.page}
    return _render(request, "index", context)


# --- Meetings ----------------------------------------------------------------------------


def _roster_rows(cell: Organization, on: dt.date, data: Any, meeting: Meeting | None) -> list[dict[str, Any]]:
    """One line per member expected at the meeting, with what the form (or the record) says."""
    recorded = selectors.attendance_of(meeting) if meeting is not None else {}
    rows = []
    for row in selectors.roster(cell, on):
        if row.elsewhere:
            continue
        pid, was = row.person.pk, recorded.get(row.person.pk)
        absence = data.get(f"att-{pid}") if data is not None else (was.absence if was else "")
        reason = data.get(f"reason-{pid}", "") if data is not None else (was.reason if was else "")
        rows.append({"row": row, "absence": read_absence(absence) or "present", "reason": reason})
    return rows


def _lines(rows: list[dict[str, Any]]) -> dict[int, services.Presence]:
    return {r["row"].person.pk: services.Presence(read_absence(r["absence"]), r["reason"]) for r in rows}


def _meeting_date(form: MeetingForm, default: dt.date) -> dt.date:
    if form.is_bound and form.is_valid():
        day: dt.date = form.cleaned_data["date"]
        return day
    return default


def _meeting_page(request: HttpRequest, cell: Organization, meeting: Meeting | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = _meeting_initial(meeting)
    form = MeetingForm(data, initial=initial)
    on = min(_meeting_date(form, initial.get("date") or timezone.localdate()), timezone.localdate())
    rows = _roster_rows(cell, on, data, meeting)
    if data is not None:
        done = _save(form, lambda: _store_meeting(request, cell, meeting, form, rows))
        if done is not None:
            return done
    context = {
        "org": cell,
        "form": form,
        "rows": rows,
        "choices": attendance_choices(),
        "meeting": meeting,
        "roster_on": on,
    }
    return _render(request, "meeting_form", context, status=400 if data is not None else 200)


def _meeting_initial(meeting: Meeting | None) -> dict[str, Any]:
    if meeting is None:
        return {"date": timezone.localdate(), "kind": "regular"}
    fields = ("date", "kind", "topic", "party_group", "notes")
    return {name: getattr(meeting, name) for name in fields}


def _store_meeting(
    request: HttpRequest, cell: Organization, meeting: Meeting | None, form: MeetingForm, rows: list[dict[str, Any]]
) -> str:
    fields = {**form.cleaned_data, "attendance": _lines(rows)}
    if meeting is None:
        saved = services.meeting_record(actor=request.user, cell=cell, **fields)
    else:
        saved = services.meeting_update(actor=request.user, meeting=meeting, **fields)
    return reverse("cells:meeting", args=[saved.pk])


@page
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    """Record a meeting of a cell with every member's attendance (one form)."""
    return _meeting_page(request, _cell(request, code, Action.EDIT), None)


@page
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    policy.require(request.user, Action.EDIT, meeting)
    return _meeting_page(request, meeting.cell, meeting)


@page
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    attendance = meeting.attendance.select_related("person").order_by("person__sort_key", "person_id")
    context = {
        **_links(request, meeting.cell),
        "meeting": meeting,
        "attendance": attendance,
        "present": sum(1 for a in attendance if not a.absence),
        "resolutions": meeting.resolutions.select_related("person").order_by("pk"),
        "reports": selectors.helper_reports(meeting),
    }
    return _render(request, "meeting", context)


def _members(cell: Organization, on: dt.date) -> list[tuple[int, str]]:
    return [(row.person.pk, row.person.full_name) for row in selectors.roster(cell, on)]


@page
def resolution_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A resolution adopted at a meeting; an exemption is entered in the member's ledger."""
    meeting = selectors.meeting_get(request.user, pk)
    policy.require(request.user, Action.EDIT, meeting)
    data = request.POST if request.method == "POST" else None
    form = ResolutionForm(data, members=_members(meeting.cell, meeting.date))

    def save() -> str:
        fields = dict(form.cleaned_data)
        pid = fields.pop("person")
        person = Person.objects.filter(pk=pid).first() if pid else None
        services.resolution_add(actor=request.user, meeting=meeting, person=person, **fields)
        return reverse("cells:meeting", args=[meeting.pk])

    if data is not None and (done := _save(form, save)) is not None:
        return done
    title = _("Nghị quyết của chi bộ")
    back = reverse("cells:meeting", args=[meeting.pk])
    context = {"org": meeting.cell, "form": form, "title": title, "back": back}
    return _render(request, "form", context, status=400 if data is not None else 200)


# --- Dues --------------------------------------------------------------------------------


def _dues_lines(data: Any, grid: list[selectors.DuesRow]) -> dict[int, tuple[bool, int | None]]:
    lines: dict[int, tuple[bool, int | None]] = {}
    errors: list[str] = []
    for row in grid:
        value, amount = data.get(f"paid-{row.person.pk}", ""), data.get(f"amount-{row.person.pk}", "").strip()
        if value not in ("yes", "no"):
            continue
        digits = amount.replace(".", "").replace(",", "").replace(" ", "")
        if (digits and not digits.isdigit()) or len(digits) > 12:
            errors.append(_("Số tiền của %(name)s không hợp lệ.") % {"name": row.person.full_name})
            continue
        lines[row.person.pk] = (value == "yes", int(digits) if digits else None)
    if errors:
        raise ValidationFailed({"dues": errors})
    return lines


@page
def dues(request: HttpRequest, code: str) -> HttpResponse:
    """The dues of every member of a cell for one month: one form, fast on a phone."""
    cell = _cell(request, code)
    month = month_param(request.GET)
    grid = selectors.dues_grid(cell, month)
    errors: list[str] = []
    if request.method == "POST":
        policy.require(request.user, Action.EDIT, cell)
        try:
            lines = _dues_lines(request.POST, grid)
            services.dues_record(actor=request.user, cell=cell, month=month, lines=lines)
            return redirect(f"{reverse('cells:dues', args=[cell.code])}?thang={month:%Y-%m}&luu=1")
        except ValidationFailed as error:
            errors = [text for texts in error.errors.values() for text in texts]
    context = {
        **_links(request, cell),
        "month": month,
        "previous": shift_month(month, -1),
        "next": shift_month(month, 1),
        "grid": grid,
        "errors": errors,
        "saved": request.GET.get("luu") == "1",
        "paid": sum(1 for r in grid if r.paid),
    }
    return _render(request, "dues", context, status=400 if errors else 200)


# --- Regularity and flags ----------------------------------------------------------------


@page
def regularity(request: HttpRequest, code: str) -> HttpResponse:
    """For each cell of the subtree: months of the period, months with a meeting, months missed."""
    org = organization_get(request.user, code)
    first, last = period(request.GET)
    rows = selectors.regularity(org, first, last)
    if _wants_xlsx(request):
        name = f"thuong-ky-{org.code}-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
        return _xlsx(request, org, "cells.regularity", exports.regularity_xlsx(org, first, last, rows), name)
    missed = sum(1 for r in rows if r.missed)
    context = {**_links(request, org), "first": first, "last": last, "rows": rows, "missed_cells": missed}
    return _render(request, "regularity", context)


def _flag_rows(org: Organization, on: dt.date, language: str) -> list[dict[str, Any]]:
    found = [
        *selectors.composition_flags(org, on),
        *selectors.missed_flags(org, on.replace(month=1, day=1), on),
        *selectors.away_flags(org, on),
    ]
    return [
        {"cell": f.cell, "person": f.person, "code": f.finding.code, "message": message(f.finding, language)}
        for f in found
    ]


@page
def flags(request: HttpRequest, code: str) -> HttpResponse:
    """What the cells of the subtree should settle on a date: composition, months missed this
    year, members away, members reaching the removal trigger and the open reviews."""
    from django.utils.translation import get_language

    from ketnap.web.forms import AsOfForm

    org = organization_get(request.user, code)
    on = AsOfForm(request.GET).as_of
    rows = _flag_rows(org, on, get_language() or "vi")
    triggers = selectors.removal_triggers(org, on)
    tasks = selectors.review_tasks(request.user, org)
    if _wants_xlsx(request):
        content = exports.flags_xlsx(org, on, rows, triggers, get_language() or "vi")
        return _xlsx(request, org, "cells.flags", content, f"canh-bao-{org.code}-{on:%Y-%m-%d}.xlsx")
    context = {**_links(request, org), "on": on, "rows": rows, "triggers": triggers, "tasks": tasks}
    context["away"] = selectors.away_records(org, on)
    return _render(request, "flags", context)


# --- Away, pilot, review -----------------------------------------------------------------


@page
def away_new(request: HttpRequest, code: str) -> HttpResponse:
    """A member of the cell away for months (working far away)."""
    cell = _cell(request, code, Action.EDIT)
    data = request.POST if request.method == "POST" else None
    form = AwayForm(data, members=_members(cell, timezone.localdate()))

    def save() -> str:
        fields = dict(form.cleaned_data)
        person = Person.objects.get(pk=fields.pop("person"))
        services.away_record(actor=request.user, cell=cell, person=person, **fields)
        return reverse("cells:flags", args=[cell.code])

    if data is not None and (done := _save(form, save)) is not None:
        return done
    back = reverse("cells:flags", args=[cell.code])
    context = {"org": cell, "form": form, "title": _("Đảng viên đi làm ăn xa"), "back": back}
    return _render(request, "form", context, status=400 if data is not None else 200)


@page
def pilot_new(request: HttpRequest, code: str) -> HttpResponse:
    """Set the party-group pilot on a cell for a period (approvers)."""
    cell = _cell(request, code, Action.APPROVE)
    data = request.POST if request.method == "POST" else None
    form = PilotForm(data)

    def save() -> str:
        services.pilot_set(actor=request.user, cell=cell, **form.cleaned_data)
        return reverse("cells:regularity", args=[cell.code])

    if data is not None and (done := _save(form, save)) is not None:
        return done
    back = reverse("cells:regularity", args=[cell.code])
    context = {"org": cell, "form": form, "title": _("Thí điểm sinh hoạt theo tổ đảng"), "back": back}
    return _render(request, "form", context, status=400 if data is not None else 200)


@page
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The cell takes up a removal review: its date and outcome."""
    task = selectors.review_task_get(request.user, pk)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        policy.require(request.user, Action.EDIT, task)
    form = ReviewCloseForm(data, initial={"closed_on": timezone.localdate()})

    def save() -> str:
        services.review_close(actor=request.user, task=task, **form.cleaned_data)
        return reverse("cells:flags", args=[task.cell.code])

    if data is not None and (done := _save(form, save)) is not None:
        return done
    back = reverse("cells:flags", args=[task.cell.code])
    from django.utils.translation import get_language

    from ketnap.cells.queue_source import finding_of

    context = {"org": task.cell, "form": form, "title": task.person.full_name, "back": back}
    context["task_message"] = message(finding_of(task), get_language() or "vi")
    return _render(request, "form", context, status=400 if data is not None else 200)
