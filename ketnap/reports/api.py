"""The report set over the API: change over a period, new members, the funnel, the
narrative, the consistency check of a draft, the files, and the reports sent upward
(frozen) with their comparison. The same selectors as the pages and the command."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer

from ketnap.api.errors import path_lookup
from ketnap.api.schemas import IsoDate, responses
from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import ValidationFailed
from ketnap.organizations.api.reads import get_visible
from ketnap.reports import documents, frozen
from ketnap.reports.consistency import DRAFT_MAX_LENGTH
from ketnap.reports.models import FrozenReport, ReportKind

router = Router(tags=["reports"])
path_lookup("report_id", frozen.frozen_get)


class PeriodQuery(Schema):
    first: IsoDate | None = Field(None, description="First day of the period (YYYY-MM-DD); 1 January of last's year.")
    last: IsoDate | None = Field(None, description="Last day of the period (YYYY-MM-DD), on or after first; today.")

    def period(self) -> tuple[dt.date, dt.date]:
        last = self.last or policy.today()
        return self.first or last.replace(month=1, day=1), last


class ChangeOut(Schema):
    organization_code: str
    organization_name: str
    first: dt.date
    last: dt.date
    start: int = Field(description="Members at the end of the day before first.")
    increases: dict[str, int]
    decreases: dict[str, int]
    end: int = Field(description="Members on last.")
    increased: int
    decreased: int
    reconciled: bool = Field(description="start + increased - decreased = end (always true).")
    recognized: int = Field(description="Recognized as official members: a change of status, not of number.")
    admission_decisions: int = Field(description="Admission decisions dated in the period.")
    notes: list[str]


class CompositionOut(Schema):
    first: dt.date
    last: dt.date
    total: int
    women: int
    youth_union: int
    ethnic_minority: int | None = Field(description="Null when withheld from the caller.")
    religious: int | None = Field(description="Null when withheld from the caller.")
    average_age: float | None
    breakdowns: dict[str, dict[str, int | None]] = Field(description="Null counts are withheld from the caller.")


class NewMembersOut(Schema):
    organization_code: str
    organization_name: str
    current: CompositionOut
    previous: CompositionOut = Field(description="The same period a year earlier.")
    suppressed: list[str]
    suppression_note: str


class StageOut(Schema):
    stage: str
    label: str
    entered: int
    reached: int
    conversion: float | None
    median_days: float | None
    waiting: int
    stuck: int
    longest_wait_days: int | None


class FunnelOut(Schema):
    organization_code: str
    organization_name: str
    first: dt.date
    last: dt.date
    people: int
    stages: list[StageOut]


class NarrativeOut(Schema):
    organization_code: str
    organization_name: str
    first: dt.date
    last: dt.date
    paragraphs: list[str]
    text: str


class DraftIn(Schema):
    first: IsoDate
    last: IsoDate
    text: str = Field(min_length=1, max_length=DRAFT_MAX_LENGTH, description="The draft: a paragraph or a table.")


class DraftFindingOut(Schema):
    kind: str = Field(description="sum, share or data.")
    message: str
    excerpt: str
    stated: float
    expected: float
    difference: float


class DraftCheckOut(Schema):
    organization_code: str
    first: dt.date
    last: dt.date
    figures: dict[str, int | None]
    findings: list[DraftFindingOut]


class FileReport(StrEnum):
    CHANGE = "change"
    NEW_MEMBERS = "new-members"
    FUNNEL = "funnel"
    NARRATIVE = "narrative"


class FileFormat(StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"
    DOCX = "docx"


class FileQuery(PeriodQuery):
    report: FileReport = Field(FileReport.CHANGE, description="The report: change, new-members, funnel, narrative.")
    format: FileFormat = Field(FileFormat.XLSX, description="xlsx (the default) or pdf; docx for the narrative.")


class SendIn(Schema):
    kind: ReportKind
    first: IsoDate
    last: IsoDate
    note: str = Field("", max_length=2000)


class FrozenOut(Schema):
    id: int
    kind: ReportKind
    organization: str
    first: dt.date
    last: dt.date
    note: str
    sent_by: str | None
    sent_at: dt.datetime


class FrozenDetailOut(FrozenOut):
    figures: dict[str, Any]


class LaterOut(Schema):
    recorded_at: dt.datetime
    description: str


class DifferenceOut(Schema):
    figure: str = Field(description="The figure's path in the report's JSON, e.g. increases.admitted.")
    label: str = Field(description="The figure as the report's table names it.")
    sent: Any
    now: Any
    explained_by: list[LaterOut]


class ComparisonOut(Schema):
    report_id: int
    kind: ReportKind
    sent_at: dt.datetime
    differences: list[DifferenceOut]


def _report(request: HttpRequest, name: str, code: str, params: PeriodQuery) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return documents.report_for(name, user, get_visible(user, code), *params.period())


@router.get(
    "/organizations/{code}/reports/change", response=responses(ChangeOut), summary="Members' change over a period"
)
def change_view(request: HttpRequest, code: str, params: Query[PeriodQuery]) -> dict[str, Any]:
    data: dict[str, Any] = _report(request, "change", code, params).as_dict()
    return data


@router.get(
    "/organizations/{code}/reports/new-members",
    response=responses(NewMembersOut),
    summary="New members by indicator, beside the same period last year",
)
def new_members_view(request: HttpRequest, code: str, params: Query[PeriodQuery]) -> dict[str, Any]:
    data: dict[str, Any] = _report(request, "new-members", code, params).as_dict()
    return data


@router.get("/organizations/{code}/reports/funnel", response=responses(FunnelOut), summary="The development funnel")
def funnel_view(request: HttpRequest, code: str, params: Query[PeriodQuery]) -> dict[str, Any]:
    data: dict[str, Any] = _report(request, "funnel", code, params).as_dict()
    return data


@router.get("/organizations/{code}/reports/narrative", response=responses(NarrativeOut), summary="The period in words")
def narrative_view(request: HttpRequest, code: str, params: Query[PeriodQuery]) -> dict[str, Any]:
    data: dict[str, Any] = _report(request, "narrative", code, params).as_dict()
    return data


@router.post(
    "/organizations/{code}/reports/check",
    response=responses(DraftCheckOut),
    summary="Check the figures of a report draft against themselves and the data",
)
def check_view(request: HttpRequest, code: str, payload: DraftIn) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    org = get_visible(user, code)
    data: dict[str, Any] = documents.report_for("check", user, org, payload.first, payload.last, payload.text).as_dict()
    return data


_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/organizations/{code}/reports/file",
    response=responses(None),
    summary="A report as a file: xlsx or pdf, the narrative as docx",
    openapi_extra={
        "responses": {
            200: {"description": "The file.", "content": {t: _FILE for t in documents.CONTENT_TYPES.values()}}
        }
    },
)
def file_view(request: HttpRequest, code: str, params: Query[FileQuery]) -> HttpResponse:
    user = request.auth  # type: ignore[attr-defined]
    org = get_visible(user, code)
    return download(user, org, params.report.value, params.format.value, *params.period())


def download(user: Any, org: Any, name: str, output_format: str, first: dt.date, last: dt.date) -> HttpResponse:
    """The report as a file, audited (the page and the API serve the same bytes)."""
    allowed = ("docx",) if name == "narrative" else ("xlsx", "pdf")
    if output_format not in allowed:
        message = _("Định dạng này không có cho báo cáo này.")
        raise ValidationFailed({"format": [message]}, message=message)
    content, filename = documents.render(name, output_format, documents.report_for(name, user, org, first, last))
    return attachment(
        actor=user,
        kind=f"report_{name}_{output_format}",
        subject=org,
        organization_path=org.path,
        content=content,
        filename=filename,
        content_type=documents.CONTENT_TYPES[output_format],
        first=first.isoformat(),
        last=last.isoformat(),
    )


def _frozen_out(report: FrozenReport) -> FrozenOut:
    return FrozenOut(
        id=report.pk,
        kind=ReportKind(report.kind),
        organization=report.organization.code,
        first=report.first,
        last=report.last,
        note=report.note,
        sent_by=report.sent_by.get_username() if report.sent_by else None,
        sent_at=report.sent_at,
    )


@router.post(
    "/organizations/{code}/reports/sent",
    response=responses(FrozenOut, 201, write=True),
    summary="Send a report upward: freeze its figures",
)
def send_view(request: HttpRequest, code: str, payload: SendIn) -> Answer[FrozenOut]:
    user = request.auth  # type: ignore[attr-defined]
    org = get_visible(user, code)
    report = frozen.report_send(
        actor=user, kind=payload.kind.value, org=org, first=payload.first, last=payload.last, note=payload.note
    )
    return Answer(201, _frozen_out(report))


@router.get(
    "/organizations/{code}/reports/sent", response=responses(list[FrozenOut]), summary="Reports sent from a subtree"
)
def sent_list_view(request: HttpRequest, code: str) -> list[FrozenOut]:
    user = request.auth  # type: ignore[attr-defined]
    return [_frozen_out(report) for report in frozen.frozen_list(user, get_visible(user, code))[:200]]


@router.get("/reports/sent/{report_id}", response=responses(FrozenDetailOut), summary="One report as sent")
def sent_detail_view(request: HttpRequest, report_id: int) -> FrozenDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    report = frozen.frozen_get(user, report_id)
    figures = frozen.figures_seen(user, report, report.figures)
    return FrozenDetailOut(**_frozen_out(report).model_dump(), figures=figures)


@router.get(
    "/reports/sent/{report_id}/comparison",
    response=responses(ComparisonOut),
    summary="A sent report against the same report recomputed now",
)
def comparison_view(request: HttpRequest, report_id: int) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    data: dict[str, Any] = frozen.frozen_compare(user, frozen.frozen_get(user, report_id)).as_dict()
    return data
