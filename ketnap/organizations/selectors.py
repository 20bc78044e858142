"""Reads of the organization tree, always narrowed by the permission policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.lib.vntext import fold, without_zero_width
from ketnap.organizations.models import Organization


def _with_has_children(queryset: QuerySet[Organization], as_of: dt.date) -> QuerySet[Organization]:
    """Annotate ``has_children``: whether the node had children valid on ``as_of``.

    treebeard's ``numchild`` counts closed children too, so it cannot tell."""
    children = Organization.objects.as_of(as_of).filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    return queryset.annotate(has_children=Exists(children))


def organization_visible_roots(user: Any, as_of: dt.date) -> QuerySet[Organization]:
    """The top nodes of what ``user`` may see, as the tree stood on ``as_of``."""
    roots = policy.root_paths(user, Action.VIEW)
    queryset: QuerySet[Organization] = policy.scope(user, Organization.objects.as_of(as_of), Action.VIEW)
    queryset = queryset.filter(depth=1) if roots == [""] else queryset.filter(path__in=roots)
    return _with_has_children(queryset, as_of)


def organization_children(user: Any, org: Organization, as_of: dt.date) -> QuerySet[Organization]:
    """Children of ``org`` valid on ``as_of`` that ``user`` may see, in tree order."""
    queryset = Organization.objects.as_of(as_of).filter(path__startswith=org.path, depth=org.depth + 1)
    return _with_has_children(policy.scope(user, queryset, Action.VIEW), as_of)


def organization_ancestors(user: Any, org: Organization) -> QuerySet[Organization]:
    """The visible ancestors of ``org``, root first (for breadcrumbs)."""
    paths = org.ancestor_paths()[:-1]
    return policy.scope(user, Organization.objects.filter(path__in=paths), Action.VIEW)


def organization_get(user: Any, code: str) -> Organization:
    """The organization with ``code`` if ``user`` may see it; NotFound otherwise, so
    organizations outside the user's subtree look exactly like missing ones."""
    org: Organization | None = policy.scope(user, Organization.objects.filter(code=code), Action.VIEW).first()
    if org is None:
        raise NotFound()
    return org


def organization_list(
    user: Any, *, as_of: dt.date, parent: Organization | None = None, kind: str = "", query: str = ""
) -> QuerySet[Organization]:
    """Organizations valid on ``as_of`` that ``user`` may see, in tree order: all of
    them, or the children of ``parent`` (as the tree pages show them). The search
    matches part of the code or of the name without regard to diacritics or case
    ("muong te" finds "Mường Tè")."""
    queryset: QuerySet[Organization]
    if parent is not None:
        queryset = organization_children(user, parent, as_of)
    else:
        queryset = policy.scope(user, Organization.objects.as_of(as_of), Action.VIEW)
    if kind:
        queryset = queryset.filter(kind=kind)
    if folded := fold(query):
        queryset = queryset.filter(
            Q(search_name__contains=folded) | Q(code__icontains=without_zero_width(query).strip())
        )
    return queryset.order_by("path")


def organization_successors(user: Any, org: Organization) -> QuerySet[Organization]:
    """The visible organizations opened by the reorganizations that closed ``org``."""
    opened = Organization.objects.filter(opened_by__closed=org).distinct()
    return policy.scope(user, opened, Action.VIEW).order_by("path")


def organization_predecessors(user: Any, org: Organization) -> QuerySet[Organization]:
    """The visible organizations closed by the reorganizations that opened ``org``."""
    closed = Organization.objects.filter(closed_by__opened=org).distinct()
    return policy.scope(user, closed, Action.VIEW).order_by("path")
