"""Import API: the template, a dry run and a commit of an uploaded workbook (multipart),
the people of an organization exported in the template's layout, and the merge of two
person records."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja import Status as Answer
from pydantic import ConfigDict

from ketnap.api.errors import error_response
from ketnap.api.schemas import responses
from ketnap.core.downloads import attachment
from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.imports.columns import Kind, columns_for
from ketnap.imports.jobs import commit_start
from ketnap.imports.report import Report
from ketnap.imports.selectors import check_size, import_target, people_export
from ketnap.imports.services import (
    ImportRefused,
    import_check,
    import_commit,
    read_book,
    upload_configure,
    upload_create,
)
from ketnap.imports.sheets import XLSX, template_bytes
from ketnap.organizations.api.reads import get_visible as organization_visible
from ketnap.people.api import PersonDetailOut, _detail, get_visible
from ketnap.people.services import person_merge

router = Router(tags=["imports"])
# Optional in the schema so that an organization out of scope answers 404 before the body is looked at.
OPTIONAL_FILE = File(None, description="The workbook (.xlsx).")


class IssueOut(Schema):
    row: int = Field(description="Row number in the sheet; 0 for the whole file.")
    column: str = Field(description="Column letter; empty for the whole row.")
    header: str
    message: str
    text: str = Field(description="The whole message, «Dòng 7, cột D (Ngày sinh): …».")


class ColumnOut(Schema):
    key: str
    label: str
    required: bool


class ReportOut(Schema):
    sheet: str
    sheets: list[str]
    headers: dict[str, str] = Field(description="Column letter -> header text.")
    mapping: dict[str, str] = Field(description="Column letter -> field key ('' ignored).")
    columns: list[ColumnOut] = Field(description="The fields a column can be mapped to.")
    counts: dict[str, int]
    errors: list[IssueOut]
    notices: list[IssueOut] = Field(description="Decisions taken, e.g. hidden rows skipped, IDs zero-padded.")


def _issue(issue: Any) -> IssueOut:
    return IssueOut(row=issue.row, column=issue.column, header=issue.header, message=issue.message, text=str(issue))


def report_out(report: Report, kind: Kind) -> ReportOut:
    columns = [ColumnOut(key=c.key, label=str(c.header), required=c.required) for c in columns_for(kind)]
    return ReportOut(
        sheet=report.sheet,
        sheets=report.sheets,
        headers=report.headers,
        mapping=report.mapping,
        columns=columns,
        counts=report.counts(),
        errors=[_issue(i) for i in report.errors],
        notices=[_issue(i) for i in report.notices],
    )


def _mapping(text: str) -> dict[str, str] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValidationFailed({"mapping": [_('Cách ghép cột phải là JSON dạng {"A": "full_name"}.')]})
    return value


class ImportForm(Schema):
    model_config = ConfigDict(extra="forbid")

    sheet: str = Field("", max_length=255, description="Sheet name; the first visible sheet when empty.")
    mapping: str = Field(
        "", max_length=4000, description='JSON {"A": "full_name", …}; the remembered or recognized mapping when empty.'
    )


def _run(request: HttpRequest, code: str, kind: Kind, file: UploadedFile | None, form: ImportForm, commit: bool) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    org = import_target(user, code)  # out of scope is a 404 whatever was sent
    if file is None:
        raise ValidationFailed({"file": [_("Chọn tệp .xlsx để tải lên.")]})
    check_size(file.size)
    args = {"actor": user, "organization": org, "kind": kind, "content": file.read(), "sheet_name": form.sheet}
    mapping = _mapping(form.mapping)
    if not commit:
        return report_out(import_check(**args, mapping=mapping), kind)
    if len(read_book(args["content"], kind).sheet(form.sheet).rows) > settings.IMPORT_BACKGROUND_ROWS:
        return _queue(user, org, kind, args["content"], file.name or "", form.sheet, mapping)
    try:
        report = import_commit(**args, mapping=mapping, filename=file.name or "")
    except ImportRefused as refused:
        from ketnap.api.api import api  # the application this router is mounted on

        details = {"report": report_out(refused.report, kind).model_dump(mode="json")}
        message = refused.message
        return error_response(api, request, status=422, code=refused.code, message=message, details=details)
    return Answer(201, report_out(report, kind))


class ImportQueuedOut(Schema):
    job: int = Field(description="The background job committing the file.")
    state: str = Field(description="The job's state (queued).")
    url: str = Field(description="Follow the job here until `state` is `done` or `failed` (`error` says why).")
    page: str = Field(description="The job's page.")


def _queue(
    user: Any, org: Any, kind: Kind, content: bytes, filename: str, sheet: str, mapping: dict[str, str] | None
) -> Answer[ImportQueuedOut]:
    """Keep the file and queue its commit (a file over ``IMPORT_BACKGROUND_ROWS`` rows)."""
    with transaction.atomic():
        upload = upload_create(
            actor=user, organization=org, kind=kind, filename=filename, content=content, sheet_name=sheet
        )
        if mapping is not None:
            upload = upload_configure(actor=user, upload=upload, sheet_name=upload.sheet, mapping=mapping)
        job = commit_start(actor=user, upload=upload)
    page = reverse("jobs:detail", kwargs={"pk": job.pk})
    return Answer(202, ImportQueuedOut(job=job.pk, state=job.state, url=f"/api/v1/jobs/{job.pk}", page=page))


@router.post(
    "/organizations/{code}/imports/{kind}/dry-run",
    response=responses(ReportOut),
    summary="Check a workbook (multipart 'file'): every error at its row and column; nothing written",
)
def import_dry_run(
    request: HttpRequest, code: str, kind: Kind, form: Form[ImportForm], file: UploadedFile | None = OPTIONAL_FILE
) -> Any:
    return _run(request, code, kind, file, form, commit=False)


@router.post(
    "/organizations/{code}/imports/{kind}",
    response=responses(ReportOut, 201, write=True) | {202: ImportQueuedOut},
    summary="Import a workbook: all rows or none (422 with the report of errors in details.report)",
    description=(
        "A workbook with more data rows than the server's `IMPORT_BACKGROUND_ROWS` (200 by default) is "
        "committed in the background: the answer is 202 with the job (`GET /jobs/{job_id}`); the job ends "
        "`done` with the count in `message`, or `failed` with the errors, each at its row and column, in `error` "
        "(nothing written)."
    ),
)
def import_commit_view(
    request: HttpRequest, code: str, kind: Kind, form: Form[ImportForm], file: UploadedFile | None = OPTIONAL_FILE
) -> Any:
    return _run(request, code, kind, file, form, commit=True)


@router.get(
    "/organizations/{code}/imports/{kind}/template",
    response=responses(None),
    summary="The import template (xlsx)",
)
def import_template(request: HttpRequest, code: str, kind: Kind) -> HttpResponse:
    user = request.auth  # type: ignore[attr-defined]
    org = import_target(user, code)
    return attachment(
        actor=user,
        kind="import_template",
        subject=org,
        organization_path=org.path,
        content=template_bytes(kind),
        filename=f"mau-nhap-{kind.value}.xlsx",
        content_type=XLSX,
    )


@router.get(
    "/organizations/{code}/people/export/{kind}",
    response=responses(None),
    summary="The people of the subtree in the import template's layout (xlsx, audited)",
)
def people_export_view(request: HttpRequest, code: str, kind: Kind) -> HttpResponse:
    user = request.auth  # type: ignore[attr-defined]
    org = organization_visible(user, code)
    return attachment(
        actor=user,
        kind="people_xlsx",
        subject=org,
        organization_path=org.path,
        content=people_export(user, org, kind),
        filename=f"danh-sach-{kind.value}-{org.code}.xlsx",
        content_type=XLSX,
    )


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    other: int = Field(ge=1, le=2**31 - 1, description="Id of the record merged into this one and then deleted.")


@router.post(
    "/people/{person_id}/merge",
    response=responses(PersonDetailOut, write=True),
    summary="Merge another record of the same person into this one (histories kept, audited)",
)
def person_merge_view(request: HttpRequest, person_id: int, payload: MergeIn) -> PersonDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    keep = get_visible(user, person_id, Action.EDIT)
    drop = get_visible(user, payload.other, Action.EDIT)
    person_merge(actor=user, keep=keep, drop=drop)
    return _detail(get_visible(user, person_id))
