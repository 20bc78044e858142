"""Pages of the training classes: the list (with the summary of a subtree's year), a
new class, the class page with its enrolment, and one form per change of an enrolment.
Thin: parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.people.selectors import person_get
from ketnap.training import selectors, services
from ketnap.training.exports import classes_xlsx, enrolments_xlsx
from ketnap.training.forms import (
    AttendanceForm,
    CertificateForm,
    ClassFilterForm,
    ClassForm,
    CompletionForm,
    EnrolForm,
    OverallAttendanceForm,
)
from ketnap.training.models import Enrolment, TrainingClass
from ketnap.training.pageforms import XLSX, form_page
from ketnap.web.pages import page, posted, render_page
from ketnap.web.paging import paginate

CLASSES_PER_PAGE = 25

GET_ONLY = require_http_methods(["GET", "HEAD"])
GET_POST = require_http_methods(["GET", "POST"])


def _filtered(request: HttpRequest) -> tuple[ClassFilterForm, Any]:
    form = ClassFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return form, TrainingClass.objects.none()
    data = form.cleaned_data
    classes = selectors.class_list(request.user, organization=data["to_chuc"], kind=data["loai"], year=data["nam"])
    return form, classes


@page
@GET_ONLY
def class_list(request: HttpRequest) -> HttpResponse:
    """Classes the user sees, 25 a page; with an organization and a year, the summary."""
    form, classes = _filtered(request)
    context: dict[str, Any] = {"form": form, "paging": paginate(request, classes, CLASSES_PER_PAGE)}
    if form.is_valid() and form.cleaned_data["to_chuc"] and form.cleaned_data["nam"]:
        year = form.cleaned_data["nam"]
        org = form.cleaned_data["to_chuc"]
        context["summary"] = selectors.summary(org, dt.date(year, 1, 1), dt.date(year, 12, 31))
        context["summary_org"] = org
    status = 200 if form.is_valid() else 400
    return render_page(request, "training/classes.html", "training/partials/classes_results.html", context, status)


@page
@GET_ONLY
def class_list_xlsx(request: HttpRequest) -> HttpResponse:
    """The filtered class list as a spreadsheet (audited download)."""
    form, classes = _filtered(request)
    if not form.is_valid():
        return render(request, "training/classes.html", {"form": form}, status=400)
    org = form.cleaned_data["to_chuc"]
    return attachment(
        actor=request.user,
        kind="training_classes_xlsx",
        subject=org or cast(Model, request.user),
        organization_path=org.path if org else "",
        content=classes_xlsx(classes),
        filename="lop-boi-duong.xlsx",
        content_type=XLSX,
    )


@page
@GET_POST
def class_create(request: HttpRequest) -> HttpResponse:
    form = ClassForm(posted(request), user=request.user, initial={"organizer": request.GET.get("to_chuc", "")})

    def save() -> str:
        data = form.cleaned_data
        created = services.class_create(actor=request.user, **data)
        return reverse("training:class", args=[created.pk])

    return form_page(request, form, title=_("Mở lớp bồi dưỡng"), back=reverse("training:classes"), save=save)


@page
@GET_ONLY
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.class_get(request.user, pk)
    context = {
        "klass": training_class,
        "enrolments": selectors.enrolment_list(training_class),
        "can_edit": policy.can(request.user, Action.EDIT, training_class),
        "enrol_form": EnrolForm(),
    }
    return render_page(request, "training/class.html", "training/partials/class_body.html", context)


@page
@GET_ONLY
def class_enrolments_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.class_get(request.user, pk)
    return attachment(
        actor=request.user,
        kind="training_enrolments_xlsx",
        subject=training_class,
        organization_path=training_class.organizer.path,
        content=enrolments_xlsx(training_class, selectors.enrolment_list(training_class)),
        filename=f"lop-{training_class.pk}-hoc-vien.xlsx",
        content_type=XLSX,
    )


@page
@GET_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.class_get(request.user, pk, Action.EDIT)
    form = EnrolForm(posted(request))
    back = reverse("training:class", args=[pk])

    def save() -> str:
        try:
            person = person_get(request.user, form.cleaned_data["person"])
        except DomainError as error:
            raise ValidationFailed({"person": [_("Không tìm thấy người có số hồ sơ này.")]}) from error
        services.enrolment_add(actor=request.user, training_class=training_class, person=person)
        return back

    return form_page(request, form, title=_("Thêm học viên"), back=back, save=save, subject_name=training_class.name)


def _enrolment_form(
    request: HttpRequest, pk: int, form_class: type[forms.Form], title: str, write: Callable[..., Any]
) -> HttpResponse:
    enrolment: Enrolment = selectors.enrolment_get(request.user, pk, Action.EDIT)
    form = form_class(posted(request))
    back = reverse("training:class", args=[enrolment.training_class_id])

    def save() -> str:
        write(actor=request.user, enrolment=enrolment, **form.cleaned_data)
        return back

    name = f"{enrolment.person.full_name} — {enrolment.training_class.name}"
    return form_page(request, form, title=title, back=back, save=save, subject_name=name)


@page
@GET_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    return _enrolment_form(request, pk, AttendanceForm, _("Điểm danh một buổi"), services.attendance_record)


@page
@GET_POST
def attendance_overall(request: HttpRequest, pk: int) -> HttpResponse:
    return _enrolment_form(request, pk, OverallAttendanceForm, _("Số buổi có mặt"), services.attendance_overall)


@page
@GET_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _enrolment_form(request, pk, CompletionForm, _("Hoàn thành lớp học"), services.enrolment_complete)


@page
@GET_POST
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    return _enrolment_form(request, pk, CertificateForm, _("Cấp giấy chứng nhận"), services.certificate_issue)
