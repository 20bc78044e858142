"""Writes about the organization tree: opening, closing and reorganizing nodes, the
localities they serve, village heads and programs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import close_open, end_on
from ketnap.core.errors import PermissionDenied, ValidationFailed
from ketnap.core.policy import Action
from ketnap.lib.vntext import fold
from ketnap.organizations.models import (
    Locality,
    LocalityCell,
    Organization,
    Program,
    Reorganization,
    ReorganizationKind,
    VillageHead,
)
from ketnap.organizations.selectors import move_target, moves_by_path, reorganization_non_members
from ketnap.people import status
from ketnap.people.models import Person, StatusPeriod


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error


def _require_valid_on(org: Organization, date: dt.date, field: str) -> None:
    if not org.is_valid_on(date):
        raise ValidationFailed({field: [_("Tổ chức %(name)s không có hiệu lực vào ngày này.") % {"name": org.name}]})


def _locked(org: Organization) -> Organization:
    locked: Organization = Organization.objects.select_for_update().get(pk=org.pk)
    return locked


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
            raise PermissionDenied()
    else:
        # The parent row is locked: treebeard derives the child's path from its numchild.
        parent = _locked(parent)
        policy.require(actor, Action.ADMINISTER, parent)
        if not parent.is_valid_on(valid_from):
            raise ValidationFailed({"valid_from": [_("Tổ chức cấp trên không còn hiệu lực vào ngày này.")]})
    node = Organization(code=code, name=name, search_name=fold(name), kind=kind, sector=sector, valid_from=valid_from)
    _validated(node, exclude=["path", "depth", "numchild"])
    org: Organization = (
        Organization.objects.add_child(parent, instance=node)
        if parent
        else Organization.objects.add_root(instance=node)
    )
    policy.require_in_scope(actor, Action.ADMINISTER, org)
    audit_log(actor=actor, action="organization.open", obj=org, after=snapshot(org), organization_path=org.path)
    return org


def _remaining_members(organization: Organization, on: dt.date) -> int:
    """People on the rolls of the subtree on ``on`` or later (a later arrival counts too)."""
    return (
        StatusPeriod.objects.filter(organization__path__startswith=organization.path)
        .filter(Q(end__isnull=True) | Q(end__gt=on))
        .values("person")
        .distinct()
        .count()
    )


@transaction.atomic
def organization_close(*, actor: Any, organization: Organization, on: dt.date) -> Organization:
    """Close an organization and every open descendant on ``on``; members must have left."""
    policy.require(actor, Action.ADMINISTER, organization)
    subtree = list(Organization.objects.in_subtree(organization).select_for_update())
    still_there = _remaining_members(organization, on)
    if still_there:
        raise ValidationFailed(
            {
                "valid_to": [
                    _("Còn %(n)s người sinh hoạt; cần chuyển sinh hoạt trước khi chấm dứt.") % {"n": still_there}
                ]
            }
        )
    for node in subtree:
        if node.valid_to is not None and node.valid_to <= on:
            continue
        if node.valid_from >= on:
            raise ValidationFailed({"valid_to": [_("Ngày chấm dứt phải sau ngày thành lập.")]})
        end_on(node, on, actor=actor, action="organization.close", organization_path=node.path)
    organization.refresh_from_db()
    return organization


def _move_members(*, actor: Any, org: Organization, on: dt.date, moves: dict[str, Organization], document: str) -> None:
    from ketnap.people.services import event_record

    periods = (
        StatusPeriod.objects.as_of(on)
        .filter(organization__path__startswith=org.path)
        .select_related("organization", "person")
        .order_by("person_id")
    )
    for period in periods:
        target = move_target(period.organization.path, moves)
        if target is None:
            raise ValidationFailed(
                {"moves": [_("Chưa chỉ định nơi chuyển đến cho đảng viên của %(name)s.") % {"name": org.name}]}
            )
        common = {"actor": actor, "person": period.person, "date": on, "document_number": document}
        kind_out, kind_in = status.EventKind.TRANSFERRED_OUT, status.EventKind.TRANSFERRED_IN
        event_record(**common, kind=kind_out, organization=period.organization, other_organization=target)
        event_record(**common, kind=kind_in, organization=target)


def _move_non_members(*, actor: Any, org: Organization, on: dt.date, moves: dict[str, Organization]) -> None:
    """People recorded in a closing organization who are not on its rolls (sources,
    candidates without a decision) follow the same moves, so nobody is left behind."""
    for person in reorganization_non_members(org, on).select_for_update():
        target = move_target(person.organization.path, moves)
        if target is None:
            continue
        before = snapshot(person, ["organization"])
        person.organization = target
        person.save(update_fields=["organization", "updated_at"])
        audit_log(
            actor=actor,
            action="person.move",
            obj=person,
            before=before,
            after=snapshot(person, ["organization"]),
            organization_path=org.path,
        )


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

    ``opened`` organizations must already exist (opened with ``organization_open``).
    ``moves`` maps an organization id to where its people go; a member follows the
    move of the nearest node on their path, so closing a district may map each of
    its cells to a new cell, or the whole district to one. Members move by dated
    transfer events, then the old nodes are closed; any failure undoes it all.
    """
    for org in closed:
        policy.require(actor, Action.ADMINISTER, org)
        _require_valid_on(org, on, "valid_to")
    for org in [*opened, *moves.values()]:
        policy.require(actor, Action.EDIT, org)
        _require_valid_on(org, on, "opened")
    by_path = moves_by_path(moves)
    for org in closed:
        _move_members(actor=actor, org=org, on=on, moves=by_path, document=document_number)
        _move_non_members(actor=actor, org=org, on=on, moves=by_path)
    for org in closed:
        organization_close(actor=actor, organization=org, on=on)
    record = Reorganization(kind=kind, effective_on=on, document_number=document_number, note=note)
    _validated(record)
    record.save()
    record.opened.set(opened)
    record.closed.set(closed)
    audit_log(
        actor=actor,
        action="organization.reorganize",
        obj=record,
        after={"closed": [o.code for o in closed], "opened": [o.code for o in opened], "on": str(on)},
        organization_path=_common_path([o.path for o in [*closed, *opened]]),
    )
    return record


