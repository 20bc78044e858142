"""Cell life over the API: meetings with their attendance and resolutions, the dues of a
cell and month, regularity, flags, members away, the party-group pilot and removal reviews.
Every write calls the same service as the pages; out of scope is a 404, visible but not
allowed a 403, a refusal of the rules a 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.errors import path_lookup
from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.cells import selectors, services
from ketnap.cells.models import Meeting, ReviewTask
from ketnap.cells.queue_source import finding_of
from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.models import Person
from ketnap.rules import Finding, message
from ketnap.rules.cell_life import month_start

router = Router(tags=["cells"])
path_lookup("meeting_id", selectors.meeting_get)
path_lookup("review_id", selectors.review_task_get)

# A record id: positive and within the databases' 64-bit integers.
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]
AbsenceIn = Literal["present", "excused", "unexcused"]
MeetingKindIn = Literal["regular", "themed", "model", "group"]


class MeetingAttendanceIn(Schema):
    person_id: RecordId
    absence: AbsenceIn = "present"
    reason: str = Field("", max_length=255, description="Required for an excused absence.")


class MeetingIn(Schema):
    date: IsoDate
    kind: MeetingKindIn = "regular"
    topic: str = Field(max_length=255)
    party_group: str = Field("", max_length=128, description="Required for a meeting by party group.")
    notes: str = Field("", max_length=5000)
    attendance: list[MeetingAttendanceIn] = Field(default_factory=list, max_length=2000)


class AttendanceOut(Schema):
    person_id: int
    person_name: str
    absence: str
    reason: str


class ResolutionOut(Schema):
    id: int
    kind: str
    person_id: int | None
    document_number: str
    text: str


class MeetingOut(Schema):
    id: int
    cell: str
    date: dt.date
    kind: str
    topic: str
    party_group: str
    notes: str
    attendance: list[AttendanceOut]
    resolutions: list[ResolutionOut]


class MeetingRow(Schema):
    id: int
    cell: str
    date: dt.date
    kind: str
    topic: str


class MeetingPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MeetingRow]


class CellPeriodQuery(PageIn):
    date_from: IsoDate | None = Field(None, description="First day (default 1 January of this year).")
    date_to: IsoDate | None = Field(None, description="Last day (default today).")


class ResolutionIn(Schema):
    kind: Literal["exemption", "exemption_end", "removal_proposal", "other"]
    text: str = Field(max_length=5000)
    person_id: RecordId | None = None
    document_number: str = Field("", max_length=64)
    valid_until: IsoDate | None = None
    reason: Literal[
        "", "old_or_weak", "long_treatment", "abroad_private", "remote_work", "mobile_work", "maternity"
    ] = ""
    application: bool = False
    medical_certificate: bool = False


class MonthQuery(Schema):
    month: str = Field("", max_length=7, pattern=r"^(\d{4}-\d{2})?$", description="YYYY-MM; this month by default.")


class DuesLineIn(Schema):
    person_id: RecordId
    paid: bool
    amount: int | None = Field(None, ge=0, le=10**12)


class DuesIn(Schema):
    lines: list[DuesLineIn] = Field(max_length=2000)


class DuesRowOut(Schema):
    person_id: int
    person_name: str
    paid: bool | None
    amount: int | None


class DuesOut(Schema):
    month: str
    members: int
    paid: int
    rows: list[DuesRowOut]


class RegularityOut(Schema):
    code: str
    name: str
    months: int
    held: int
    missed: list[str]


class FlagOut(Schema):
    cell: str
    person_id: int | None
    code: str
    message: str
    citation: str


class AsOfQuery(Schema):
    as_of: IsoDate | None = Field(None, description="Date (default today).")


class AwayIn(Schema):
    person_id: RecordId
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    place: str = Field(max_length=255)
    excused: bool = True
    note: str = Field("", max_length=2000)


class AwayOut(Schema):
    id: int
    person_id: int
    valid_from: dt.date
    valid_to: dt.date | None
    place: str
    excused: bool


class PilotIn(Schema):
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    document_number: str = Field("", max_length=64)


class PilotOut(Schema):
    id: int
    cell: str
    valid_from: dt.date
    valid_to: dt.date | None


class ReviewOut(Schema):
    id: int
    cell: str
    person_id: int
    code: str
    message: str
    raised_on: dt.date
    due_on: dt.date
    state: str
    closed_on: dt.date | None
    outcome: str


class ReviewCloseIn(Schema):
    closed_on: IsoDate
    outcome: str = Field(max_length=2000)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _visible(user: Any, ids: set[int]) -> None:
    """People named in a request must be visible to the caller: a person outside the
    caller's view is not found (404), like an unknown one, whatever the cell."""
    if ids and policy.scope(user, Person.objects.filter(pk__in=ids), Action.VIEW).count() != len(ids):
        raise NotFound()


