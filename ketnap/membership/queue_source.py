"""Transfers in the work queue: the 60 working days to start a transfer after its
decision (the sending side), and the 30 working days to present the letter (both
sides: the item shows in the sender's queue and in the receiver's)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from ketnap.admission import queue
from ketnap.lib.workdays import Calendar
from ketnap.membership.models import Transfer, TransferState
from ketnap.organizations.models import Organization
from ketnap.rules import membership as rules
from ketnap.rules.base import Finding


def install() -> None:
    queue.register_source(transfer_dues)


def transfer_dues(org: Organization, as_of: dt.date, until: dt.date, calendar: Calendar) -> list[queue.Due]:
    from ketnap.membership.services import edition_for

    dues: list[queue.Due] = []
    for t in _open_in(org):
        if t.state == TransferState.PLANNED and t.decided_on is not None:
            edition = edition_for(t.decided_on)
            found = rules.check_transfer_start(t.decided_on, None, as_of, calendar, edition)
        elif t.letter_on is not None:
            edition = edition_for(t.letter_on)
            found = rules.check_transfer_arrival(t.letter_on, None, as_of, "", calendar, edition)
        else:
            continue
        dues += [_due(t, f, org) for f in found if f.due_on is not None and f.due_on <= until]
    return dues


def _open_in(org: Organization) -> list[Transfer]:
    sides = Q(from_organization__path__startswith=org.path) | Q(destination__path__startswith=org.path)
    open_states = [TransferState.PLANNED, TransferState.PENDING]
    return list(
        Transfer.objects.filter(sides, state__in=open_states).select_related("from_organization", "destination")
    )


def _due(transfer: Transfer, finding: Finding, org: Organization) -> queue.Due:
    """The item on the side ``org`` covers: the sender's, unless only the receiver is in it."""
    side = transfer.from_organization
    if transfer.destination is not None and not side.path.startswith(org.path):
        side = transfer.destination
    assert finding.due_on is not None
    return queue.Due(finding=finding, due_on=finding.due_on, person_id=transfer.person_id, organization_id=side.pk)