def _open_below(organization: Organization, on: dt.date) -> bool:
    """Whether ``organization`` has sub-organizations still open on ``on``."""
    below = Organization.objects.in_subtree(organization).exclude(pk=organization.pk)
    return bool(below.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).exists())


@transaction.atomic
def organization_rename(
    *,
    actor: Any,
    organization: Organization,
    code: str,
    name: str,
    on: dt.date,
    document_number: str = "",
    note: str = "",
    sector: str = "",
) -> Organization:
    """Rename ``organization`` from ``on`` and return the renamed node.

    Names never change in place (the tree on an earlier date keeps the old name), so a
    node with the new name and code opens under the same parent, the localities the old
    node serves and its people follow it by dated transfers, and the old node closes:
    a reorganization of kind "rename". Nodes never move, so only a node without open
    sub-organizations is renamed this way; a committee with units below is reorganized.
    """
    policy.require(actor, Action.ADMINISTER, organization)
    organization = _locked(organization)
    if _open_below(organization, on):
        message = _("Tổ chức còn tổ chức trực thuộc; hãy sáp nhập hoặc chia tách thay vì đổi tên.")
        raise ValidationFailed({"name": [message]})
    renamed = organization_open(
        actor=actor,
        parent=Organization.objects.get_parent(organization),
        code=code,
        name=name,
        kind=organization.kind,
        sector=sector or organization.sector,  # a commune (xã) that becomes a ward changes sector
        valid_from=on,
    )
    for served in LocalityCell.objects.as_of(on).filter(cell=organization).select_related("locality"):
        locality_assign_cell(actor=actor, locality=served.locality, cell=renamed, valid_from=on)
    reorganize(
        actor=actor,
        kind=ReorganizationKind.RENAME,
        on=on,
        closed=[organization],
        opened=[renamed],
        moves={organization.pk: renamed},
        document_number=document_number,
        note=note,
    )
    return renamed


def _common_path(paths: list[str]) -> str:
    """The deepest organization path above all of ``paths`` (whole tree steps only)."""
    if not paths:
        return ""
    prefix = paths[0]
    for path in paths[1:]:
        while not path.startswith(prefix):
            prefix = prefix[: -Organization.steplen]
    return prefix


