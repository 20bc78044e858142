"""Plans over the API: targets (set, revise, list), a committee's allocation to its
children, achievement of a subtree on a date and the year-end forecast. Every write
calls the same service as the pages; out of scope is a 404, visible but not allowed a
403, and a refusal a 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.schemas import IsoDate, responses
from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.plans import selectors, services
from ketnap.plans.models import SUB_TARGET_KEYS, PlanDocument, Target
from ketnap.plans.selectors import FIRST_YEAR, LAST_YEAR

router = Router(tags=["plans"])


class SubTargetsIn(Schema):
    women: int | None = Field(None, ge=0, le=1_000_000)
    youth: int | None = Field(None, ge=0, le=1_000_000)
    ethnic_minority: int | None = Field(None, ge=0, le=1_000_000)
    rural: int | None = Field(None, ge=0, le=1_000_000)
    religious: int | None = Field(None, ge=0, le=1_000_000)
    students: int | None = Field(None, ge=0, le=1_000_000)
    private_enterprise: int | None = Field(None, ge=0, le=1_000_000)


class PlanDocumentIn(Schema):
    number: str = Field(min_length=1, max_length=64, description="Number of the letter, plan or resolution.")
    issued_on: IsoDate
    title: str = Field(min_length=1, max_length=255)


class TargetIn(SubTargetsIn):
    first_year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    last_year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR, description="Same as first_year for a one-year target.")
    total: int = Field(ge=0, le=1_000_000, description="Admissions to make over the period.")
    set_on: IsoDate = Field(description="Date the target is set; it applies from this date.")
    note: str = Field("", max_length=255)
    document: PlanDocumentIn | None = Field(None, description="The document that sets it, issued by the parent.")


class ShareIn(SubTargetsIn):
    organization: str = Field(max_length=64, description="Code of a child organization.")
    total: int = Field(ge=0, le=1_000_000)


class AllocationIn(Schema):
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    set_on: IsoDate
    shares: list[ShareIn] = Field(max_length=500)
    document: PlanDocumentIn | None = Field(
        None, description="The document of the allocation, issued by this organization."
    )


class DocumentOut(Schema):
    number: str
    issued_on: dt.date
    issuer: str
    title: str


class TargetOut(SubTargetsIn):
    id: int
    organization: str
    first_year: int
    last_year: int
    total: int
    set_on: dt.date
    current: bool
    supersedes: int | None
    document: DocumentOut | None
    recorded_at: dt.datetime


class AllocationOut(Schema):
    written: list[TargetOut]
    warnings: list[str]


class SubFigureOut(Schema):
    key: str
    label: str
    target: int | None
    admitted: int | None
    percent: int | None


class RowOut(Schema):
    code: str
    name: str
    plan: int | None
    admitted: int
    percent: int | None
    sub_targets: list[SubFigureOut]


class AchievementOut(Schema):
    code: str
    name: str
    year: int
    as_of: dt.date
    plan: int | None
    admitted: int
    percent: int | None
    sub_targets: list[SubFigureOut]
    rows: list[RowOut]
    warnings: list[str]


class AchievementQuery(Schema):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Plan year; that of as_of if absent.")
    as_of: IsoDate | None = Field(None, description="Count up to this date (YYYY-MM-DD); today if absent.")


class ForecastQuery(Schema):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Plan year; this year if absent.")


class ForecastRowOut(Schema):
    code: str
    name: str
    plan: int | None
    admitted: int
    possible: int
    expected: int
    shortfall: int | None


class CandidateOut(Schema):
    case_id: int
    person_name: str
    cell: str
    organization: str
    stage: str
    remaining_working_days: int
    earliest_decision: dt.date
    closes_gap: bool


class ForecastOut(Schema):
    code: str
    year: int
    today: dt.date
    working_days_left: int
    total: ForecastRowOut
    rows: list[ForecastRowOut]
    candidates: list[CandidateOut]


def _document_out(document: PlanDocument | None) -> DocumentOut | None:
    if document is None:
        return None
    return DocumentOut(
        number=document.number, issued_on=document.issued_on, issuer=document.issuer.code, title=document.title
    )


def _target_out(target: Target) -> TargetOut:
    return TargetOut(
        id=target.pk,
        organization=target.organization.code,
        first_year=target.first_year,
        last_year=target.last_year,
        total=target.total,
        set_on=target.set_on,
        current=target.current,
        supersedes=target.supersedes_id,
        document=_document_out(target.document),
        recorded_at=target.recorded_at,
        **target.sub_targets(),
    )


def _subs(payload: SubTargetsIn) -> dict[str, int | None]:
    return {key: getattr(payload, key) for key in SUB_TARGET_KEYS}


def _parent(org: Organization) -> Organization | None:
    if org.depth <= 1:
        return None
    return Organization.objects.filter(path=org.path[: -Organization.steplen]).first()


def _document(user: Any, issuer: Organization | None, payload: PlanDocumentIn | None) -> PlanDocument | None:
    if payload is None:
        return None
    if issuer is None:
        raise ValidationFailed({"document": [_("Tổ chức cao nhất không có cấp trên ban hành văn bản.")]})
    return services.document_create(
        actor=user, issuer=issuer, number=payload.number, issued_on=payload.issued_on, title=payload.title
    )


@router.get("/plans/{code}/targets", response=responses(list[TargetOut]), summary="Targets of a subtree")
def target_list(request: HttpRequest, code: str) -> list[TargetOut]:
    """Every target in the organization's subtree, revisions included (newest first)."""
    user = request.auth  # type: ignore[attr-defined]
    org = organization_get(user, code)
    return [_target_out(t) for t in selectors.target_list(user, org)[:1000]]


