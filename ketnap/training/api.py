"""Training classes over the API: the scoped list and the summary of a subtree, one
class with its enrolment, and one operation per change (enrol, attendance, completion,
certificate), each calling the same service as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.errors import path_lookup
from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core.errors import ValidationFailed
from ketnap.core.limits import max_length
from ketnap.core.policy import Action
from ketnap.organizations.api.reads import visible_or_none
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.selectors import person_get
from ketnap.training import selectors, services
from ketnap.training.models import MAX_SESSIONS, ClassKind, Enrolment, TrainingClass

router = Router(tags=["training"])
path_lookup("class_id", selectors.class_get)
path_lookup("enrolment_id", selectors.enrolment_get)

CODE = max_length(Organization, "code")


class ClassOut(Schema):
    id: int
    kind: ClassKind
    name: str
    organizer: str = Field(description="Code of the organizing organization.")
    start: dt.date
    end: dt.date
    sessions: int
    place: str
    note: str
    enrolled: int


class ClassPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ClassOut]


class ClassFilters(PageIn):
    org: str | None = Field(None, max_length=CODE, description="Organization code: classes organized in its subtree.")
    kind: ClassKind | None = None
    year: int | None = Field(None, ge=1930, le=2100, description="Year the class started.")


class ClassIn(Schema):
    organizer: str = Field(max_length=CODE, description="Code of an organization the caller edits.")
    kind: ClassKind
    name: str = Field(min_length=1, max_length=max_length(TrainingClass, "name"))
    start: IsoDate
    end: IsoDate
    sessions: int = Field(1, ge=1, le=MAX_SESSIONS)
    place: str = Field("", max_length=max_length(TrainingClass, "place"))
    note: str = Field("", max_length=max_length(TrainingClass, "note"))


class EnrolmentOut(Schema):
    id: int
    class_id: int
    person_id: int
    full_name: str
    attended_sessions: int | None
    completed_on: dt.date | None
    certificate_number: str
    certificate_issued_on: dt.date | None


class EnrolIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1)


class AttendanceIn(Schema):
    session: int | None = Field(
        None, ge=1, le=MAX_SESSIONS, description="A session's roll; omit for the overall count."
    )
    present: bool = True
    reason: str = Field("", max_length=255)
    attended_sessions: int | None = Field(None, ge=0, le=MAX_SESSIONS, description="Overall sessions attended.")


class CompletionIn(Schema):
    completed_on: IsoDate


class CertificateIn(Schema):
    number: str = Field(min_length=1, max_length=max_length(Enrolment, "certificate_number"))
    issued_on: IsoDate


class KindSummaryOut(Schema):
    kind: ClassKind
    label: str
    classes: int
    enrolled: int
    completed: int
    certificates: int


class TrainingSummaryOut(Schema):
    org: str
    first: dt.date
    last: dt.date
    classes: int
    enrolled: int
    rows: list[KindSummaryOut]
    new_member_admitted: int = Field(description="Members admitted in the period.")
    new_member_trained: int = Field(description="…of whom completed a new-member class by the last day.")
    new_member_percent: Decimal | None = Field(description="Their share in percent, rounded as the reports round.")


class SummaryQuery(Schema):
    org: str = Field(max_length=CODE)
    first: IsoDate
    last: IsoDate


def _class_out(c: TrainingClass) -> ClassOut:
    return ClassOut(
        id=c.pk,
        kind=ClassKind(c.kind),
        name=c.name,
        organizer=c.organizer.code,
        start=c.start,
        end=c.end,
        sessions=c.sessions,
        place=c.place,
        note=c.note,
        enrolled=c.enrolled if hasattr(c, "enrolled") else c.enrolments.count(),
    )


def _enrolment_out(e: Enrolment) -> EnrolmentOut:
    return EnrolmentOut(
        id=e.pk,
        class_id=e.training_class_id,
        person_id=e.person_id,
        full_name=e.person.full_name,
        attended_sessions=e.attended_sessions,
        completed_on=e.completed_on,
        certificate_number=e.certificate_number,
        certificate_issued_on=e.certificate_issued_on,
    )


@router.get("/training/classes", response=responses(ClassPage), summary="Visible training classes")
def class_list(request: HttpRequest, filters: Query[ClassFilters]) -> ClassPage:
    user = request.auth  # type: ignore[attr-defined]
    org = visible_or_none(user, filters.org) if filters.org is not None else None
    classes = selectors.class_list(
        user, organization=org, kind=filters.kind.value if filters.kind else "", year=filters.year
    )
    if filters.org is not None and org is None:
        classes = classes.none()  # unknown and invisible codes answer alike
    items = [_class_out(c) for c in classes[filters.offset : filters.offset + filters.limit]]
    return ClassPage(count=classes.count(), limit=filters.limit, offset=filters.offset, items=items)


@router.post("/training/classes", response=responses(ClassOut, 201, write=True), summary="Open a class")
def class_create(request: HttpRequest, payload: ClassIn) -> Status[ClassOut]:
    user = request.auth  # type: ignore[attr-defined]
    organizer = organization_get(user, payload.organizer)
    data = payload.model_dump(exclude={"organizer"})
    created = services.class_create(actor=user, organizer=organizer, **{**data, "kind": payload.kind.value})
    return Status(201, _class_out(created))


@router.get("/training/classes/{class_id}", response=responses(ClassOut), summary="One class")
def class_detail(request: HttpRequest, class_id: int) -> ClassOut:
    return _class_out(selectors.class_get(request.auth, class_id))  # type: ignore[attr-defined]


@router.get(
    "/training/classes/{class_id}/enrolments", response=responses(list[EnrolmentOut]), summary="A class's enrolment"
)
def enrolment_list(request: HttpRequest, class_id: int) -> list[EnrolmentOut]:
    training_class = selectors.class_get(request.auth, class_id)  # type: ignore[attr-defined]
    return [_enrolment_out(e) for e in selectors.enrolment_list(training_class)]


@router.post(
    "/training/classes/{class_id}/enrolments", response=responses(EnrolmentOut, 201, write=True), summary="Enrol"
)
def enrol(request: HttpRequest, class_id: int, payload: EnrolIn) -> Status[EnrolmentOut]:
    user = request.auth  # type: ignore[attr-defined]
    training_class = selectors.class_get(user, class_id, Action.EDIT)
    person = person_get(user, payload.person_id)
    return Status(201, _enrolment_out(services.enrolment_add(actor=user, training_class=training_class, person=person)))


@router.post(
    "/training/enrolments/{enrolment_id}/attendance",
    response=responses(EnrolmentOut, write=True),
    summary="Attendance at one session, or the overall count",
)
def attendance(request: HttpRequest, enrolment_id: int, payload: AttendanceIn) -> EnrolmentOut:
    user = request.auth  # type: ignore[attr-defined]
    enrolment = selectors.enrolment_get(user, enrolment_id, Action.EDIT)
    if (payload.session is None) == (payload.attended_sessions is None):
        raise ValidationFailed({"session": [_("Cho biết buổi học hoặc tổng số buổi có mặt (một trong hai).")]})
    if payload.session is not None:
        services.attendance_record(
            actor=user, enrolment=enrolment, session=payload.session, present=payload.present, reason=payload.reason
        )
    else:
        services.attendance_overall(actor=user, enrolment=enrolment, attended_sessions=payload.attended_sessions or 0)
    return _enrolment_out(selectors.enrolment_get(user, enrolment_id))


@router.post(
    "/training/enrolments/{enrolment_id}/completion", response=responses(EnrolmentOut, write=True), summary="Completion"
)
def complete(request: HttpRequest, enrolment_id: int, payload: CompletionIn) -> EnrolmentOut:
    user = request.auth  # type: ignore[attr-defined]
    enrolment = selectors.enrolment_get(user, enrolment_id, Action.EDIT)
    return _enrolment_out(
        services.enrolment_complete(actor=user, enrolment=enrolment, completed_on=payload.completed_on)
    )


@router.post(
    "/training/enrolments/{enrolment_id}/certificate",
    response=responses(EnrolmentOut, write=True),
    summary="Issue the certificate (for an awareness class, the one the admission checks read)",
)
def certificate(request: HttpRequest, enrolment_id: int, payload: CertificateIn) -> EnrolmentOut:
    user = request.auth  # type: ignore[attr-defined]
    enrolment = selectors.enrolment_get(user, enrolment_id, Action.EDIT)
    issued = services.certificate_issue(
        actor=user, enrolment=enrolment, number=payload.number, issued_on=payload.issued_on
    )
    return _enrolment_out(issued)


@router.get("/training/summary", response=responses(TrainingSummaryOut), summary="Classes of a subtree in a period")
def summary(request: HttpRequest, query: Query[SummaryQuery]) -> TrainingSummaryOut:
    """Classes started in the period per kind, and new-member training coverage of the
    members admitted in it (Mường Lát 2022: 6 classes)."""
    org = organization_get(request.auth, query.org)  # type: ignore[attr-defined]
    if query.last < query.first:
        raise ValidationFailed({"last": [_("Ngày cuối không được trước ngày đầu.")]})
    result = selectors.summary(org, query.first, query.last)
    coverage = selectors.new_member_coverage(org, query.first, query.last, query.last)
    return TrainingSummaryOut(
        org=org.code,
        first=result.first,
        last=result.last,
        classes=result.classes,
        enrolled=result.enrolled,
        rows=[KindSummaryOut(**{**r.__dict__, "kind": ClassKind(r.kind)}) for r in result.rows],
        new_member_admitted=coverage.admitted,
        new_member_trained=coverage.trained,
        new_member_percent=coverage.percent,
    )
