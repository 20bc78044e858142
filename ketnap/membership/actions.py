"""The ledger's actions on the person page: the forms the person's status on the date
allows and the user's role permits, and the transfer out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.membership.forms_table import BY_EVENT, BY_KIND, FORMS, LedgerForm
from ketnap.membership.models import OPEN_STATES, LedgerEntry, Transfer
from ketnap.people.actions import PersonAction
from ketnap.people.models import MembershipEvent, Person
from ketnap.people.status import MEMBER_STATUSES, EventKind
from ketnap.rules import membership as rules


def membership_actions(user: Any, person: Person, on: dt.date) -> list[PersonAction]:
    from ketnap.membership.services import edition_for, ledger_state

    group = _("Đảng tịch")
    state = ledger_state(person, on)
    found = [
        PersonAction(str(form.label), reverse("membership:record", args=[person.pk, form.slug]), group)
        for form in FORMS
        if policy.can(user, form.action, person) and _allows(form.event, on, state, edition_for(on))
    ]
    found += _correction_actions(user, person, group)
    return found + _transfer_actions(user, person, state, group)


def _transfer_actions(user: Any, person: Person, state: rules.LedgerState, group: str) -> list[PersonAction]:
    """The open transfer, if any, else the transfer's first steps (to an editor of a member)."""
    open_transfer = Transfer.objects.filter(person=person, state__in=OPEN_STATES).select_related("destination").first()
    if open_transfer is not None and open_transfer.destination is not None:
        label = _("Đang chuyển đến %(name)s") % {"name": open_transfer.destination.name}
        return [PersonAction(label, reverse("membership:transfer", args=[open_transfer.pk]), group)]
    if state.status not in MEMBER_STATUSES or not policy.can(user, policy.Action.EDIT, person):
        return []
    send = PersonAction(_("Chuyển sinh hoạt đảng chính thức"), reverse("membership:send", args=[person.pk]), group)
    if open_transfer is not None:
        return [send]
    plan = reverse("membership:plan", args=[person.pk])
    return [send, PersonAction(_("Ghi nhận quyết định phải chuyển sinh hoạt"), plan, group)]


def _allows(event: rules.LedgerEvent, on: dt.date, state: rules.LedgerState, edition: Any) -> bool:
    relaxed = rules.LedgerState(state.status, state.temporary_elsewhere, state.ever_member, None, state.transfer_open)
    return not any(f.blocking for f in rules.check_ledger_event(event, on, relaxed, on, edition))


def _correction_actions(user: Any, person: Person, group: str) -> list[PersonAction]:
    """Correct or void the latest decision recorded through the ledger's forms."""
    event = _latest_decision(person)
    if event is None or not policy.can(user, _form_of(event).action, person):
        return []
    label = {"event": str(event)}
    return [
        PersonAction(_("Sửa ghi nhận: %(event)s") % label, reverse("membership:correct", args=[event.pk]), group),
        PersonAction(_("Hủy ghi nhận nhầm: %(event)s") % label, reverse("membership:void", args=[event.pk]), group),
    ]


def _latest_decision(person: Person) -> MembershipEvent | None:
    superseded = MembershipEvent.objects.filter(person=person, supersedes__isnull=False).values("supersedes_id")
    kinds = [kind.value for kind in BY_KIND]
    candidates = person.events.filter(kind__in=kinds).exclude(pk__in=superseded).exclude(pk__in=_transfer_events())
    return candidates.order_by("-date", "-pk").first()


def _transfer_events() -> Any:
    return Transfer.objects.filter(in_event__isnull=False).values("in_event_id")


def _form_of(event: MembershipEvent) -> LedgerForm:
    entry = LedgerEntry.objects.filter(event=event).first()
    return BY_EVENT[rules.LedgerEvent(entry.form)] if entry else BY_KIND[EventKind(event.kind)]
