"""The ledger's actions on the person page: the forms the person's status on the date
allows and the user's role permits, and the transfer out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.membership.forms_table import FORMS
from ketnap.membership.models import Transfer, TransferState
from ketnap.people.actions import PersonAction
from ketnap.people.models import Person
from ketnap.people.status import MEMBER_STATUSES
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
    pending = Transfer.objects.filter(person=person, state=TransferState.PENDING).select_related("destination").first()
    if pending is not None and pending.destination is not None:
        url = reverse("membership:transfer", args=[pending.pk])
        found.append(PersonAction(_("Đang chuyển đến %(name)s") % {"name": pending.destination.name}, url, group))
    elif state.status in MEMBER_STATUSES and policy.can(user, policy.Action.EDIT, person):
        found.append(
            PersonAction(_("Chuyển sinh hoạt đảng chính thức"), reverse("membership:send", args=[person.pk]), group)
        )
    return found


def _allows(event: rules.LedgerEvent, on: dt.date, state: rules.LedgerState, edition: Any) -> bool:
    relaxed = rules.LedgerState(state.status, state.temporary_elsewhere, state.ever_member, None, state.transfer_open)
    return not any(f.blocking for f in rules.check_ledger_event(event, on, relaxed, on, edition))
