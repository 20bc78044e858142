"""The one permission policy: every page, API call, export and command asks it.

A role held on an organization applies to that organization's whole subtree, so
"what may this user see" is a set of path prefixes, and scoping any queryset is one
indexed ``path__startswith`` filter per prefix. Models declare where their path is
(``scope_path``), so the same code scopes organizations, people and audit rows.

A capability may register a ``Grant``: another path through which a record is reached
while a condition holds (a pending transfer shows its person to the receiving cell),
so that exception lives here too and every page and endpoint honours it.

Out of scope is reported as not found (404), so the existence of records outside
a user's subtree is not disclosed; in scope but below the needed role is 403.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from ketnap.core.errors import NotFound, OutOfScope, PermissionDenied


class Action(StrEnum):
    VIEW = "view"
    VIEW_SENSITIVE = "view_sensitive"  # ethnicity, religion, citizen ID, verification notes
    EDIT = "edit"
    APPROVE = "approve"
    ADMINISTER = "administer"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "viewer": frozenset({Action.VIEW}),
    "editor": frozenset({Action.VIEW, Action.VIEW_SENSITIVE, Action.EDIT}),
    "approver": frozenset({Action.VIEW, Action.VIEW_SENSITIVE, Action.EDIT, Action.APPROVE}),
    "admin": frozenset(Action),
}

M = TypeVar("M", bound=models.Model)
_CACHE_ATTR = "_ketnap_role_paths"


def _role_paths(user: Any) -> list[tuple[str, str]]:
    """(path, role) pairs of the user's roles valid today, cached on the user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from ketnap.accounts.models import RoleAssignment

    today = timezone.localdate()
    pairs = list(
        RoleAssignment.objects.as_of(today)
        .filter(user=user, organization__valid_from__lte=today)
        .values_list("organization__path", "role")
    )
    setattr(user, _CACHE_ATTR, pairs)
    return pairs


def forget(user: Any) -> None:
    """Drop the cached roles after they change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _minimal(paths: list[str]) -> list[str]:
    """Drop prefixes already covered by a shorter one."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return result


def root_paths(user: Any, action: Action) -> list[str]:
    """The subtree roots where ``user`` may perform ``action``; [""] means everything."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return [""]
    return _minimal([path for path, role in _role_paths(user) if action in ROLE_ACTIONS.get(role, ())])


def scope_q(user: Any, action: Action, path_field: str = "path") -> Q:
    roots = root_paths(user, action)
    if not roots:
        return Q(pk__in=[])
    if roots == [""]:
        return Q()
    query = Q()
    for root in roots:
        query |= Q(**{f"{path_field}__startswith": root})
    return query


def _path_fields(model: Any) -> tuple[str, ...]:
    """Where a model's paths are: ``scope_path``, plus ``scope_also`` for a record that
    shows another one (a case shows its person), so it is visible only when both are."""
    main: str = getattr(model, "scope_path", "organization__path")
    return (main, *getattr(model, "scope_also", ()))


@dataclass(frozen=True)
class Grant:
    """Another way to reach a record: a role covering ``path_field`` grants ``actions``
    on it while ``when`` holds (a pending transfer shows its person to the receiving
    organization). Registered by the capability that creates the situation."""

    actions: frozenset[Action]
    path_field: str
    when: Q


_GRANTS: dict[type[models.Model], list[Grant]] = {}


def grant(model: type[models.Model], grant: Grant) -> None:
    """Register ``grant`` on ``model`` (twice has no effect)."""
    grants = _GRANTS.setdefault(model, [])
    if grant not in grants:
        grants.append(grant)


def _granted_q(user: Any, action: Action, model: Any) -> Q | None:
    """Rows of ``model`` reached through a grant, as one ``pk IN (…)`` condition per grant."""
    query: Q | None = None
    for item in _GRANTS.get(model, ()):
        if action in item.actions and root_paths(user, action):
            rows = model._default_manager.filter(item.when & scope_q(user, action, item.path_field))
            query = Q(pk__in=rows.values("pk")) if query is None else query | Q(pk__in=rows.values("pk"))
    return query


def scope(user: Any, queryset: models.QuerySet[M], action: Action = Action.VIEW) -> models.QuerySet[M]:
    """``queryset`` narrowed to what ``user`` may ``action``; the model names its path fields,
    and the grants registered on it (``grant``) add the rows they reach."""
    own = Q()
    for path_field in _path_fields(queryset.model):
        own &= scope_q(user, action, path_field)
    granted = _granted_q(user, action, queryset.model) if own != Q() else None  # Q(): already everything
    return queryset.filter(own if granted is None else own | granted)


def _follow(obj: Any, path_field: str) -> str:
    value: Any = obj
    for part in path_field.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return "\x00"  # belongs nowhere: visible only to superusers
    return str(value)


def path_of(obj: Any) -> str:
    """The organization path an object belongs to, for single-object checks."""
    return _follow(obj, _path_fields(type(obj))[0])


def can_path(user: Any, action: Action, path: str) -> bool:
    """Whether ``user`` may ``action`` in the organization at ``path``."""
    return any(path.startswith(root) for root in root_paths(user, action))


def can(user: Any, action: Action, obj: Any) -> bool:
    if all(can_path(user, action, _follow(obj, field)) for field in _path_fields(type(obj))):
        return True
    granted = _granted_q(user, action, type(obj))
    return granted is not None and type(obj)._default_manager.filter(granted, pk=obj.pk).exists()


def require(user: Any, action: Action, obj: Any) -> None:
    """Raise NotFound when ``obj`` is outside the user's view, PermissionDenied when
    it is visible but ``action`` needs a higher role."""
    if not can(user, Action.VIEW, obj):
        raise NotFound()
    if action is not Action.VIEW and not can(user, action, obj):
        raise PermissionDenied()


def require_in_scope(user: Any, action: Action, obj: Any) -> None:
    """The re-check after a write: raise OutOfScope (and so roll the transaction
    back) when the written object has landed outside what ``user`` may ``action``."""
    if not can(user, action, obj):
        raise OutOfScope()


def can_strictly_below(user: Any, action: Action, obj: Any) -> bool:
    """Whether ``user`` may ``action`` on ``obj`` through a role held on a strict
    ancestor of it: the test for granting roles, so nobody creates their own peers."""
    path = path_of(obj)
    return any(path.startswith(root) and len(path) > len(root) for root in root_paths(user, action))


def require_any(user: Any, action: Action) -> None:
    """For pages that are not about one object: the user must hold some such role."""
    if not root_paths(user, action):
        raise PermissionDenied()


def today() -> dt.date:
    return timezone.localdate()


def role_names(user: Any) -> set[str]:
    """The roles ``user`` holds today on any organization (cached like the rest)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return {role for _path, role in _role_paths(user)}
