"""People: a scoped list with status on a date, one person (masked), creating and
editing a person, reveal, timeline, periods."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer
from pydantic import ConfigDict

from ketnap.api.errors import ERROR_STATUSES, ErrorOut, error_response
from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.core.limits import SEARCH_MAX_LENGTH, max_length
from ketnap.core.policy import Action
from ketnap.organizations.api.reads import visible_or_none
from ketnap.organizations.models import Locality, Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.choices import Education, Gender, Occupation, PoliticalTheory, Professional, Religion
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.people.selectors import Duplicates, people_list
from ketnap.people.services import PossibleDuplicates, person_edit, person_register, person_reveal
from ketnap.people.status import EventKind, Status

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    birth_date: dt.date
    organization: str | None = Field(
        description="Code of the organization that keeps the record; null when the person has since moved away "
        "out of the caller's view (see moved_away_on)."
    )
    status: Status | None = Field(description="Membership status on the requested date; null when not on the rolls.")
    moved_away_on: dt.date | None = Field(
        None, description="When the person has moved out of the caller's view: the day they left it."
    )


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    as_of: dt.date
    items: list[PersonOut]


class PersonFilters(PageIn):
    org: str | None = Field(
        None,
        max_length=max_length(Organization, "code"),
        description="Organization code: people recorded in its subtree.",
    )
    status: Status | None = Field(None, description="Membership status on the date.")
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD) of the status; today when omitted.")
    q: str | None = Field(
        None, max_length=SEARCH_MAX_LENGTH, description="Part of the name, with or without diacritics."
    )


class PersonDetailOut(PersonOut):
    hometown: str
    residence: str
    education: str
    professional: str
    political_theory: str
    occupation: str
    youth_union_member: bool
    residence_locality: str | None = Field(None, description="Code of the village of residence.")
    ethnicity: None = Field(None, description="Sensitive: always null here; use the reveal endpoint.")
    religion: None = Field(None, description="Sensitive: always null here; use the reveal endpoint.")
    citizen_id: None = Field(None, description="Sensitive: always null here; use the reveal endpoint.")
    verification_notes: None = Field(None, description="Sensitive: always null here; use the reveal endpoint.")
    citizen_id_masked: str


class RevealOut(Schema):
    ethnicity: str
    religion: str
    citizen_id: str
    verification_notes: str


class EventOut(Schema):
    id: int
    kind: EventKind
    date: dt.date
    effective_date: dt.date | None
    organization: str | None
    other_organization: str | None
    arrives_as: Status | None
    supersedes: int | None = Field(description="Id of the event this one corrects.")
    superseded_by: int | None = Field(description="Id of the event that corrects this one.")
    superseded: bool = Field(description="True when a later event corrects or voids this one.")
    document_number: str
    note: str
    recorded_at: dt.datetime


class PeriodOut(Schema):
    status: Status
    organization: str | None
    host_organization: str | None
    start: dt.date
    end: dt.date | None = Field(description="First day the period no longer holds; null while it lasts.")


def with_status_on(queryset: QuerySet[Person], as_of: dt.date) -> QuerySet[Person]:
    """Annotate each person's status on ``as_of`` in the same query (periods do not overlap)."""
    period = StatusPeriod.objects.as_of(as_of).filter(person=OuterRef("pk")).values("status")[:1]
    return queryset.annotate(status_on_date=Subquery(period))


def _out(person: Person) -> dict[str, Any]:
    status = getattr(person, "status_on_date", None)
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "organization": None if getattr(person, "moved_away", False) else person.organization.code,
        "status": Status(status) if status else None,
        "moved_away_on": getattr(person, "moved_away_on", None),
    }


def get_visible(user: object, person_id: int, action: Action = Action.VIEW) -> Person:
    """The person if ``user`` may ``action`` them: NotFound out of view, PermissionDenied below the role."""
    person = with_status_on(Person.objects.select_related("organization"), policy.today()).filter(pk=person_id).first()
    if person is None:
        raise NotFound()
    policy.require(user, action, person)
    return person


