"""The membership ledger over the API: one operation per decision, corrections and
voids, the two sides of a transfer, and the directory of organizations. Every write
calls the same service as the pages; out of scope is a 404, visible but not allowed a
403, and a refusal of the rules a 422 naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.errors import path_lookup
from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.core.policy import Action
from ketnap.membership import selectors, services
from ketnap.membership.forms_table import FORMS, LedgerForm
from ketnap.membership.models import Transfer
from ketnap.organizations.selectors import organization_get
from ketnap.people.models import MembershipEvent
from ketnap.people.selectors import person_get
from ketnap.people.status import Status as MemberStatus

router = Router(tags=["membership"])
path_lookup("transfer_id", selectors.transfer_get)


class DocumentIn(Schema):
    date: IsoDate = Field(description="Date of the decision or resolution (YYYY-MM-DD).")
    document_number: str = Field("", max_length=64)
    issuer: str = Field("", max_length=255, description="The body that issued the document.")
    note: str = Field("", max_length=2000)


class LedgerIn(DocumentIn):
    host: str = Field("", max_length=64, description="temporary_out: code of the host organization, if any.")
    temporary_until: IsoDate | None = Field(None, description="temporary_out: planned end of the stay.")
    study: bool = Field(False, description="temporary_out: full-time study in the country (up to 2 years).")
    arrives_as: Literal["official", "probationary"] | None = Field(None, description="transfer_in: status.")
    provincial_consent_on: IsoDate | None = Field(
        None, description="readmission: date of the provincial standing committee's written agreement (required)."
    )


class LedgerEventOut(Schema):
    id: int
    kind: str
    date: dt.date
    document_number: str
    note: str
    supersedes: int | None


class LedgerVoidIn(Schema):
    note: str = Field(max_length=2000, description="Why the event is annulled.")


class TransferPlanIn(Schema):
    decided_on: IsoDate
    note: str = Field("", max_length=2000)


class TransferSendIn(Schema):
    destination: str = Field(max_length=64, description="Code of the destination cell, from the directory.")
    letter_on: IsoDate
    document_number: str = Field(max_length=64)
    issuer: str = Field(max_length=255)
    note: str = Field("", max_length=2000)
    decided_on: IsoDate | None = None


class TransferReceiveIn(Schema):
    arrived_on: IsoDate
    note: str = Field("", max_length=2000, description="The reason, when the member arrives late.")


class TransferReturnIn(Schema):
    closed_on: IsoDate
    reason: str = Field(max_length=2000)


class TransferOut(Schema):
    id: int
    state: str
    person_id: int
    person_name: str
    from_organization: str
    destination: str | None
    decided_on: dt.date | None
    letter_on: dt.date | None
    document_number: str
    arrived_on: dt.date | None
    closed_on: dt.date | None


class DirectoryItem(Schema):
    code: str
    name: str
    kind: str


class DirectoryPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DirectoryItem]


class DirectoryQuery(PageIn):
    q: str = Field("", max_length=100, description="Part of the code or the name, with or without diacritics.")


class TransferQuery(Schema):
    org: str = Field(max_length=64, description="Organization code: transfers of its subtree.")
    direction: Literal["incoming", "outgoing"] = "incoming"


def _event_out(event: MembershipEvent) -> LedgerEventOut:
    return LedgerEventOut(
        id=event.pk,
        kind=event.kind,
        date=event.date,
        document_number=event.document_number,
        note=event.note,
        supersedes=event.supersedes_id,
    )


def _transfer_out(t: Transfer) -> TransferOut:
    return TransferOut(
        id=t.pk,
        state=t.state,
        person_id=t.person_id,
        person_name=t.person.full_name,
        from_organization=t.from_organization.code,
        destination=t.destination.code if t.destination else None,
        decided_on=t.decided_on,
        letter_on=t.letter_on,
        document_number=t.document_number,
        arrived_on=t.arrived_on,
        closed_on=t.closed_on,
    )


def _host(code: str, on: dt.date) -> Any:
    if not code.strip():
        return None
    try:
        return selectors.directory_get(code, on)
    except NotFound as error:
        raise ValidationFailed({"host": [_("Không có tổ chức đang hoạt động với mã này.")]}) from error


def _record_view(form: LedgerForm) -> Callable[..., Status[LedgerEventOut]]:
    def view(request: HttpRequest, person_id: int, payload: LedgerIn) -> Status[LedgerEventOut]:
        user = request.auth  # type: ignore[attr-defined]
        person = person_get(user, person_id)
        event = services.ledger_record(
            actor=user,
            person=person,
            event=form.event,
            date=payload.date,
            document_number=payload.document_number,
            issuer=payload.issuer,
            note=payload.note,
            host=_host(payload.host, payload.date),
            temporary_until=payload.temporary_until,
            study=payload.study,
            arrives_as=MemberStatus(payload.arrives_as) if payload.arrives_as else None,
            provincial_consent_on=payload.provincial_consent_on,
        )
        return Status(201, _event_out(event))

    view.__name__ = f"ledger_{form.event.value}"
    return view


for _form in FORMS:
    router.post(
        f"/people/{{person_id}}/ledger/{_form.event.value}",
        response=responses(LedgerEventOut, 201),
        operation_id=f"ledger_{_form.event.value}",
        summary=f"Record in the ledger: {_form.event.value}",
        description=f"Needs the `{_form.action.value}` role on the person. The rules of the edition in force on "
        "`date` must allow it (422 with the field otherwise).",
    )(_record_view(_form))


def _visible_event(user: Any, event_id: int) -> MembershipEvent:
    event = MembershipEvent.objects.filter(pk=event_id).first()
    if event is None:
        raise NotFound()
    person_get(user, event.person_id)
    return event


path_lookup("event_id", _visible_event)


@router.post(
    "/membership-events/{event_id}/correct",
    response=responses(LedgerEventOut, 201, write=True),
    summary="Correct a decision",
)
def ledger_correct(request: HttpRequest, event_id: int, payload: DocumentIn) -> Status[LedgerEventOut]:
    user = request.auth  # type: ignore[attr-defined]
    event = services.ledger_correct(
        actor=user,
        event=_visible_event(user, event_id),
        date=payload.date,
        document_number=payload.document_number,
        issuer=payload.issuer,
        note=payload.note,
    )
    return Status(201, _event_out(event))


@router.post(
    "/membership-events/{event_id}/void",
    response=responses(LedgerEventOut, 201, write=True),
    summary="Annul a decision",
)
def ledger_void(request: HttpRequest, event_id: int, payload: LedgerVoidIn) -> Status[LedgerEventOut]:
    user = request.auth  # type: ignore[attr-defined]
    event = services.ledger_void(actor=user, event=_visible_event(user, event_id), note=payload.note)
    return Status(201, _event_out(event))


@router.get("/organization-directory", response=responses(DirectoryPage), summary="Open organizations by name")
def organization_directory(request: HttpRequest, query: Query[DirectoryQuery]) -> DirectoryPage:
    """Code, name and kind of open organizations, to pick a transfer's destination; no member data."""
    policy.require_any(request.auth, Action.VIEW)  # type: ignore[attr-defined]
    orgs = selectors.directory(query.q)
    rows = orgs[query.offset : query.offset + query.limit]
    items = [DirectoryItem(code=o.code, name=o.name, kind=o.kind) for o in rows]
    return DirectoryPage(count=orgs.count(), limit=query.limit, offset=query.offset, items=items)


