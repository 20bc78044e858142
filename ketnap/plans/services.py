"""Writes of the plans: the documents that set targets, targets and their revisions,
and the allocation of a year's plan among an organization's children.

Targets are set from above: an editor of an organization's parent (any strict
ancestor) sets its target, so a commune board allocates to its cells but does not
set its own plan. Every write is atomic and audited; a revision never edits a target,
it adds a row that supersedes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import PermissionDenied, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.plans.models import SUB_TARGET_KEYS, PlanDocument, Target
from ketnap.plans.selectors import allocation_warnings, check_year, target_in_force


def _full_clean(obj: Any) -> None:
    try:
        obj.full_clean(exclude=["supersedes"])
    except ValidationError as error:
        raise ValidationFailed(
            {key: [str(m) for m in messages] for key, messages in error.message_dict.items()}
        ) from error


def _user(actor: Any) -> Any:
    """The user to store as the recorder; None for an unsaved system actor (the demo loader)."""
    return actor if getattr(actor, "pk", None) else None


def require_allocate(user: Any, org: Organization) -> None:
    """404 when ``org`` is out of view; 403 unless the user edits a strict ancestor of it."""
    policy.require(user, Action.VIEW, org)
    if not policy.can_strictly_below(user, Action.EDIT, org):
        raise PermissionDenied(_("Chỉ tiêu của một tổ chức do cấp ủy cấp trên giao."))


@transaction.atomic
def document_create(*, actor: Any, issuer: Organization, number: str, issued_on: dt.date, title: str) -> PlanDocument:
    """Record the letter, plan or resolution that sets targets, issued by ``issuer``."""
    policy.require(actor, Action.EDIT, issuer)
    document = PlanDocument(
        issuer=issuer, number=number.strip(), issued_on=issued_on, title=title.strip(), recorded_by=_user(actor)
    )
    _full_clean(document)
    document.save()
    audit_log(actor=actor, action="plans.document.create", obj=document, after=snapshot(document))
    return document


def _check_document(actor: Any, document: PlanDocument | None, org: Organization) -> None:
    if document is None:
        return
    if not policy.can(actor, Action.VIEW, document) or not org.path.startswith(document.issuer.path):
        raise ValidationFailed({"document": [_("Văn bản không thuộc cấp ủy giao chỉ tiêu cho tổ chức này.")]})


def _check_sub_targets(total: int, subs: Mapping[str, int | None]) -> None:
    errors = {
        key: [_("Chỉ tiêu thành phần không được lớn hơn tổng chỉ tiêu (%(total)s).") % {"total": total}]
        for key, value in subs.items()
        if value is not None and value > total
    }
    if errors:
        raise ValidationFailed(errors)


def _same(target: Target, total: int, subs: Mapping[str, int | None], document: PlanDocument | None) -> bool:
    return (
        target.total == total
        and target.sub_targets() == dict(subs)
        and target.document_id == (document.pk if document else None)
    )


def _current(org: Organization, first_year: int, last_year: int) -> Target | None:
    rows = Target.objects.select_for_update().current()
    return rows.filter(organization=org, first_year=first_year, last_year=last_year).first()


def _check_period(first_year: int, last_year: int) -> None:
    check_year(first_year)
    check_year(last_year)
    if last_year < first_year:
        raise ValidationFailed({"last_year": [_("Năm kết thúc không được trước năm bắt đầu.")]})


@transaction.atomic
def target_set(
    *,
    actor: Any,
    organization: Organization,
    first_year: int,
    last_year: int,
    total: int,
    set_on: dt.date,
    sub_targets: Mapping[str, int | None] | None = None,
    document: PlanDocument | None = None,
    note: str = "",
) -> Target:
    """Set (or revise) ``organization``'s target for the period; the same values again
    change nothing. A revision supersedes the current row, which is kept."""
    require_allocate(actor, organization)
    _check_period(first_year, last_year)
    subs = {key: (sub_targets or {}).get(key) for key in SUB_TARGET_KEYS}
    _check_sub_targets(total, subs)
    _check_document(actor, document, organization)
    if not organization.is_valid_on(set_on):
        raise ValidationFailed({"set_on": [_("Tổ chức không hoạt động vào ngày giao chỉ tiêu.")]})
    old = _current(organization, first_year, last_year)
    if old is not None and _same(old, total, subs, document):
        return old
    if old is not None and set_on < old.set_on:
        message = _("Ngày giao không được trước lần giao trước (%(date)s).") % {"date": f"{old.set_on:%d/%m/%Y}"}
        raise ValidationFailed({"set_on": [message]})
    return _write_revision(actor, organization, old, first_year, last_year, total, set_on, subs, document, note)


def _write_revision(
    actor: Any,
    organization: Organization,
    old: Target | None,
    first_year: int,
    last_year: int,
    total: int,
    set_on: dt.date,
    subs: dict[str, int | None],
    document: PlanDocument | None,
    note: str,
) -> Target:
    if old is not None:
        old.current = False
        old.save(update_fields=["current"])
    target = Target(
        organization=organization, first_year=first_year, last_year=last_year, total=total, set_on=set_on,
        document=document, note=note.strip(), supersedes=old, recorded_by=_user(actor), **subs,
    )  # fmt: skip
    _full_clean(target)
    target.save()
    before = snapshot(old) if old else None
    action = "plans.target.revise" if old else "plans.target.set"
    audit_log(actor=actor, action=action, obj=target, before=before, after=snapshot(target))
    policy.require_in_scope(actor, Action.VIEW, target)
    return target


@dataclass(frozen=True)
class Share:
    """One child's part of an allocation: its total and sub-targets (None: not set)."""

    organization: Organization
    total: int | None
    sub_targets: dict[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Allocation:
    written: list[Target]
    warnings: list[str]


def _check_children(parent: Organization, shares: Sequence[Share], on: dt.date) -> None:
    for share in shares:
        child = share.organization
        if child.depth != parent.depth + 1 or not child.path.startswith(parent.path) or not child.is_valid_on(on):
            raise ValidationFailed(
                {"organization": [_("%(code)s không trực thuộc tổ chức này.") % {"code": child.code}]}
            )


@transaction.atomic
def allocation_save(
    *,
    actor: Any,
    parent: Organization,
    year: int,
    set_on: dt.date,
    shares: Sequence[Share],
    document: PlanDocument | None = None,
) -> Allocation:
    """Give each child its target for ``year``; a sum that differs from the parent's
    plan is a warning, never a refusal (a district may hold some back)."""
    policy.require(actor, Action.EDIT, parent)
    check_year(year)
    _check_children(parent, shares, set_on)
    written = [
        target_set(
            actor=actor,
            organization=share.organization,
            first_year=year,
            last_year=year,
            total=share.total,
            set_on=set_on,
            sub_targets=share.sub_targets,
            document=document,
        )
        for share in shares
        if share.total is not None
    ]
    parent_target = target_in_force(parent, year, set_on)
    children_sum = sum(share.total or 0 for share in shares)
    plan = parent_target.total if parent_target else None
    return Allocation(written, allocation_warnings(plan, children_sum, bool(written)))
