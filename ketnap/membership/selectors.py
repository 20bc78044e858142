"""Reads of the membership ledger: the directory of organizations a sending committee
picks a destination from, the transfers in and out of a subtree, and the queue items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.lib.vntext import fold
from ketnap.membership.models import Transfer, TransferState
from ketnap.organizations.models import Organization


@dataclass(frozen=True)
class DirectoryEntry:
    """One open organization as the directory shows it: no member data."""

    code: str
    name: str
    kind: str
    kind_label: str


def directory(query: str = "", *, on: dt.date | None = None) -> QuerySet[Organization]:
    """Open organizations by code or folded name ("chi bo thon a" finds "Chi bộ thôn A"),
    for choosing a transfer's destination outside one's own subtree. Only the code, name
    and kind are read from it; callers must be signed in with some role."""
    orgs: QuerySet[Organization] = Organization.objects.as_of(on or policy.today())
    if folded := fold(query.strip()):
        orgs = orgs.filter(Q(search_name__contains=folded) | Q(code__icontains=query.strip()))
    return orgs.order_by("name", "code")


def directory_entries(orgs: Iterable[Organization]) -> list[DirectoryEntry]:
    return [DirectoryEntry(o.code, o.name, o.kind, str(o.get_kind_display())) for o in orgs]


def directory_get(code: str, on: dt.date) -> Organization:
    """The open organization with ``code``; NotFound otherwise."""
    org: Organization | None = Organization.objects.as_of(on).filter(code=code.strip()).first()
    if org is None:
        raise NotFound()
    return org


def _transfers(user: Any) -> QuerySet[Transfer]:
    related = policy.scope(user, Transfer.objects.all(), Action.VIEW)
    return related.select_related("person", "from_organization", "destination").order_by("letter_on", "pk")


def transfers_incoming(user: Any, org: Organization) -> QuerySet[Transfer]:
    """ "Đang chuyển đến": letters issued to ``org``'s subtree and not yet received or returned."""
    return _transfers(user).filter(state=TransferState.PENDING, destination__path__startswith=org.path)


def transfers_outgoing(user: Any, org: Organization) -> QuerySet[Transfer]:
    """ "Đang chuyển đi": open transfers (planned or pending) leaving ``org``'s subtree."""
    open_states = [TransferState.PLANNED, TransferState.PENDING]
    return _transfers(user).filter(state__in=open_states, from_organization__path__startswith=org.path)


def transfer_get(user: Any, pk: int) -> Transfer:
    transfer = _transfers(user).filter(pk=pk).first()
    if transfer is None:
        raise NotFound()
    return transfer
