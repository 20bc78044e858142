"""Import pages: upload → sheet and column mapping → dry run report → commit; the
template and the export of a list in its layout; the merge of two person records."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.imports.columns import Kind
from ketnap.imports.forms import KIND_LABELS, MappingForm, MergeForm, UploadForm, column_field
from ketnap.imports.jobs import EXPORT_KINDS, commit_start, runs_in_background
from ketnap.imports.models import Upload
from ketnap.imports.report import Report
from ketnap.imports.selectors import check_size, import_target, people_export, upload_get
from ketnap.imports.services import (
    ImportRefused,
    default_mapping,
    import_check,
    read_book,
    upload_commit,
    upload_configure,
    upload_create,
)
from ketnap.imports.sheets import XLSX, template_bytes
from ketnap.organizations.selectors import organization_get
from ketnap.people.selectors import person_get
from ketnap.people.services import person_merge
from ketnap.web.pages import form_error, page, render_page

GET_POST = require_http_methods(["GET", "POST"])


def _kind(value: str) -> Kind:
    try:
        return Kind(value)
    except ValueError as error:
        raise ValidationFailed({"kind": [_("Không có loại danh sách này.")]}) from error


def _show(request: HttpRequest, name: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render_page(request, f"imports/{name}.html", f"imports/partials/{name}_body.html", context, status)


@page
@GET_POST
def index(request: HttpRequest, code: str) -> HttpResponse:
    """Upload a workbook into an organization the user edits."""
    org = import_target(request.user, code)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            check_size(file.size)
            upload = upload_create(
                actor=request.user,
                organization=org,
                kind=_kind(form.cleaned_data["kind"]),
                filename=file.name,
                content=file.read(),
            )
            return redirect("imports:upload", pk=upload.pk)
        except DomainError as error:
            form_error(form, error)
    kinds = [(k.value, label, EXPORT_KINDS[k]) for k, label in KIND_LABELS.items()]
    return _show(request, "index", {"org": org, "form": form, "kinds": kinds})


def _mapping_form(request: HttpRequest, upload: Upload) -> tuple[MappingForm, Any]:
    kind = Kind(upload.kind)
    book = read_book(bytes(upload.content), kind)
    sheet = book.sheet(request.POST.get("sheet") or upload.sheet)
    mapping = (
        upload.mapping
        if upload.mapping and sheet.name == upload.sheet
        else default_mapping(sheet, kind, upload.organization)
    )
    initial = {"sheet": sheet.name} | {column_field(letter): key for letter, key in mapping.items()}
    names = [s.name for s in book.sheets]
    data = request.POST if request.method == "POST" else None
    form = MappingForm(data, initial=initial, sheets=names, headers=sheet.headers, kind=kind)
    return form, sheet


def _report(request: HttpRequest, upload: Upload) -> Report | None:
    if not upload.mapping:
        return None
    return import_check(
        actor=request.user,
        organization=upload.organization,
        kind=Kind(upload.kind),
        content=bytes(upload.content),
        sheet_name=upload.sheet,
        mapping=upload.mapping,
    )


@page
@GET_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet and the column mapping, the dry run's report, and the commit."""
    item = upload_get(request.user, pk)
    form, sheet = _mapping_form(request, item)
    report = None
    if request.method == "POST" and request.POST.get("action") == "commit" and runs_in_background(item):
        job = commit_start(actor=request.user, upload=item)
        return redirect("jobs:detail", pk=job.pk)
    if request.method == "POST" and request.POST.get("action") == "commit":
        try:
            done = upload_commit(actor=request.user, upload=item)
        except ImportRefused as refused:
            report = refused.report
        else:
            return _show(request, "done", {"org": item.organization, "report": done, "item": item})
    elif request.method == "POST" and form.is_valid():
        try:
            upload_configure(
                actor=request.user, upload=item, sheet_name=form.cleaned_data["sheet"], mapping=form.mapping()
            )
            return redirect("imports:upload", pk=item.pk)
        except DomainError as error:
            form_error(form, error)
    report = report or (_report(request, item) if request.method == "GET" else None)
    context = {"item": item, "org": item.organization, "form": form, "sheet": sheet, "report": report}
    context["background"] = settings.IMPORT_BACKGROUND_ROWS if len(sheet.rows) > settings.IMPORT_BACKGROUND_ROWS else 0
    return _show(request, "upload", context)


@page
def template(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    org = organization_get(request.user, code)
    chosen = _kind(kind)
    return attachment(
        actor=request.user,
        kind="import_template",
        subject=org,
        organization_path=org.path,
        content=template_bytes(chosen),
        filename=f"mau-nhap-{chosen.value}.xlsx",
        content_type=XLSX,
    )


@page
def export(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """The people of the subtree in the import template's layout (audited download)."""
    org = organization_get(request.user, code)
    chosen = _kind(kind)
    return attachment(
        actor=request.user,
        kind="people_xlsx",
        subject=org,
        organization_path=org.path,
        content=people_export(request.user, org, chosen),
        filename=f"danh-sach-{chosen.value}-{org.code}.xlsx",
        content_type=XLSX,
    )


@page
@GET_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge another record of the same person into this one."""
    person = person_get(request.user, pk)
    policy.require(request.user, Action.EDIT, person)
    form = MergeForm(
        request.POST if request.method == "POST" else None, initial={"other": request.GET.get("ho_so") or None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            other = person_get(request.user, form.cleaned_data["other"])
            person_merge(actor=request.user, keep=person, drop=other)
            return redirect("person", pk=person.pk)
        except DomainError as error:
            if error.status == 404:  # another record out of view reads as a missing one, on the form
                form.add_error("other", _("Không tìm thấy hồ sơ này."))
            else:
                form_error(form, error)
    return _show(request, "merge", {"person": person, "form": form})
