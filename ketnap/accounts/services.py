"""Granting and ending roles on organizations.

A role can only be granted or ended by an administrator of a strict ancestor of
the organization (or a superuser), so an administrator cannot create peers of
themselves or widen their own reach.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.accounts.models import RoleAssignment
from ketnap.accounts.tokens import tokens_revoke_all
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import end_on, overlaps
from ketnap.core.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization


def _require_ancestor_admin(actor: Any, organization: Organization) -> None:
    if not policy.can(actor, Action.VIEW, organization):
        raise policy.NotFound()
    if not policy.can_strictly_below(actor, Action.ADMINISTER, organization):
        raise PermissionDenied()


@transaction.atomic
def role_grant(*, actor: Any, user: Any, organization: Organization, role: str, valid_from: dt.date) -> RoleAssignment:
    """Give ``user`` ``role`` on ``organization`` (and so its subtree) from ``valid_from``."""
    _require_ancestor_admin(actor, organization)
    # Locking the user row serializes grants to one user, so the overlap check holds.
    type(user).objects.select_for_update().filter(pk=user.pk).first()
    if not organization.is_valid_on(valid_from):
        raise ValidationFailed({"organization": [_("Tổ chức không có hiệu lực vào ngày này.")]})
    same = RoleAssignment.objects.filter(user=user, organization=organization, role=role)
    if overlaps(same, valid_from, None):
        raise ValidationFailed({"role": [_("Người dùng đã có vai trò này tại tổ chức này.")]})
    assignment = RoleAssignment(user=user, organization=organization, role=role, valid_from=valid_from)
    try:
        assignment.full_clean()
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error
    assignment.save()
    audit_log(
        actor=actor,
        action="role.grant",
        obj=assignment,
        after={**snapshot(assignment), "user": user.get_username()},
        organization_path=organization.path,
    )
    policy.forget(user)
    return assignment


@transaction.atomic
def role_end(*, actor: Any, assignment: RoleAssignment, on: dt.date) -> RoleAssignment:
    """End a role from ``on``; the row stays, so "who could do what then" is answerable.

    Cached roles live on each user object for one request; the next request of the
    holder loads them afresh, so ending takes effect from their next page.
    """
    assignment = RoleAssignment.objects.select_for_update().select_related("organization", "user").get(pk=assignment.pk)
    _require_ancestor_admin(actor, assignment.organization)
    if assignment.valid_to is not None:
        raise TransitionNotAllowed(_("Vai trò này đã kết thúc."))
    if on <= assignment.valid_from:
        raise ValidationFailed({"valid_to": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    end_on(assignment, on, actor=actor, action="role.end", organization_path=assignment.organization.path)
    policy.forget(assignment.user)
    return assignment


@transaction.atomic
def password_change(*, actor: Any, user: Any, new_password: str) -> int:
    """Set ``user``'s password (already validated by the form) and revoke their API
    tokens; returns how many were revoked. Other sessions end by themselves: Django
    ties each session to the password hash."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_log(actor=actor, action="user.password_change", obj=user, after={"user": user.get_username()})
    return tokens_revoke_all(actor=actor, user=user, reason="password_change")


@transaction.atomic
def user_deactivate(*, actor: Any, user: Any) -> Any:
    """Deactivate ``user``: no more logins, and their API tokens are revoked."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied()
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_log(actor=actor, action="user.deactivate", obj=user, after={"is_active": False})
    tokens_revoke_all(actor=actor, user=user, reason="deactivated")
    return user
