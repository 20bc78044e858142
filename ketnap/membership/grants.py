"""What a pending transfer lets the receiving side see, registered with the one policy:
the transfer itself once the letter is issued, and the person's basic record (``view``
only: neither the sensitive data nor any edit) while the transfer is pending."""

from __future__ import annotations

from django.db.models import Q

from ketnap.core import policy
from ketnap.core.policy import Action, Grant
from ketnap.membership.models import Transfer, TransferState
from ketnap.people.models import Person

VIEW_ONLY = frozenset({Action.VIEW})


def install() -> None:
    policy.grant(Transfer, Grant(VIEW_ONLY, "destination__path", ~Q(state=TransferState.PLANNED)))
    policy.grant(
        Person,
        Grant(
            VIEW_ONLY, "membership_transfers__destination__path", Q(membership_transfers__state=TransferState.PENDING)
        ),
    )
