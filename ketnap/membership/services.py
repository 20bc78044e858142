"""Writes of the membership ledger: one service per decision, corrections and voids,
and the two sides of a transfer. Every event goes through the people services
(``event_record``), so the status periods, the statistics and the people list follow
the ledger; the rules (``ketnap.rules.membership``) decide what the ledger allows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ketnap.admission.calendar import working_calendar
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.membership.forms_table import BY_EVENT, BY_KIND, LedgerForm
from ketnap.membership.models import OPEN_STATES, LedgerEntry, Transfer, TransferState
from ketnap.organizations.models import Organization
from ketnap.people import status
from ketnap.people.models import MembershipEvent, Person
from ketnap.people.services import event_append, event_record
from ketnap.rules import Finding, message
from ketnap.rules import membership as rules
from ketnap.rules.base import Edition
from ketnap.rules.editions import QD29, edition_on
from ketnap.rules.facts import LeaveReason, Readmission
from ketnap.rules.membership import LedgerEvent, LedgerState

# Where each finding is shown on a form or named in an API error.
_FIELDS = {
    "ledger.in_future": "date",
    "ledger.before_last_event": "date",
    "temporary.too_short": "temporary_until",
    "temporary.too_long": "temporary_until",
    "transfer.arrival.reason_missing": "note",
    "readmission.provincial_consent_missing": "provincial_consent_on",
}
_LEAVE_REASONS = {
    LedgerEvent.REMOVAL: LeaveReason.REMOVED,
    LedgerEvent.EXPULSION: LeaveReason.EXPELLED,
    LedgerEvent.LEAVING: LeaveReason.APPLIED_TO_LEAVE,
}
_LEAVING_KINDS = (status.EventKind.REMOVED, status.EventKind.EXPELLED)


def edition_for(day: dt.date) -> Edition:
    """The edition in force on ``day``; the first one modelled for older dates."""
    return edition_on(max(day, QD29.effective_from))


def refuse_blocking(findings: list[Finding]) -> None:
    """Raise ValidationFailed naming the field of every blocking finding, worded in the
    request's language; nothing is written."""
    errors: dict[str, list[str]] = {}
    for finding in findings:
        if finding.blocking:
            errors.setdefault(_FIELDS.get(finding.code, "date"), []).append(message(finding, get_language()))
    if errors:
        raise ValidationFailed(errors)


def _events(person: Person, without: MembershipEvent | None = None) -> list[status.Event]:
    return [e.as_event() for e in person.events.all() if without is None or e.pk != without.pk]


def ledger_state(person: Person, on: dt.date, *, without: MembershipEvent | None = None) -> LedgerState:
    """What the rules need of ``person``'s ledger on ``on`` (``without`` one event, for a correction)."""
    events = _events(person, without)
    periods = status.project(events)
    current = next((p for p in periods if p.contains(on)), None)
    kept = status.effective_events(events)
    open_transfer = Transfer.objects.filter(person=person, state=TransferState.PENDING).exists()
    return LedgerState(
        status=current.status if current else None,
        temporary_elsewhere=current is not None and current.host_organization_id is not None,
        ever_member=any(p.status in status.MEMBER_STATUSES for p in periods),
        last_event_on=max((e.date for e in kept), default=None),
        transfer_open=open_transfer,
    )


def _require_document(form: LedgerForm, document_number: str, issuer: str) -> None:
    errors: dict[str, list[str]] = {}
    if form.needs_document and not document_number.strip():
        errors["document_number"] = [_("Nhập số văn bản (quyết định, nghị quyết, thư giới thiệu).")]
    if form.needs_document and not issuer.strip():
        errors["issuer"] = [_("Nhập cơ quan ban hành văn bản.")]
    if errors:
        raise ValidationFailed(errors)


def _readmission_findings(person: Person, on: dt.date, edition: Edition, consent_on: dt.date | None) -> list[Finding]:
    """Rule 24 on the ledger: time since leaving, why, readmitted before, and the provincial
    standing committee's written agreement before the decision."""
    kept = status.effective_events(_events(person))
    left = [e for e in kept if e.kind in _LEAVING_KINDS]
    if not left:
        return []
    entry = LedgerEntry.objects.filter(event_id=left[-1].id).first()
    form = LedgerEvent(entry.form) if entry else BY_KIND[left[-1].kind].event
    facts = Readmission(
        left_on=left[-1].date,
        reason=_LEAVE_REASONS.get(form, LeaveReason.REMOVED),
        times_readmitted_before=sum(1 for e in kept if e.kind is status.EventKind.READMITTED),
        provincial_consent_on=consent_on,
    )
    return rules.check_readmission(facts, on, edition) + rules.check_readmission_consent(facts, on, edition)


