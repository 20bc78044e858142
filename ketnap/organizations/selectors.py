"""Reads of the organization tree, always narrowed by the permission policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.core.search import matches_first
from ketnap.lib.vntext import fold, without_zero_width
from ketnap.organizations.models import Organization, children_q
from ketnap.people.models import Person, StatusPeriod


def _with_has_children(queryset: QuerySet[Organization], as_of: dt.date) -> QuerySet[Organization]:
    """Annotate ``has_children``: whether the node had children valid on ``as_of``.

    treebeard's ``numchild`` counts closed children too, so it cannot tell; an index range
    per node answers it (``children_q``)."""
    children = Organization.objects.as_of(as_of).filter(children_q(OuterRef("path"), OuterRef("depth")))
    return queryset.annotate(has_children=Exists(children))


def organization_visible_roots(user: Any, as_of: dt.date) -> QuerySet[Organization]:
    """The top nodes of what ``user`` may see, as the tree stood on ``as_of``."""
    roots = policy.root_paths(user, Action.VIEW)
    queryset: QuerySet[Organization] = policy.scope(user, Organization.objects.as_of(as_of), Action.VIEW)
    queryset = queryset.filter(depth=1) if roots == [""] else queryset.filter(path__in=roots)
    return _with_has_children(queryset, as_of)


def organization_children(user: Any, org: Organization, as_of: dt.date) -> QuerySet[Organization]:
    """Children of ``org`` valid on ``as_of`` that ``user`` may see, in tree order."""
    queryset = Organization.objects.as_of(as_of).children_of(org)
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
        match = Q(search_name__contains=folded) | Q(code__icontains=without_zero_width(query).strip())
        queryset = matches_first(queryset, match)
    return queryset.order_by("path")


def organization_successors(user: Any, org: Organization) -> QuerySet[Organization]:
    """The visible organizations opened by the reorganizations that closed ``org``."""
    opened = Organization.objects.filter(opened_by__closed=org).distinct()
    return policy.scope(user, opened, Action.VIEW).order_by("path")


def organization_predecessors(user: Any, org: Organization) -> QuerySet[Organization]:
    """The visible organizations closed by the reorganizations that opened ``org``."""
    closed = Organization.objects.filter(closed_by__opened=org).distinct()
    return policy.scope(user, closed, Action.VIEW).order_by("path")


# --- Reorganizations: who moves where -------------------------------------------------------


def move_target(path: str, moves: dict[str, Organization]) -> Organization | None:
    """The move of the nearest node on ``path`` (itself, then its ancestors) that has one;
    ``moves`` maps a node's path to where its people go."""
    for prefix in sorted(moves, key=len, reverse=True):
        if path.startswith(prefix):
            return moves[prefix]
    return None


def moves_by_path(moves: dict[int, Organization]) -> dict[str, Organization]:
    """``moves`` keyed by organization id, re-keyed by the organization's path."""
    return {org.path: moves[org.pk] for org in Organization.objects.filter(pk__in=list(moves))}


@dataclass(frozen=True)
class MoveGroup:
    """The members of one node of a closing subtree and where they go (None: nowhere yet)."""

    source: Organization
    target: Organization | None
    members: int


@dataclass(frozen=True)
class MoveRow:
    person: Person
    source: Organization
    target: Organization | None


def reorganization_members(closed: Organization, on: dt.date) -> QuerySet[StatusPeriod]:
    """The status periods valid on ``on`` in the closing subtree: the members the
    reorganization moves by transfer, in tree then name order."""
    return (
        StatusPeriod.objects.as_of(on)
        .filter(organization__path__startswith=closed.path)
        .select_related("organization", "person")
        .order_by("organization__path", "person__sort_key", "person_id")
    )


def reorganization_non_members(closed: Organization, on: dt.date) -> QuerySet[Person]:
    """People recorded in the closing subtree who are not on its rolls on ``on`` or later
    (sources, candidates without a decision): they follow the same moves, without a
    transfer, so nobody is left behind in a closed organization."""
    on_rolls = StatusPeriod.objects.filter(person=OuterRef("pk")).filter(Q(end__isnull=True) | Q(end__gt=on))
    people = Person.objects.filter(organization__path__startswith=closed.path).exclude(Exists(on_rolls))
    return people.select_related("organization").order_by("pk")


def reorganization_groups(closed: Organization, on: dt.date, moves: dict[str, Organization]) -> list[MoveGroup]:
    """Per node of the closing subtree with members on ``on``: how many, and where they go."""
    counts = (
        reorganization_members(closed, on).order_by().values("organization").annotate(n=Count("person", distinct=True))
    )
    by_pk = {row["organization"]: row["n"] for row in counts}
    nodes = Organization.objects.filter(pk__in=list(by_pk)).order_by("path")
    return [MoveGroup(node, move_target(node.path, moves), by_pk[node.pk]) for node in nodes]


def reorganization_rows(periods: Iterable[StatusPeriod], moves: dict[str, Organization]) -> list[MoveRow]:
    """One page of the members, each with the destination the reorganization gives them."""
    rows = []
    for period in periods:
        source = period.organization
        if source is not None:  # always, for periods found by their organization's path
            rows.append(MoveRow(period.person, source, move_target(source.path, moves)))
    return rows


def reorganization_unplaced(closed: Organization, on: dt.date, moves: dict[str, Organization]) -> int:
    """Members of the closing subtree on ``on`` that no move places: the reorganization
    would be refused until each has a destination."""
    groups = reorganization_groups(closed, on, moves)
    return sum(group.members for group in groups if group.target is None)