@transaction.atomic
def locality_create(
    *,
    actor: Any,
    commune: Organization,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date,
    hardship_area: bool = False,
) -> Locality:
    """Record a village, hamlet or residential group served by ``commune``."""
    policy.require(actor, Action.ADMINISTER, commune)
    _require_valid_on(commune, valid_from, "commune")
    locality = Locality(
        commune=commune, code=code, name=name, kind=kind, valid_from=valid_from, hardship_area=hardship_area
    )
    _validated(locality)
    locality.save()
    audit_log(
        actor=actor, action="locality.create", obj=locality, after=snapshot(locality), organization_path=commune.path
    )
    return locality


@transaction.atomic
def locality_assign_cell(*, actor: Any, locality: Locality, cell: Organization, valid_from: dt.date) -> LocalityCell:
    """From ``valid_from`` ``cell`` serves ``locality``; the previous assignment closes
    that day. One cell may serve several localities (a joint cell)."""
    locality = Locality.objects.select_for_update().select_related("commune").get(pk=locality.pk)
    policy.require(actor, Action.ADMINISTER, locality)
    policy.require(actor, Action.EDIT, cell)
    if not cell.is_cell:
        raise ValidationFailed({"cell": [_("Chỉ chi bộ mới phụ trách thôn, bản.")]})
    _require_valid_on(cell, valid_from, "cell")
    before = [snapshot(row) for row in close_open(LocalityCell.objects.filter(locality=locality), valid_from)]
    assignment = LocalityCell(locality=locality, cell=cell, valid_from=valid_from)
    _validated(assignment)
    assignment.save()
    audit_log(
        actor=actor,
        action="locality.assign_cell",
        obj=locality,
        before={"cells": before},
        after=snapshot(assignment),
        organization_path=locality.commune.path,
    )
    return assignment


@transaction.atomic
def village_head_set(*, actor: Any, locality: Locality, person: Person, valid_from: dt.date) -> VillageHead:
    """From ``valid_from`` ``person`` heads ``locality``; the previous head's term ends that day."""
    locality = Locality.objects.select_for_update().select_related("commune").get(pk=locality.pk)
    policy.require(actor, Action.EDIT, locality)
    policy.require(actor, Action.VIEW, person)
    before = [snapshot(row) for row in close_open(VillageHead.objects.filter(locality=locality), valid_from)]
    head = VillageHead(locality=locality, person=person, valid_from=valid_from)
    _validated(head)
    head.save()
    audit_log(
        actor=actor,
        action="locality.village_head",
        obj=locality,
        before={"heads": before},
        after=snapshot(head),
        organization_path=locality.commune.path,
    )
    return head


def _check_program_organizations(owner: Organization, organizations: Iterable[Organization]) -> list[Organization]:
    orgs = list(organizations)
    outside = [org.name for org in orgs if not org.path.startswith(owner.path)]
    if outside:
        raise ValidationFailed(
            {"organizations": [_("Không thuộc cấp ủy chủ trì: %(names)s.") % {"names": ", ".join(outside)}]}
        )
    return orgs


@transaction.atomic
def program_create(
    *,
    actor: Any,
    owner: Organization,
    code: str,
    name: str,
    start: dt.date,
    end: dt.date | None = None,
    description: str = "",
    organizations: Iterable[Organization] = (),
) -> Program:
    """Create a program owned by ``owner``; its organizations lie in the owner's subtree."""
    policy.require(actor, Action.ADMINISTER, owner)
    orgs = _check_program_organizations(owner, organizations)
    program = Program(owner=owner, code=code, name=name, start=start, end=end, description=description)
    _validated(program)
    program.save()
    program.organizations.set(orgs)
    after = {**snapshot(program), "organizations": sorted(org.code for org in orgs)}
    audit_log(actor=actor, action="program.create", obj=program, after=after, organization_path=owner.path)
    return program


@transaction.atomic
def program_set_organizations(*, actor: Any, program: Program, organizations: Iterable[Organization]) -> Program:
    """Replace the set of organizations a program covers."""
    program = Program.objects.select_for_update().select_related("owner").get(pk=program.pk)
    policy.require(actor, Action.ADMINISTER, program)
    orgs = _check_program_organizations(program.owner, organizations)
    before = sorted(program.organizations.values_list("code", flat=True))
    program.organizations.set(orgs)
    audit_log(
        actor=actor,
        action="program.set_organizations",
        obj=program,
        before={"organizations": before},
        after={"organizations": sorted(org.code for org in orgs)},
        organization_path=program.owner.path,
    )
    return program