def _findings(
    form: LedgerForm, person: Person, on: dt.date, until: dt.date | None, study: bool, consent_on: dt.date | None
) -> list[Finding]:
    edition = edition_for(on)
    found = rules.check_ledger_event(form.event, on, ledger_state(person, on), policy.today(), edition)
    if form.event is LedgerEvent.TEMPORARY_OUT:
        if until is None:
            raise ValidationFailed({"temporary_until": [_("Nhập ngày dự kiến trở về.")]})
        found += rules.check_temporary_stay(on, until, study, edition)
    if form.event is LedgerEvent.READMISSION:
        found += _readmission_findings(person, on, edition, consent_on)
    return found


@transaction.atomic
def ledger_record(
    *,
    actor: Any,
    person: Person,
    event: LedgerEvent,
    date: dt.date,
    document_number: str = "",
    issuer: str = "",
    note: str = "",
    host: Organization | None = None,
    temporary_until: dt.date | None = None,
    study: bool = False,
    arrives_as: status.Status | None = None,
    provincial_consent_on: dt.date | None = None,
) -> MembershipEvent:
    """Record one decision of the ledger (not the two-sided transfer out: ``transfer_send``).

    The actor needs the form's role on the person (``approve`` for removal, expulsion,
    leaving and readmission); the rules of the edition in force on ``date`` must allow
    it; then the people service appends the event and re-derives the periods."""
    form = BY_EVENT[LedgerEvent(event)]
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    policy.require(actor, form.action, person)
    _require_document(form, document_number, issuer)
    refuse_blocking(_findings(form, person, date, temporary_until, study, provincial_consent_on))
    placing = form.event in (LedgerEvent.TRANSFER_IN, LedgerEvent.READMISSION)
    recorded = event_record(
        actor=actor,
        person=person,
        kind=form.kind,
        date=date,
        organization=person.organization if placing else None,
        other_organization=host if form.event is LedgerEvent.TEMPORARY_OUT else None,
        arrives_as=(arrives_as or status.Status.OFFICIAL) if form.event is LedgerEvent.TRANSFER_IN else None,
        document_number=document_number,
        note=note,
    )
    _entry_save(actor, recorded, form.event, issuer, temporary_until, study, provincial_consent_on)
    return recorded


def _entry_save(
    actor: Any,
    event: MembershipEvent,
    form: LedgerEvent,
    issuer: str,
    until: dt.date | None,
    study: bool,
    consent_on: dt.date | None = None,
) -> LedgerEntry:
    entry = LedgerEntry(
        event=event,
        form=form.value,
        issuer=issuer,
        temporary_until=until,
        study=study,
        provincial_consent_on=consent_on,
    )
    entry.full_clean()
    entry.save()
    path = Person.objects.select_related("organization").get(pk=event.person_id).organization.path
    audit_log(actor=actor, action=f"ledger.{form.value}", obj=entry, after=snapshot(entry), organization_path=path)
    return entry


def _form_of(event: MembershipEvent) -> LedgerForm:
    """The ledger form behind ``event``; NotFound for events of other procedures
    (admission, recognition…), which their own services correct."""
    entry = LedgerEntry.objects.filter(event=event).first()
    if entry is not None:
        return BY_EVENT[LedgerEvent(entry.form)]
    form = BY_KIND.get(status.EventKind(event.kind))
    if form is None:
        raise TransitionNotAllowed(_("Sự kiện này được sửa trong quy trình đã ghi nhận nó."), field="event")
    return form


def _correctable(actor: Any, event: MembershipEvent) -> tuple[LedgerForm, Person]:
    person = Person.objects.select_for_update().select_related("organization").get(pk=event.person_id)
    policy.require(actor, Action.VIEW, person)
    if MembershipEvent.objects.filter(supersedes=event).exists():
        raise TransitionNotAllowed(_("Sự kiện này đã được sửa hoặc hủy trước đó."), field="event")
    if Transfer.objects.filter(in_event=event).exists() or Transfer.objects.filter(out_event=event).exists():
        raise TransitionNotAllowed(_("Sửa việc chuyển sinh hoạt trên trang chuyển sinh hoạt."), field="event")
    form = _form_of(event)
    policy.require(actor, form.action, person)
    return form, person