def _member(user: Any, cell: Organization, pid: int | None, on: dt.date, field: str = "person_id") -> Person | None:
    if pid is None:
        return None
    _visible(user, {pid})
    for row in selectors.roster(cell, on):
        if row.person.pk == pid:
            return row.person
    raise ValidationFailed({field: [_not_member()]})


def _not_member() -> str:
    from django.utils.translation import gettext as _

    return _("Chọn một đảng viên của chi bộ vào ngày họp.")


def _meeting_out(meeting: Meeting) -> MeetingOut:
    attendance = meeting.attendance.select_related("person").order_by("person__sort_key", "person_id")
    return MeetingOut(
        id=meeting.pk,
        cell=meeting.cell.code,
        date=meeting.date,
        kind=meeting.kind,
        topic=meeting.topic,
        party_group=meeting.party_group,
        notes=meeting.notes,
        attendance=[
            AttendanceOut(
                person_id=a.person_id, person_name=a.person.full_name, absence=a.absence or "present", reason=a.reason
            )
            for a in attendance
        ],
        resolutions=[
            ResolutionOut(id=r.pk, kind=r.kind, person_id=r.person_id, document_number=r.document_number, text=r.text)
            for r in meeting.resolutions.order_by("pk")
        ],
    )


def _lines(payload: MeetingIn) -> dict[int, services.Presence]:
    return {
        line.person_id: services.Presence("" if line.absence == "present" else line.absence, line.reason)
        for line in payload.attendance
    }


def _meeting_fields(payload: MeetingIn) -> dict[str, Any]:
    return {
        "date": payload.date,
        "kind": payload.kind,
        "topic": payload.topic,
        "party_group": payload.party_group,
        "notes": payload.notes,
        "attendance": _lines(payload),
    }


@router.get("/cells/{code}/meetings", response=responses(MeetingPage), summary="Meetings of a subtree")
def meeting_list(request: HttpRequest, code: str, query: Query[CellPeriodQuery]) -> MeetingPage:
    org = organization_get(_user(request), code)
    today = timezone.localdate()
    first, last = query.date_from or today.replace(month=1, day=1), query.date_to or today
    rows = selectors.meetings(_user(request), org, first, last)
    items = [
        MeetingRow(id=m.pk, cell=m.cell.code, date=m.date, kind=m.kind, topic=m.topic)
        for m in rows[query.offset : query.offset + query.limit]
    ]
    return MeetingPage(count=rows.count(), limit=query.limit, offset=query.offset, items=items)


@router.post("/cells/{code}/meetings", response=responses(MeetingOut, 201, write=True), summary="Record a meeting")
def meeting_create(request: HttpRequest, code: str, payload: MeetingIn) -> Status[MeetingOut]:
    """Needs the `edit` role on the cell. `attendance` lists the cell's members on the date."""
    user = _user(request)
    cell = organization_get(user, code)
    _visible(user, {line.person_id for line in payload.attendance})
    meeting = services.meeting_record(actor=user, cell=cell, **_meeting_fields(payload))
    return Status(201, _meeting_out(meeting))


