"""Which users an administrator may see and manage, and who has access to an organization.

An administrator of organization N manages the users whose live roles (not yet
ended) all lie strictly below N, and the users without live roles whose home
organization (where they were created) is N or below it. Nobody but a superuser
manages a superuser or a user holding a role at or above N, so an administrator
cannot take over a peer's or a superior's account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from ketnap.accounts.models import RoleAssignment
from ketnap.core import policy
from ketnap.core.errors import NotFound, PermissionDenied
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization


def _everything(actor: Any) -> bool:
    """The command line without ``--user`` (the system operator), or a superuser."""
    return actor is None or bool(actor.is_active and actor.is_superuser)


def _within(roots: list[str], field: str) -> Q:
    """``field`` (a path) is one of ``roots`` or below one."""
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(**{f"{field}__startswith": root})
    return query


def _strictly_below(roots: list[str], field: str) -> Q:
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(**{f"{field}__startswith": root}) & ~Q(**{field: root})
    return query


def live_roles(on: dt.date | None = None) -> QuerySet[RoleAssignment]:
    """Roles not ended by ``on`` (today): current ones and those starting later."""
    day = on or policy.today()
    return RoleAssignment.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def users_visible(actor: Any) -> QuerySet[Any]:
    """Users an administrator knows of: a live role or a home in their subtrees."""
    users = get_user_model().objects.all()
    if _everything(actor):
        return users
    roots = policy.root_paths(actor, Action.ADMINISTER)
    holders = live_roles().filter(_within(roots, "organization__path")).values("user_id")
    return users.filter(Q(pk__in=holders) | _within(roots, "account__home_organization__path"))


def users_manageable(actor: Any) -> QuerySet[Any]:
    """Users ``actor`` may create roles for, reset the password of and deactivate."""
    users = get_user_model().objects.all()
    if _everything(actor):
        return users
    roots = policy.root_paths(actor, Action.ADMINISTER)
    if not roots:
        return users.none()
    live = live_roles()
    outside = live.exclude(_strictly_below(roots, "organization__path")).values("user_id")
    homeless = ~Q(pk__in=live.values("user_id")) & _within(roots, "account__home_organization__path")
    return users.filter(is_superuser=False).exclude(pk__in=outside).filter(Q(pk__in=live.values("user_id")) | homeless)


def may_manage(actor: Any, user: Any) -> bool:
    return users_manageable(actor).filter(pk=user.pk).exists()


def require_manageable(actor: Any, user: Any) -> None:
    """NotFound for a user the actor does not know of, PermissionDenied for one they
    know but may not manage (a peer, a superior, a superuser)."""
    if _everything(actor):
        return
    if not users_visible(actor).filter(pk=user.pk).exists():
        raise NotFound()
    if not may_manage(actor, user):
        raise PermissionDenied()


def user_get(actor: Any, username: str) -> Any:
    """The user named ``username`` if ``actor`` knows of them; NotFound otherwise."""
    found = users_visible(actor).filter(username=username).select_related("account__home_organization").first()
    if found is None:
        raise NotFound()
    return found


def user_list(actor: Any, query: str = "") -> QuerySet[Any]:
    """The users ``actor`` manages, by user name; ``query`` matches name, user name or e-mail."""
    users = users_manageable(actor).select_related("account__home_organization").order_by("username")
    if query:
        text = query.strip()
        users = users.filter(Q(username__icontains=text) | Q(first_name__icontains=text) | Q(email__icontains=text))
    return users


def user_roles(actor: Any, user: Any) -> QuerySet[RoleAssignment]:
    """Every role of ``user`` on an organization ``actor`` may see, past, present and
    future, newest first: a user with roles elsewhere too does not disclose them."""
    rows: QuerySet[RoleAssignment] = RoleAssignment.objects.filter(user=user)
    if not _everything(actor):
        rows = policy.scope(actor, rows, Action.VIEW)
    return rows.select_related("organization").order_by("-valid_from", "organization__path", "role")


def ancestor_paths(org: Organization) -> list[str]:
    """The paths of ``org`` and of all its ancestors."""
    step = Organization.steplen
    return [org.path[:end] for end in range(step, len(org.path) + 1, step)]


def organization_access(actor: Any, org: Organization, *, as_of: dt.date | None = None) -> QuerySet[RoleAssignment]:
    """Who has access to ``org`` and through which role: roles on it and on its
    ancestors; those valid on ``as_of``, or every one with its dates when None.
    Only administrators of the organization (and the operator, ``None``) may ask."""
    if actor is not None:
        policy.require(actor, Action.ADMINISTER, org)
    rows = RoleAssignment.objects.filter(organization__path__in=ancestor_paths(org))
    if as_of is not None:
        rows = rows.as_of(as_of)
    return rows.select_related("user", "organization").order_by(
        "organization__depth", "organization__path", "role", "user__username", "-valid_from"
    )


def role_get(actor: Any, role_id: int) -> RoleAssignment:
    """A role row on an organization ``actor`` administers; NotFound otherwise."""
    rows = RoleAssignment.objects.select_related("user", "organization").filter(pk=role_id)
    found = policy.scope(actor, rows, Action.ADMINISTER).first() if actor is not None else rows.first()
    if found is None:
        raise NotFound()
    return found


def may_end(actor: Any, assignment: RoleAssignment) -> bool:
    """Whether ``actor`` may end this role: open, and held strictly below their own."""
    if assignment.valid_to is not None:
        return False
    # Whether the holder is one the actor manages is checked by ``role_end`` itself, not
    # per row of a list (one query each); a refused end says so on the form.
    return actor is None or policy.can_strictly_below(actor, Action.ADMINISTER, assignment.organization)


def admin_organizations(actor: Any) -> QuerySet[Organization]:
    """The organizations where ``actor`` holds the administrator role today (for a
    superuser, the roots of the tree)."""
    organizations: QuerySet[Organization] = Organization.objects.order_by("path")
    if actor is None:
        return organizations.none()
    paths = policy.root_paths(actor, Action.ADMINISTER)
    if paths == [""]:
        return organizations.filter(depth=1)
    return organizations.filter(path__in=paths)


def require_administrator(actor: Any) -> None:
    """User management needs some administrator role (PermissionDenied otherwise)."""
    if not _everything(actor):
        policy.require_any(actor, Action.ADMINISTER)