@transaction.atomic
def ledger_correct(
    *,
    actor: Any,
    event: MembershipEvent,
    date: dt.date,
    document_number: str,
    issuer: str = "",
    note: str = "",
    temporary_until: dt.date | None = None,
) -> MembershipEvent:
    """Correct a recorded decision: a new event of the same kind supersedes it, dated
    as it should have been; the mistaken one stays on record, struck through."""
    event = MembershipEvent.objects.select_related("ledger_entry").get(pk=event.pk)
    form, person = _correctable(actor, event)
    _require_document(form, document_number, issuer)
    state = ledger_state(person, date, without=event)
    edition = edition_for(date)
    found = rules.check_ledger_event(form.event, date, state, policy.today(), edition)
    entry = getattr(event, "ledger_entry", None)
    study = entry.study if entry else False
    if form.event is LedgerEvent.TEMPORARY_OUT and temporary_until is not None:
        found += rules.check_temporary_stay(date, temporary_until, study, edition)
    refuse_blocking(found)
    corrected = event_record(
        actor=actor,
        person=person,
        kind=form.kind,
        date=date,
        organization=event.organization,
        other_organization=event.other_organization,
        arrives_as=status.Status(event.arrives_as) if event.arrives_as else None,
        supersedes=event,
        document_number=document_number,
        note=note,
    )
    until = temporary_until or (entry.temporary_until if entry else None)
    consent_on = entry.provincial_consent_on if entry else None
    _entry_save(actor, corrected, form.event, issuer, until, study, consent_on)
    return corrected


@transaction.atomic
def ledger_void(*, actor: Any, event: MembershipEvent, note: str) -> MembershipEvent:
    """Annul a decision recorded by mistake: a void event, dated today, supersedes it."""
    event = MembershipEvent.objects.get(pk=event.pk)
    _form, person = _correctable(actor, event)
    if not note.strip():
        raise ValidationFailed({"note": [_("Nêu lý do hủy ghi nhận.")]})
    return event_record(
        actor=actor, person=person, kind=status.EventKind.VOID, date=policy.today(), supersedes=event, note=note
    )


# --- Transfers ---------------------------------------------------------------------------------


def _open_transfer(person: Person) -> Transfer | None:
    return Transfer.objects.select_for_update().filter(person=person, state__in=OPEN_STATES).first()


@transaction.atomic
def transfer_plan(*, actor: Any, person: Person, decided_on: dt.date, note: str = "") -> Transfer:
    """Record the decision or change of residence a transfer must follow: the 60 working
    days to start it run from ``decided_on`` and show in the work queue."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    policy.require(actor, Action.EDIT, person)
    if _open_transfer(person) is not None:
        raise TransitionNotAllowed(_("Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc."), field="decided_on")
    state = ledger_state(person, decided_on)
    today = policy.today()
    found = rules.check_ledger_event(LedgerEvent.TRANSFER_OUT, decided_on, state, today, edition_for(decided_on))
    refuse_blocking(found)
    transfer = Transfer(
        person=person,
        from_organization=person.organization,
        state=TransferState.PLANNED,
        decided_on=decided_on,
        note=note,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    transfer.save()
    _transfer_audit(actor, transfer, "transfer.plan", None)
    return transfer


def _check_destination(person: Person, destination: Organization, on: dt.date) -> None:
    if not destination.is_cell or not destination.is_valid_on(on):
        raise ValidationFailed({"destination": [_("Chọn một chi bộ đang hoạt động vào ngày của thư giới thiệu.")]})
    if destination.pk == person.organization_id:
        raise ValidationFailed({"destination": [_("Đảng viên đang sinh hoạt tại chi bộ này.")]})


@transaction.atomic
def transfer_send(
    *,
    actor: Any,
    person: Person,
    destination: Organization,
    letter_on: dt.date,
    document_number: str,
    issuer: str,
    note: str = "",
    decided_on: dt.date | None = None,
) -> Transfer:
    """The sending side issues the introduction letter to ``destination`` (which it may
    not otherwise see). Until the receiving side confirms, the member is "đang chuyển":
    the ledger is unchanged and the receiver may see the person's basic data."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    policy.require(actor, Action.EDIT, person)
    _require_document(BY_EVENT[LedgerEvent.TRANSFER_IN], document_number, issuer)
    _check_destination(person, destination, letter_on)
    transfer = _open_transfer(person)
    if transfer is not None and transfer.state == TransferState.PENDING:
        raise TransitionNotAllowed(_("Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc."), field="destination")
    edition = edition_for(letter_on)
    found = rules.check_ledger_event(
        LedgerEvent.TRANSFER_OUT, letter_on, ledger_state(person, letter_on), policy.today(), edition
    )
    decided = decided_on or (transfer.decided_on if transfer else None)
    if decided is not None:
        if decided > letter_on:
            raise ValidationFailed({"decided_on": [_("Ngày quyết định phải trước ngày thư giới thiệu.")]})
        found += rules.check_transfer_start(decided, letter_on, letter_on, working_calendar(), edition)
    refuse_blocking(found)
    transfer = transfer or Transfer(person=person, from_organization=person.organization)
    before = snapshot(transfer) if transfer.pk else None
    transfer.state = TransferState.PENDING
    transfer.destination, transfer.letter_on, transfer.decided_on = destination, letter_on, decided
    transfer.document_number, transfer.issuer, transfer.note = document_number, issuer, note
    transfer.recorded_by = actor if getattr(actor, "pk", None) else None
    transfer.full_clean()
    transfer.save()
    _transfer_audit(actor, transfer, "transfer.send", before)
    return transfer