@router.get("/meetings/{meeting_id}", response=responses(MeetingOut), summary="One meeting")
def meeting_detail(request: HttpRequest, meeting_id: int) -> MeetingOut:
    return _meeting_out(selectors.meeting_get(_user(request), meeting_id))


@router.put("/meetings/{meeting_id}", response=responses(MeetingOut, write=True), summary="Correct a meeting")
def meeting_update(request: HttpRequest, meeting_id: int, payload: MeetingIn) -> MeetingOut:
    user = _user(request)
    meeting = selectors.meeting_get(user, meeting_id)
    _visible(user, {line.person_id for line in payload.attendance})
    return _meeting_out(services.meeting_update(actor=user, meeting=meeting, **_meeting_fields(payload)))


@router.post(
    "/meetings/{meeting_id}/resolutions", response=responses(ResolutionOut, 201, write=True), summary="Add a resolution"
)
def resolution_create(request: HttpRequest, meeting_id: int, payload: ResolutionIn) -> Status[ResolutionOut]:
    """An exemption (or its end) is also recorded in the member's ledger."""
    user = _user(request)
    meeting = selectors.meeting_get(user, meeting_id)
    policy.require(user, Action.EDIT, meeting)
    fields = payload.dict()
    person = _member(user, meeting.cell, fields.pop("person_id"), meeting.date)
    r = services.resolution_add(actor=user, meeting=meeting, person=person, **fields)
    return Status(
        201, ResolutionOut(id=r.pk, kind=r.kind, person_id=r.person_id, document_number=r.document_number, text=r.text)
    )


def _month(value: str) -> dt.date:
    if not value:
        return month_start(timezone.localdate())
    try:
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    except ValueError as error:
        from django.utils.translation import gettext as _

        raise ValidationFailed({"month": [_("Tháng: nhập theo dạng YYYY-MM.")]}) from error


def _dues_out(cell: Organization, month: dt.date) -> DuesOut:
    grid = selectors.dues_grid(cell, month)
    rows = [
        DuesRowOut(person_id=r.person.pk, person_name=r.person.full_name, paid=r.paid, amount=r.amount) for r in grid
    ]
    return DuesOut(month=f"{month:%Y-%m}", members=len(rows), paid=sum(1 for r in grid if r.paid), rows=rows)


@router.get("/cells/{code}/dues", response=responses(DuesOut), summary="Dues of a cell for a month")
def dues_get(request: HttpRequest, code: str, query: Query[MonthQuery]) -> DuesOut:
    cell = organization_get(_user(request), code)
    if not selectors.is_cell(cell):
        from django.utils.translation import gettext as _

        raise ValidationFailed({"code": [_("Chỉ chi bộ mới ghi sinh hoạt, đảng phí.")]})
    return _dues_out(cell, _month(query.month))


@router.put("/cells/{code}/dues", response=responses(DuesOut, write=True), summary="Record a month's dues")
def dues_put(request: HttpRequest, code: str, query: Query[MonthQuery], payload: DuesIn) -> DuesOut:
    """Needs the `edit` role on the cell; lines not given are left as they are."""
    user = _user(request)
    cell = organization_get(user, code)
    month = _month(query.month)
    lines = {line.person_id: (line.paid, line.amount) for line in payload.lines}
    _visible(user, set(lines))
    services.dues_record(actor=user, cell=cell, month=month, lines=lines)
    return _dues_out(cell, month)


@router.get("/cells/{code}/regularity", response=responses(list[RegularityOut]), summary="Monthly regularity")
def regularity(request: HttpRequest, code: str, query: Query[CellPeriodQuery]) -> list[RegularityOut]:
    """Each cell of the subtree: months of the period, months with a meeting that counts, months missed."""
    org = organization_get(_user(request), code)
    today = timezone.localdate()
    first, last = query.date_from or today.replace(month=1, day=1), query.date_to or today
    if last < first:
        from django.utils.translation import gettext as _

        raise ValidationFailed({"date_to": [_("Đến ngày phải sau từ ngày.")]})
    rows = selectors.regularity(org, first, last)[query.offset : query.offset + query.limit]
    return [
        RegularityOut(
            code=r.cell.code, name=r.cell.name, months=r.months, held=r.held, missed=[f"{m:%Y-%m}" for m in r.missed]
        )
        for r in rows
    ]