@router.post(
    "/people/{person_id}/transfers/plan", response=responses(TransferOut, 201, write=True), summary="Transfer due"
)
def transfer_plan(request: HttpRequest, person_id: int, payload: TransferPlanIn) -> Status[TransferOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = person_get(user, person_id)
    t = services.transfer_plan(actor=user, person=person, decided_on=payload.decided_on, note=payload.note)
    return Status(201, _transfer_out(t))


@router.post(
    "/people/{person_id}/transfers", response=responses(TransferOut, 201, write=True), summary="Introduction letter"
)
def transfer_send(request: HttpRequest, person_id: int, payload: TransferSendIn) -> Status[TransferOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = person_get(user, person_id)
    try:
        destination = selectors.directory_get(payload.destination, payload.letter_on)
    except NotFound as error:
        raise ValidationFailed({"destination": [_("Không có tổ chức đang hoạt động với mã này.")]}) from error
    t = services.transfer_send(
        actor=user,
        person=person,
        destination=destination,
        letter_on=payload.letter_on,
        document_number=payload.document_number,
        issuer=payload.issuer,
        note=payload.note,
        decided_on=payload.decided_on,
    )
    return Status(201, _transfer_out(t))


@router.get("/transfers", response=responses(list[TransferOut]), summary="Transfers in or out of a subtree")
def transfer_list(request: HttpRequest, query: Query[TransferQuery]) -> list[TransferOut]:
    user = request.auth  # type: ignore[attr-defined]
    org = organization_get(user, query.org)
    rows = selectors.transfers_incoming if query.direction == "incoming" else selectors.transfers_outgoing
    return [_transfer_out(t) for t in rows(user, org)]


@router.get("/transfers/{transfer_id}", response=responses(TransferOut), summary="One transfer")
def transfer_detail(request: HttpRequest, transfer_id: int) -> TransferOut:
    return _transfer_out(selectors.transfer_get(request.auth, transfer_id))  # type: ignore[attr-defined]


@router.post(
    "/transfers/{transfer_id}/receive", response=responses(TransferOut, write=True), summary="Confirm the arrival"
)
def transfer_receive(request: HttpRequest, transfer_id: int, payload: TransferReceiveIn) -> TransferOut:
    user = request.auth  # type: ignore[attr-defined]
    t = services.transfer_receive(
        actor=user, transfer=selectors.transfer_get(user, transfer_id), arrived_on=payload.arrived_on, note=payload.note
    )
    return _transfer_out(t)


class ArrivalCorrectIn(Schema):
    arrived_on: IsoDate
    note: str = Field(max_length=2000, description="Why the arrival date is corrected.")


@router.post(
    "/transfers/{transfer_id}/correct", response=responses(TransferOut, write=True), summary="Correct the arrival date"
)
def transfer_correct(request: HttpRequest, transfer_id: int, payload: ArrivalCorrectIn) -> TransferOut:
    user = request.auth  # type: ignore[attr-defined]
    t = services.transfer_correct_arrival(
        actor=user, transfer=selectors.transfer_get(user, transfer_id), arrived_on=payload.arrived_on, note=payload.note
    )
    return _transfer_out(t)


@router.post(
    "/transfers/{transfer_id}/return", response=responses(TransferOut, write=True), summary="Return or withdraw"
)
def transfer_return(request: HttpRequest, transfer_id: int, payload: TransferReturnIn) -> TransferOut:
    user = request.auth  # type: ignore[attr-defined]
    t = services.transfer_return(
        actor=user,
        transfer=selectors.transfer_get(user, transfer_id),
        closed_on=payload.closed_on,
        reason=payload.reason,
    )
    return _transfer_out(t)