def _transfer_audit(actor: Any, transfer: Transfer, action: str, before: dict[str, Any] | None) -> None:
    audit_log(
        actor=actor,
        action=action,
        obj=transfer,
        before=before,
        after=snapshot(transfer),
        organization_path=transfer.from_organization.path,
    )


def _locked_transfer(actor: Any, transfer: Transfer) -> Transfer:
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("person", "from_organization", "destination")
        .get(pk=transfer.pk)
    )
    if not policy.can(actor, Action.VIEW, transfer):
        raise NotFound()
    return transfer


def counts_at_receiver() -> bool:
    return str(getattr(settings, "TRANSFER_COUNTS_AT", "sender")) == "receiver"


@transaction.atomic
def transfer_receive(*, actor: Any, transfer: Transfer, arrived_on: dt.date, note: str = "") -> Transfer:
    """The receiving side confirms the member's arrival with the letter: the ledger gets
    the transfer out (dated the arrival, or the letter with ``TRANSFER_COUNTS_AT=receiver``)
    and the transfer in dated the arrival, and the person now belongs to the destination."""
    transfer = _locked_transfer(actor, transfer)
    if transfer.state != TransferState.PENDING:  # a planned one has no letter yet, nor a destination
        raise TransitionNotAllowed(
            _("Việc chuyển sinh hoạt này chưa có thư giới thiệu hoặc đã kết thúc."), field="arrived_on"
        )
    assert transfer.destination is not None and transfer.letter_on is not None
    if not policy.can(actor, Action.EDIT, transfer.destination):
        raise PermissionDenied()
    _check_arrival(transfer, arrived_on, note)
    person = Person.objects.select_for_update().get(pk=transfer.person_id)
    common = {"actor": actor, "person": person, "document_number": transfer.document_number}
    out_on = transfer.letter_on if counts_at_receiver() else arrived_on
    transfer.out_event = event_append(
        **common, kind=status.EventKind.TRANSFERRED_OUT, date=out_on, other_organization=transfer.destination
    )
    transfer.in_event = event_append(
        **common, kind=status.EventKind.TRANSFERRED_IN, date=arrived_on, organization=transfer.destination, note=note
    )
    before = snapshot(transfer)
    transfer.state, transfer.arrived_on = TransferState.RECEIVED, arrived_on
    transfer.save()
    _transfer_audit(actor, transfer, "transfer.receive", before)
    return transfer


def _check_arrival(transfer: Transfer, arrived_on: dt.date, note: str) -> None:
    assert transfer.letter_on is not None and transfer.destination is not None
    if arrived_on < transfer.letter_on:
        raise ValidationFailed({"arrived_on": [_("Ngày đến không được trước ngày thư giới thiệu.")]})
    if arrived_on > policy.today():
        raise ValidationFailed({"arrived_on": [_("Ngày đến không được sau ngày hôm nay.")]})
    if not transfer.destination.is_valid_on(arrived_on):
        raise ValidationFailed({"arrived_on": [_("Chi bộ nơi đến không hoạt động vào ngày này.")]})
    state = ledger_state(transfer.person, arrived_on)
    if state.status not in status.MEMBER_STATUSES:
        raise ValidationFailed({"arrived_on": [_("Người này không phải đảng viên vào ngày đến.")]})
    if state.last_event_on is not None and arrived_on < state.last_event_on:
        raise ValidationFailed({"arrived_on": [_("Ngày đến phải sau sự kiện gần nhất đã ghi nhận.")]})
    edition = edition_for(transfer.letter_on)
    calendar = working_calendar()
    refuse_blocking(rules.check_transfer_arrival(transfer.letter_on, arrived_on, arrived_on, note, calendar, edition))