def _flag_out(cell: Organization, person_id: int | None, finding: Finding) -> FlagOut:
    from ketnap.rules import citation_text

    language = get_language()
    return FlagOut(
        cell=cell.code,
        person_id=person_id,
        code=finding.code,
        message=message(finding, language),
        citation=citation_text(finding.citation, language),
    )


@router.get("/cells/{code}/flags", response=responses(list[FlagOut]), summary="Flags of a subtree on a date")
def flags(request: HttpRequest, code: str, query: Query[AsOfQuery]) -> list[FlagOut]:
    """Composition, months missed this year, members away unsettled, members reaching the removal trigger."""
    org = organization_get(_user(request), code)
    on = query.as_of or timezone.localdate()
    found = [
        *selectors.composition_flags(org, on),
        *selectors.missed_flags(org, on.replace(month=1, day=1), on),
        *selectors.away_flags(org, on),
    ]
    out = [_flag_out(f.cell, f.person.pk if f.person else None, f.finding) for f in found]
    for t in selectors.removal_triggers(org, on):
        out += [_flag_out(t.cell, t.person.pk, f) for f in t.findings]
    return out


@router.post("/cells/{code}/away", response=responses(AwayOut, 201, write=True), summary="A member away")
def away_create(request: HttpRequest, code: str, payload: AwayIn) -> Status[AwayOut]:
    user = _user(request)
    cell = organization_get(user, code)
    policy.require(user, Action.EDIT, cell)
    person = _member(user, cell, payload.person_id, payload.valid_from) if selectors.is_cell(cell) else None
    fields = payload.dict()
    fields.pop("person_id")
    r = services.away_record(actor=user, cell=cell, person=person, **fields)  # type: ignore[arg-type]
    out = AwayOut(
        id=r.pk, person_id=r.person_id, valid_from=r.valid_from, valid_to=r.valid_to, place=r.place, excused=r.excused
    )
    return Status(201, out)


@router.post("/cells/{code}/group-pilot", response=responses(PilotOut, 201, write=True), summary="Party-group pilot")
def pilot_create(request: HttpRequest, code: str, payload: PilotIn) -> Status[PilotOut]:
    """Needs the `approve` role on the cell: its group meetings count for the cell over the period."""
    user = _user(request)
    pilot = services.pilot_set(actor=user, cell=organization_get(user, code), **payload.dict())
    return Status(201, PilotOut(id=pilot.pk, cell=code, valid_from=pilot.valid_from, valid_to=pilot.valid_to))


def _review_out(task: ReviewTask) -> ReviewOut:
    return ReviewOut(
        id=task.pk,
        cell=task.cell.code,
        person_id=task.person_id,
        code=task.code,
        message=message(finding_of(task), get_language()),
        raised_on=task.raised_on,
        due_on=task.due_on,
        state=task.state,
        closed_on=task.closed_on,
        outcome=task.outcome,
    )


@router.get("/cells/{code}/reviews", response=responses(list[ReviewOut]), summary="Open removal reviews")
def review_list(request: HttpRequest, code: str, query: Query[PageIn]) -> list[ReviewOut]:
    org = organization_get(_user(request), code)
    rows = selectors.review_tasks(_user(request), org)[query.offset : query.offset + query.limit]
    return [_review_out(t) for t in rows]


@router.post("/reviews/{review_id}/close", response=responses(ReviewOut, write=True), summary="Close a review")
def review_close(request: HttpRequest, review_id: int, payload: ReviewCloseIn) -> ReviewOut:
    user = _user(request)
    task = selectors.review_task_get(user, review_id)
    return _review_out(
        services.review_close(actor=user, task=task, closed_on=payload.closed_on, outcome=payload.outcome)
    )
