"""Users and their roles: creating users, granting and ending roles, resetting
passwords, deactivating.

A role can only be granted or ended by an administrator of a strict ancestor of
the organization (or a superuser), so an administrator cannot create peers of
themselves or widen their own reach; and only for a user they manage
(``ketnap.accounts.selectors``), so they cannot reset a peer's or a superior's
password either. ``actor=None`` is the system operator at the command line.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.accounts.models import Account, RoleAssignment
from ketnap.accounts.selectors import require_manageable
from ketnap.accounts.tokens import tokens_revoke_all
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import end_on, overlaps
from ketnap.core.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization


def _require_ancestor_admin(actor: Any, organization: Organization) -> None:
    if actor is None:
        return
    if not policy.can(actor, Action.VIEW, organization):
        raise policy.NotFound()
    if not policy.can_strictly_below(actor, Action.ADMINISTER, organization):
        raise PermissionDenied()


@transaction.atomic
def role_grant(*, actor: Any, user: Any, organization: Organization, role: str, valid_from: dt.date) -> RoleAssignment:
    """Give ``user`` ``role`` on ``organization`` (and so its subtree) from ``valid_from``."""
    _require_ancestor_admin(actor, organization)
    require_manageable(actor, user)
    # Locking the user row serializes grants to one user, so the overlap check holds.
    locked = type(user).objects.select_for_update().filter(pk=user.pk).first()
    if locked is None or not locked.is_active:
        raise TransitionNotAllowed(_("Tài khoản này đã bị khóa."))
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
    require_manageable(actor, assignment.user)  # never a peer's or a superior's role
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
    """Deactivate ``user``: no more logins, and their API tokens are revoked. An
    administrator deactivates only users they manage, and nobody themselves."""
    require_manageable(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise TransitionNotAllowed(_("Không thể tự khóa tài khoản của chính mình."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_log(actor=actor, action="user.deactivate", obj=user, after={"is_active": False})
    tokens_revoke_all(actor=actor, user=user, reason="deactivated")
    return user


# Letters and digits that cannot be mistaken for one another when read aloud or copied.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def password_generate() -> str:
    """A one-time password: four groups of four characters (about 79 bits)."""
    groups = ("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def _password_errors(password: str, user: Any) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []


def _require_home_admin(actor: Any, organization: Organization | None) -> None:
    """A new user belongs to an organization the actor administers (or below it)."""
    if actor is None or (actor.is_active and actor.is_superuser):
        return
    if organization is None:
        raise ValidationFailed({"organization": [_("Hãy chọn tổ chức quản lý người dùng này.")]})
    policy.require(actor, Action.ADMINISTER, organization)


def _user_errors(user: Any) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        user.full_clean(exclude=["password", "last_login"])
    except ValidationError as error:
        errors = {("full_name" if key == "first_name" else key): value for key, value in error.message_dict.items()}
    if not user.email:
        errors.setdefault("email", []).append(_("Cần địa chỉ thư điện tử."))
    if not user.first_name:
        errors.setdefault("full_name", []).append(_("Cần họ và tên."))
    return errors


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    email: str,
    full_name: str,
    organization: Organization | None,
    password: str | None = None,
) -> tuple[Any, str | None]:
    """Create a user managed from ``organization``; returns the user and the generated
    one-time password (None when ``password`` was given). Either way the user must
    change it at the first login, since someone else knows it.

    The whole name is kept in ``first_name``: Vietnamese names are written family
    name first, and Django's full name puts ``first_name`` first."""
    _require_home_admin(actor, organization)
    user = get_user_model()(username=username.strip(), email=email.strip(), first_name=" ".join(full_name.split()))
    generated = password_generate() if password is None else None
    chosen = generated or password or ""
    errors = _user_errors(user)
    password_errors = [] if generated else _password_errors(chosen, user)
    if password_errors:
        errors["password"] = password_errors
    if errors:
        raise ValidationFailed(errors)
    user.set_password(chosen)
    user.save()
    Account.objects.create(user=user, home_organization=organization, created_by=actor, must_change_password=True)
    audit_log(
        actor=actor,
        action="user.create",
        obj=user,
        after={
            "username": user.username,
            "email": user.email,
            "full_name": user.first_name,
            "home_organization": organization.code if organization else None,
        },
        organization_path=organization.path if organization else "",
    )
    return user, generated


def _home_path(user: Any) -> str:
    account = Account.objects.filter(user=user).select_related("home_organization").first()
    home = account.home_organization if account else None
    return home.path if home else ""


@transaction.atomic
def user_password_reset(*, actor: Any, user: Any, password: str | None = None) -> str | None:
    """Give ``user`` a new password: ``password`` if it meets the rules, else a
    generated one, returned to be shown once. Their API tokens are revoked, their
    sessions end (Django ties each to the password hash) and they must choose
    their own password at the next login."""
    require_manageable(actor, user)
    user = type(user).objects.select_for_update().get(pk=user.pk)
    generated = password_generate() if password is None else None
    if password is not None:
        errors = _password_errors(password, user)
        if errors:
            raise ValidationFailed({"password": errors})
    user.set_password(generated or password)
    user.save(update_fields=["password"])
    # After the save: every password change clears the flag (credentials.py).
    Account.objects.update_or_create(user=user, defaults={"must_change_password": True})
    audit_log(
        actor=actor,
        action="user.password_reset",
        obj=user,
        after={"user": user.get_username(), "generated": generated is not None},
        organization_path=_home_path(user),
    )
    tokens_revoke_all(actor=actor, user=user, reason="password_reset")
    return generated