@transaction.atomic
def transfer_return(*, actor: Any, transfer: Transfer, closed_on: dt.date, reason: str) -> Transfer:
    """Close an open transfer without an arrival: the receiving side rejects the letter,
    or the sending side withdraws it. The ledger never changed, so nothing is undone."""
    transfer = _locked_transfer(actor, transfer)
    sides = [transfer.from_organization, transfer.destination]
    if not any(side is not None and policy.can(actor, Action.EDIT, side) for side in sides):
        raise PermissionDenied()
    if transfer.state not in OPEN_STATES:
        raise TransitionNotAllowed(_("Việc chuyển sinh hoạt này đã kết thúc."), field="closed_on")
    if not reason.strip():
        raise ValidationFailed({"reason": [_("Nêu lý do trả lại.")]})
    if closed_on > policy.today() or (transfer.letter_on and closed_on < transfer.letter_on):
        raise ValidationFailed({"closed_on": [_("Ngày trả lại phải từ ngày thư giới thiệu đến hôm nay.")]})
    before = snapshot(transfer)
    transfer.state, transfer.closed_on, transfer.close_reason = TransferState.RETURNED, closed_on, reason
    transfer.save()
    _transfer_audit(actor, transfer, "transfer.return", before)
    return transfer


@transaction.atomic
def transfer_correct_arrival(*, actor: Any, transfer: Transfer, arrived_on: dt.date, note: str) -> Transfer:
    """Correct the arrival date of a received transfer: new transfer events supersede the
    recorded ones (which stay on record), dated as they should have been."""
    transfer = _locked_transfer(actor, transfer)
    if transfer.state != TransferState.RECEIVED:
        raise TransitionNotAllowed(_("Chỉ sửa ngày đến của lần chuyển đã tiếp nhận."), field="arrived_on")
    assert transfer.destination is not None and transfer.in_event is not None and transfer.out_event is not None
    if not policy.can(actor, Action.EDIT, transfer.destination):
        raise PermissionDenied()
    if not note.strip():
        raise ValidationFailed({"note": [_("Nêu lý do sửa.")]})
    _check_corrected_arrival(transfer, arrived_on)
    person = Person.objects.select_for_update().get(pk=transfer.person_id)
    common = {"actor": actor, "person": person, "document_number": transfer.document_number, "note": note}
    if not counts_at_receiver():
        transfer.out_event = event_record(
            **common,
            kind=status.EventKind.TRANSFERRED_OUT,
            date=arrived_on,
            other_organization=transfer.destination,
            supersedes=transfer.out_event,
        )
    transfer.in_event = event_record(
        **common,
        kind=status.EventKind.TRANSFERRED_IN,
        date=arrived_on,
        organization=transfer.destination,
        supersedes=transfer.in_event,
    )
    before = snapshot(transfer)
    transfer.arrived_on = arrived_on
    transfer.save()
    _transfer_audit(actor, transfer, "transfer.correct", before)
    return transfer


def _check_corrected_arrival(transfer: Transfer, arrived_on: dt.date) -> None:
    assert transfer.letter_on is not None and transfer.destination is not None
    if arrived_on < transfer.letter_on or arrived_on > policy.today():
        raise ValidationFailed({"arrived_on": [_("Ngày đến phải từ ngày thư giới thiệu đến hôm nay.")]})
    if not transfer.destination.is_valid_on(arrived_on):
        raise ValidationFailed({"arrived_on": [_("Chi bộ nơi đến không hoạt động vào ngày này.")]})
    transfer_events = {transfer.in_event_id, transfer.out_event_id}
    later = [
        e
        for e in status.effective_events(_events(transfer.person))
        if e.id not in transfer_events and e.date > min(arrived_on, transfer.arrived_on or arrived_on)
    ]
    if later:
        raise ValidationFailed({"arrived_on": [_("Đã có sự kiện ghi nhận sau ngày đến; sửa các sự kiện đó trước.")]})