@router.get("/people", response=responses(PersonPage), summary="Visible people, with their status on a date")
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> PersonPage:
    """Without ``as_of`` or ``status``: the people recorded in the subtree now. With
    either: the people whose status period on that date lies in the subtree, the rule
    of the statistics (the same selector as the people page)."""
    org = None
    if filters.org is not None:
        # Unknown and invisible codes both give an empty list (nothing disclosed).
        org = visible_or_none(request.auth, filters.org)  # type: ignore[attr-defined]
    queryset = people_list(
        request.auth,  # type: ignore[attr-defined]
        as_of=filters.as_of,
        organization=org,
        status_on_date=filters.status.value if filters.status else "",
        query=filters.q or "",
    )
    if filters.org is not None and org is None:
        queryset = queryset.none()
    items = [PersonOut(**_out(p)) for p in queryset[filters.offset : filters.offset + filters.limit]]
    as_of = filters.as_of or policy.today()
    return PersonPage(count=queryset.count(), limit=filters.limit, offset=filters.offset, as_of=as_of, items=items)


@router.get("/people/{person_id}", response=responses(PersonDetailOut), summary="One person, sensitive fields masked")
def person_detail(request: HttpRequest, person_id: int) -> PersonDetailOut:
    return _detail(get_visible(request.auth, person_id))  # type: ignore[attr-defined]


def _detail(person: Person) -> PersonDetailOut:
    return PersonDetailOut(
        **_out(person),
        hometown=person.hometown,
        residence=person.residence,
        education=person.education,
        professional=person.professional,
        political_theory=person.political_theory,
        occupation=person.occupation,
        youth_union_member=person.youth_union_member,
        residence_locality=person.residence_locality.code if person.residence_locality else None,
        citizen_id_masked=person.citizen_id_masked,
    )


_SENSITIVE = "Sensitive: needs the sensitive-data permission on the organization (403 otherwise)."


class PersonFieldsIn(Schema):
    """The fields of a person, named as ``GET /people/{id}`` returns them."""

    model_config = ConfigDict(extra="forbid")

    full_name: str | None = Field(
        None, max_length=255, description="Split as family name (first word), given name (last) and middle name."
    )
    family_name: str | None = Field(None, max_length=64)
    middle_name: str | None = Field(None, max_length=128)
    given_name: str | None = Field(None, max_length=64)
    hometown: str | None = Field(None, max_length=255)
    residence: str | None = Field(None, max_length=255)
    residence_locality: str | None = Field(None, max_length=64, description="Code of the village of residence.")
    professional: Professional | None = None
    political_theory: PoliticalTheory | None = None
    occupation: Occupation | None = None
    youth_union_member: bool | None = None
    ethnicity: str | None = Field(None, max_length=16, description=f"Ethnic group code. {_SENSITIVE}")
    religion: Religion | None = Field(None, description=_SENSITIVE)
    citizen_id: str | None = Field(None, max_length=12, description=f"12 digits. {_SENSITIVE}")
    verification_notes: str | None = Field(None, max_length=4000, description=_SENSITIVE)


class PersonIn(PersonFieldsIn):
    organization: str = Field(max_length=64, description="Code of an organization the caller edits.")
    gender: Gender
    birth_date: IsoDate
    education: Education
    confirm: bool = Field(False, description="Create even when possible duplicates are found (else 409).")


class PersonPatch(PersonFieldsIn):
    gender: Gender | None = None
    birth_date: IsoDate | None = None
    education: Education | None = None
    effective_on: IsoDate | None = Field(
        None,
        description="For the personal history (education, professional, political theory, occupation, "
        "Youth Union, religion): the change holds from this date and earlier reports keep their answer. "
        "Absent: the values are corrected (they were wrong all along). Identity data is always corrected.",
    )


def _split_name(full_name: str) -> dict[str, str]:
    words = full_name.split()
    if len(words) < 2:
        raise ValidationFailed({"full_name": [_("Họ và tên: cần ít nhất họ và tên.")]})
    return {"family_name": words[0], "middle_name": " ".join(words[1:-1]), "given_name": words[-1]}


def _fields(user: object, payload: PersonFieldsIn, skip: set[str]) -> dict[str, Any]:
    """The service's keyword arguments from the fields sent (and not null)."""
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None and k not in skip}
    if "full_name" in data:
        data = _split_name(data.pop("full_name")) | data
    if "residence_locality" in data:
        data["residence_locality"] = _locality(user, data["residence_locality"])
    return {k: v.value if isinstance(v, Enum) else v for k, v in data.items()}


def _locality(user: object, code: str) -> Locality:
    locality = policy.scope(user, Locality.objects.filter(code=code), Action.VIEW).first()
    if locality is None:
        raise ValidationFailed({"residence_locality": [_("Thôn, bản cư trú: không tìm thấy.")]})
    return locality


class DuplicateOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    organization: str


def _duplicates(request: HttpRequest, found: PossibleDuplicates) -> HttpResponse:
    duplicates: Duplicates = found.duplicates
    details: dict[str, Any] = {
        "duplicates": [
            DuplicateOut(
                id=p.pk, full_name=p.full_name, birth_date=p.birth_date, organization=p.organization.code
            ).model_dump(mode="json")
            for p in duplicates.shown
        ],
        "elsewhere": duplicates.elsewhere,
    }
    if duplicates.elsewhere:
        details["elsewhere_message"] = _("Có thể đã có hồ sơ ở đơn vị khác.")
    from ketnap.api.api import api  # the application this router is mounted on

    return error_response(
        api,
        request,
        status=found.status,
        code=found.code,
        message=found.message,
        details=details,
    )


WRITE_ERRORS = ERROR_STATUSES | {409}


@router.post(
    "/people",
    response={201: PersonDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Create a person (409 with the possible duplicates unless confirmed)",
)
def person_create(request: HttpRequest, payload: PersonIn) -> Any:
    """Possible duplicates are people with the same name (without diacritics) and birth
    date, or the same citizen ID. Those the caller may see are listed; a match outside
    the caller's view is only reported as ``elsewhere``, never with its data."""
    user = request.auth  # type: ignore[attr-defined]
    organization = organization_get(user, payload.organization)
    fields = _fields(user, payload, skip={"organization", "confirm"})
    try:
        person = person_register(actor=user, organization=organization, confirm=payload.confirm, **fields)
    except PossibleDuplicates as found:
        return _duplicates(request, found)
    return Answer(201, _detail(get_visible(user, person.pk)))


@router.patch(
    "/people/{person_id}",
    response={200: PersonDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Correct identity data, or change the personal history from a date",
)
def person_update(request: HttpRequest, person_id: int, payload: PersonPatch) -> PersonDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    person = get_visible(user, person_id, Action.EDIT)
    fields = _fields(user, payload, skip={"effective_on"})
    person_edit(actor=user, person=person, effective_on=payload.effective_on, **fields)
    return _detail(get_visible(user, person_id))


@router.post(
    "/people/{person_id}/reveal",
    response=responses(RevealOut, write=True),
    summary="The unmasked sensitive fields (audited; needs the sensitive-data permission)",
)
def person_reveal_view(request: HttpRequest, person_id: int) -> RevealOut:
    user = request.auth  # type: ignore[attr-defined]
    person = get_visible(user, person_id)
    return RevealOut(**person_reveal(actor=user, person=person))


@router.get("/people/{person_id}/events", response=responses(list[EventOut]), summary="Membership timeline")
def person_events(request: HttpRequest, person_id: int) -> list[EventOut]:
    person = get_visible(request.auth, person_id)  # type: ignore[attr-defined]
    events = (
        MembershipEvent.objects.filter(person=person)
        .select_related("organization", "other_organization", "superseded_by")
        .order_by("date", "pk")
    )
    return [_event_out(event) for event in events]


def _event_out(event: MembershipEvent) -> EventOut:
    corrected_by = getattr(event, "superseded_by", None)
    return EventOut(
        id=event.pk,
        kind=EventKind(event.kind),
        date=event.date,
        effective_date=event.effective_date,
        organization=event.organization.code if event.organization else None,
        other_organization=event.other_organization.code if event.other_organization else None,
        arrives_as=Status(event.arrives_as) if event.arrives_as else None,
        supersedes=event.supersedes_id,
        superseded_by=corrected_by.pk if corrected_by else None,
        superseded=corrected_by is not None,
        document_number=event.document_number,
        note=event.note,
        recorded_at=event.recorded_at,
    )


@router.get("/people/{person_id}/periods", response=responses(list[PeriodOut]), summary="Status periods over time")
def person_periods(request: HttpRequest, person_id: int) -> list[PeriodOut]:
    person = get_visible(request.auth, person_id)  # type: ignore[attr-defined]
    periods = (
        StatusPeriod.objects.filter(person=person)
        .select_related("organization", "host_organization")
        .order_by("start", "pk")
    )
    return [
        PeriodOut(
            status=Status(p.status),
            organization=p.organization.code if p.organization else None,
            host_organization=p.host_organization.code if p.host_organization else None,
            start=p.start,
            end=p.end,
        )
        for p in periods
    ]
