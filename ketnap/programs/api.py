"""Programs over the API: the scoped list, a program with every target beside its
measured value on a date, and the operations adding targets, members taking part in
the program's cells and members assigned to households."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.core.errors import ValidationFailed
from ketnap.core.limits import max_length
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization, Program
from ketnap.organizations.selectors import organization_get
from ketnap.people.models import SupportKind
from ketnap.people.selectors import person_get
from ketnap.people.services import support_assign
from ketnap.programs import selectors, services
from ketnap.programs.models import ProgramTarget, TargetKind
from ketnap.programs.selectors import Outcome

router = Router(tags=["programs"])
CODE = max_length(Program, "code")
MAX_COUNT = 10_000_000


class ProgramOut(Schema):
    code: str
    name: str
    owner: str = Field(description="Code of the organization that runs the program.")
    start: dt.date
    end: dt.date | None
    organizations: list[str] = Field(description="Codes of the organizations (cells) the program covers.")


class ProgramPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProgramOut]


class ProgramTargetOut(Schema):
    id: int
    kind: TargetKind
    label: str
    year: int
    minimum: int
    maximum: int | None
    description: str
    percent: bool = Field(description="The target and the value are percentages.")
    value: Decimal | None = Field(description="Measured from the data on as_of; null: no data yet.")
    outcome: Outcome


class SupportOut(Schema):
    kind: SupportKind
    label: str
    members: int
    cells: int


class HouseholdsOut(Schema):
    members: int
    households: int
    cells: int


class ProgramReportOut(ProgramOut):
    as_of: dt.date
    targets: list[ProgramTargetOut]
    supporters: list[SupportOut]
    households: HouseholdsOut


class ProgramAsOfQuery(Schema):
    as_of: IsoDate | None = Field(None, description="Date of the measures; today when omitted.")


class ProgramTargetIn(Schema):
    kind: TargetKind
    year: int = Field(ge=1930, le=2100)
    minimum: int = Field(ge=0, le=MAX_COUNT)
    maximum: int | None = Field(None, ge=0, le=MAX_COUNT)
    description: str = Field("", max_length=max_length(ProgramTarget, "description"))


class SupportIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1)
    cell: str = Field(max_length=max_length(Organization, "code"), description="Code of a program cell.")
    kind: SupportKind
    valid_from: IsoDate


class HouseholdIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1)
    cell: str = Field(max_length=max_length(Organization, "code"), description="Code of a program cell.")
    households: int = Field(ge=1, le=MAX_COUNT)
    valid_from: IsoDate


def _program_out(program: Program) -> dict[str, object]:
    return {
        "code": program.code,
        "name": program.name,
        "owner": program.owner.code,
        "start": program.start,
        "end": program.end,
        "organizations": sorted(program.organizations.values_list("code", flat=True)),
    }


def _target_out(row: selectors.TargetRow) -> ProgramTargetOut:
    t = row.target
    return ProgramTargetOut(
        id=t.pk,
        kind=TargetKind(t.kind),
        label=str(t.get_kind_display()),
        year=t.year,
        minimum=t.minimum,
        maximum=t.maximum,
        description=t.description,
        percent=row.is_percent,
        value=None if row.value is None else Decimal(row.value),
        outcome=row.outcome,
    )


def _report(program: Program, as_of: dt.date) -> ProgramReportOut:
    h = selectors.households(program, as_of)
    return ProgramReportOut(
        **_program_out(program),  # type: ignore[arg-type]
        as_of=as_of,
        targets=[_target_out(row) for row in selectors.target_rows(program, as_of)],
        supporters=[
            SupportOut(kind=SupportKind(s.kind), label=s.label, members=s.members, cells=s.cells)
            for s in selectors.supporters(program, as_of)
        ],
        households=HouseholdsOut(members=h.members, households=h.households, cells=h.cells),
    )


@router.get("/programs", response=responses(ProgramPage), summary="Visible programs")
def program_list(request: HttpRequest, page: Query[PageIn]) -> ProgramPage:
    programs = selectors.program_list(request.auth)  # type: ignore[attr-defined]
    items = [ProgramOut(**_program_out(p)) for p in programs[page.offset : page.offset + page.limit]]  # type: ignore[arg-type]
    return ProgramPage(count=programs.count(), limit=page.limit, offset=page.offset, items=items)


@router.get(
    "/programs/{code}", response=responses(ProgramReportOut), summary="A program: targets beside measured values"
)
def program_detail(request: HttpRequest, code: str, query: Query[ProgramAsOfQuery]) -> ProgramReportOut:
    program = selectors.program_get(request.auth, code)  # type: ignore[attr-defined]
    return _report(program, query.as_of or policy.today())


@router.post("/programs/{code}/targets", response=responses(ProgramTargetOut, 201, write=True), summary="Add a target")
def target_add(request: HttpRequest, code: str, payload: ProgramTargetIn) -> Status[ProgramTargetOut]:
    user = request.auth  # type: ignore[attr-defined]
    program = selectors.program_get(user, code, Action.EDIT)
    target = services.target_add(actor=user, program=program, **{**payload.model_dump(), "kind": payload.kind.value})
    row = selectors.target_rows(program, policy.today(), target.year)
    return Status(201, _target_out(next(r for r in row if r.target.pk == target.pk)))


def _program_cell(user: object, program: Program, code: str) -> Organization:
    """The cell named by ``code``: 404 when the caller does not see it, 422 outside the program."""
    cell = organization_get(user, code)
    if not program.organizations.filter(pk=cell.pk).exists():
        raise ValidationFailed({"cell": [_("Chi bộ không thuộc địa bàn của chương trình.")]})
    return cell


@router.post(
    "/programs/{code}/supporters",
    response=responses(HouseholdsOut, 201, write=True),
    summary="A member taking part in a program cell (steering committee, border post, police, military, school)",
)
def supporter_add(request: HttpRequest, code: str, payload: SupportIn) -> Status[HouseholdsOut]:
    user = request.auth  # type: ignore[attr-defined]
    program = selectors.program_get(user, code)
    cell = _program_cell(user, program, payload.cell)
    person = person_get(user, payload.person_id)
    support_assign(actor=user, person=person, cell=cell, kind=payload.kind.value, valid_from=payload.valid_from)
    rows = [s for s in selectors.supporters(program, payload.valid_from) if s.kind == payload.kind.value]
    return Status(201, HouseholdsOut(members=rows[0].members, households=0, cells=rows[0].cells))


@router.post(
    "/programs/{code}/households",
    response=responses(HouseholdsOut, 201, write=True),
    summary="A member assigned to households in a program cell",
)
def household_add(request: HttpRequest, code: str, payload: HouseholdIn) -> Status[HouseholdsOut]:
    user = request.auth  # type: ignore[attr-defined]
    program = selectors.program_get(user, code)
    cell = _program_cell(user, program, payload.cell)
    person = person_get(user, payload.person_id)
    services.household_assign(
        actor=user,
        program=program,
        person=person,
        cell=cell,
        households=payload.households,
        valid_from=payload.valid_from,
    )
    h = selectors.households(program, payload.valid_from)
    return Status(201, HouseholdsOut(members=h.members, households=h.households, cells=h.cells))
