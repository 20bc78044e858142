"""Writes about the organization tree: opening, closing and reorganizing nodes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization, Reorganization
from ketnap.people import status
from ketnap.people.models import Person, StatusPeriod


@transaction.atomic
def organization_open(
    *,
    actor: Any,
    parent: Organization | None,
    code: str,
    name: str,
    kind: str,
    sector: str,
    valid_from: dt.date,
) -> Organization:
    """Open a new organization under ``parent`` (a root only for a superuser)."""
    if parent is None:
        if not getattr(actor, "is_superuser", False):
            raise policy.PermissionDenied()
    else:
        policy.require(actor, Action.ADMINISTER, parent)
        if not parent.is_valid_on(valid_from):
            raise ValidationFailed({"valid_from": [_("Tổ chức cấp trên không còn hiệu lực vào ngày này.")]})
    node = Organization(code=code, name=name, kind=kind, sector=sector, valid_from=valid_from)
    try:
        node.full_clean(exclude=["path", "depth", "numchild"])
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error
    org = Organization.objects.add_child(parent, instance=node) if parent else Organization.objects.add_root(instance=node)
    audit_log(actor=actor, action="organization.open", obj=org, after=snapshot(org), organization_path=org.path)
    return org


@transaction.atomic
def organization_close(*, actor: Any, organization: Organization, on: dt.date) -> Organization:
    """Close an organization and every open descendant on ``on``; members must have left."""
    policy.require(actor, Action.ADMINISTER, organization)
    subtree = Organization.objects.in_subtree(organization).select_for_update()
    still_there = StatusPeriod.objects.members().as_of(on).filter(organization__in=subtree).count()
    if still_there:
        raise ValidationFailed(
            {"valid_to": [_("Còn %(n)s đảng viên sinh hoạt; cần chuyển sinh hoạt trước khi chấm dứt.") % {"n": still_there}]}
        )
    for node in subtree.filter(valid_to__isnull=True):
        if node.valid_from >= on:
            raise ValidationFailed({"valid_to": [_("Ngày chấm dứt phải sau ngày thành lập.")]})
        before = snapshot(node, ["valid_to"])
        node.valid_to = on
        node.save(update_fields=["valid_to"])
        audit_log(actor=actor, action="organization.close", obj=node, before=before, after=snapshot(node, ["valid_to"]), organization_path=node.path)
    organization.refresh_from_db()
    return organization


@transaction.atomic
def reorganize(
    *,
    actor: Any,
    kind: str,
    on: dt.date,
    closed: Sequence[Organization],
    opened: Sequence[Organization],
    moves: dict[int, Organization],
    document_number: str = "",
    note: str = "",
) -> Reorganization:
    """Apply a merge, split or dissolution on ``on``.

    ``opened`` organizations must already exist (opened with ``organization_open``);
    ``moves`` maps each closing cell's id to the cell its members move to. Members
    move by dated transfer events, then the old nodes are closed.
    """
    from ketnap.people.services import event_record

    record = Reorganization.objects.create(kind=kind, effective_on=on, document_number=document_number, note=note)
    record.opened.set(opened)
    for org in closed:
        policy.require(actor, Action.ADMINISTER, org)
        target = moves.get(org.pk)
        members = Person.objects.filter(
            pk__in=StatusPeriod.objects.as_of(on).filter(organization__in=Organization.objects.in_subtree(org)).values("person")
        )
        if members.exists() and target is None:
            raise ValidationFailed({"moves": [_("Chưa chỉ định nơi chuyển đến cho đảng viên của %(name)s.") % {"name": org.name}]})
        for person in members:
            event_record(actor=actor, person=person, kind=status.EventKind.TRANSFERRED_OUT, date=on, organization=org, other_organization=target, document_number=document_number)
            event_record(actor=actor, person=person, kind=status.EventKind.TRANSFERRED_IN, date=on, organization=target, document_number=document_number)
    for org in closed:
        organization_close(actor=actor, organization=org, on=on)
    record.closed.set(closed)
    audit_log(actor=actor, action="organization.reorganize", obj=record, after={"closed": [o.code for o in closed], "opened": [o.code for o in opened]})
    return record