@router.post("/plans/{code}/targets", response=responses(TargetOut, 201, write=True), summary="Set or revise a target")
def target_set(request: HttpRequest, code: str, payload: TargetIn) -> Status[TargetOut]:
    """Needs the editor role on a strict ancestor: a target is set by the committee above.
    Setting a different value for the same period adds a revision; the old row is kept."""
    user = request.auth  # type: ignore[attr-defined]
    org = organization_get(user, code)
    services.require_allocate(user, org)
    with transaction.atomic():  # the document and the target, or neither
        document = _document(user, _parent(org), payload.document)
        target = services.target_set(
        actor=user, organization=org, first_year=payload.first_year, last_year=payload.last_year,
            total=payload.total, set_on=payload.set_on, sub_targets=_subs(payload), document=document,
            note=payload.note,
        )  # fmt: skip
    return Status(201, _target_out(target))


def _child(user: Any, parent: Organization, code: str) -> Organization:
    try:
        return organization_get(user, code)
    except NotFound as error:
        message = _("%(code)s không trực thuộc tổ chức này.") % {"code": code}
        raise ValidationFailed({"shares": [message]}) from error


@router.post(
    "/plans/{code}/allocation", response=responses(AllocationOut, write=True), summary="Allocate a year's plan"
)
def allocation(request: HttpRequest, code: str, payload: AllocationIn) -> AllocationOut:
    """Give the children their targets for the year in one request. A sum different from
    the organization's own plan is returned in ``warnings``; it is not refused."""
    user = request.auth  # type: ignore[attr-defined]
    parent = organization_get(user, code)
    policy.require(user, policy.Action.EDIT, parent)
    shares = [services.Share(_child(user, parent, s.organization), s.total, _subs(s)) for s in payload.shares]
    with transaction.atomic():
        document = _document(user, parent, payload.document)
        result = services.allocation_save(
            actor=user, parent=parent, year=payload.year, set_on=payload.set_on, shares=shares, document=document
        )
    return AllocationOut(written=[_target_out(t) for t in result.written], warnings=result.warnings)


def _sub_out(row: selectors.Row) -> list[SubFigureOut]:
    return [
        SubFigureOut(key=s.key, label=s.label, target=s.target, admitted=s.admitted, percent=s.percent) for s in row.sub
    ]


def _row_out(row: selectors.Row) -> RowOut:
    return RowOut(
        code=row.code,
        name=row.name,
        plan=row.plan,
        admitted=row.admitted,
        percent=row.percent,
        sub_targets=_sub_out(row),
    )


@router.get("/plans/{code}/achievement", response=responses(AchievementOut), summary="Admitted against plan")
def achievement(request: HttpRequest, code: str, query: Query[AchievementQuery]) -> AchievementOut:
    """Admission decisions of the year up to ``as_of`` against the plan, for the
    organization and each child, with the sub-targets; percentages rounded half up."""
    user = request.auth  # type: ignore[attr-defined]
    org = organization_get(user, code)
    as_of = query.as_of or policy.today()
    result = selectors.achievement(user, org, query.year or as_of.year, as_of)
    total = result.total
    return AchievementOut(
        code=total.code, name=total.name, year=result.year, as_of=result.as_of, plan=total.plan,
        admitted=total.admitted, percent=total.percent, sub_targets=_sub_out(total),
        rows=[_row_out(row) for row in result.rows], warnings=result.warnings,
    )  # fmt: skip


def _forecast_row(row: selectors.ForecastRow) -> ForecastRowOut:
    return ForecastRowOut(**row.__dict__)


def _candidate_out(c: selectors.Candidate) -> CandidateOut:
    return CandidateOut(
        case_id=c.case_id, person_name=c.person_name, cell=c.cell_code, organization=c.row_code, stage=c.stage,
        remaining_working_days=c.remaining_days, earliest_decision=c.earliest, closes_gap=c.closes_gap,
    )  # fmt: skip


@router.get("/plans/{code}/forecast", response=responses(ForecastOut), summary="Year-end forecast")
def forecast(request: HttpRequest, code: str, query: Query[ForecastQuery]) -> ForecastOut:
    """From each open case's missing steps and the working days left, who can still be
    admitted by 31 December, each child's expected total and shortfall against plan."""
    user = request.auth  # type: ignore[attr-defined]
    result = selectors.forecast(user, organization_get(user, code), query.year or policy.today().year)
    return ForecastOut(
        code=result.organization.code, year=result.year, today=result.today,
        working_days_left=result.working_days_left, total=_forecast_row(result.total),
        rows=[_forecast_row(row) for row in result.rows],
        candidates=[_candidate_out(c) for c in result.candidates],
    )  # fmt: skip
