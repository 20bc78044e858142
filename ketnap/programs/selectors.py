"""Reads of the programs: the scoped list, and a program's page as of a date: every
target beside its measured value, the members taking part in its cells and the
households its members follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, QuerySet, Sum

from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization, Program
from ketnap.people.models import SupportAssignment, SupportKind
from ketnap.programs import measures
from ketnap.programs.models import PERCENT_KINDS, HouseholdAssignment, ProgramTarget


def program_list(user: Any, organization: Organization | None = None) -> QuerySet[Program]:
    """Programs the user sees (by their owner), of an owner in ``organization``'s subtree."""
    queryset = policy.scope(user, Program.objects.select_related("owner"), Action.VIEW)
    if organization is not None:
        queryset = queryset.filter(owner__path__startswith=organization.path)
    return queryset.annotate(cells=Count("organizations", distinct=True)).order_by("-start", "code")


def program_get(user: Any, code: str, action: Action = Action.VIEW) -> Program:
    """The program if the user sees it (404 otherwise) and may ``action`` it (403)."""
    found = Program.objects.select_related("owner").filter(code=code).first()
    if found is None or not policy.can(user, Action.VIEW, found):
        raise NotFound()
    policy.require(user, action, found)
    return found


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class TargetRow:
    target: ProgramTarget
    value: int | Decimal | None
    outcome: Outcome

    @property
    def is_percent(self) -> bool:
        return self.target.kind in PERCENT_KINDS


def target_rows(program: Program, as_of: dt.date, year: int | None = None) -> list[TargetRow]:
    """Every target (of ``year``, or all) beside its value measured on ``as_of``."""
    targets = program.targets.all() if year is None else program.targets.filter(year=year)
    return [_row(target, as_of) for target in targets.order_by("year", "pk")]


def _row(target: ProgramTarget, as_of: dt.date) -> TargetRow:
    value = measures.measure(target.kind, target.program, target.year, as_of)
    if value is None:
        return TargetRow(target, None, Outcome.NO_DATA)
    return TargetRow(target, value, Outcome.MET if value >= target.minimum else Outcome.NOT_MET)


@dataclass(frozen=True)
class SupportRow:
    kind: str
    label: str
    members: int
    cells: int


def supporters(program: Program, as_of: dt.date) -> list[SupportRow]:
    """Members taking part in the program's cells on ``as_of``, per force (steering
    committee, border posts, police, military, schools)."""
    rows = (
        SupportAssignment.objects.as_of(as_of)
        .filter(cell__in=program.organizations.all())
        .values("kind")
        .annotate(members=Count("person", distinct=True), cells=Count("cell", distinct=True))
    )
    found = {row["kind"]: row for row in rows}
    return [
        SupportRow(kind.value, str(kind.label), found[kind.value]["members"], found[kind.value]["cells"])
        for kind in SupportKind
        if kind.value in found
    ]


@dataclass(frozen=True)
class Households:
    members: int
    households: int
    cells: int


def households(program: Program, as_of: dt.date) -> Households:
    """Members assigned to households on ``as_of`` and how many households they follow."""
    totals = (
        HouseholdAssignment.objects.as_of(as_of)
        .filter(program=program)
        .aggregate(
            members=Count("person", distinct=True), households=Sum("households"), cells=Count("cell", distinct=True)
        )
    )
    return Households(totals["members"], totals["households"] or 0, totals["cells"])


def household_rows(program: Program, as_of: dt.date) -> QuerySet[HouseholdAssignment]:
    return (
        HouseholdAssignment.objects.as_of(as_of)
        .filter(program=program)
        .select_related("person", "cell")
        .order_by("cell__name", "person__sort_key")
    )


def support_rows(program: Program, as_of: dt.date) -> QuerySet[SupportAssignment]:
    return (
        SupportAssignment.objects.as_of(as_of)
        .filter(cell__in=program.organizations.all())
        .select_related("person", "cell")
        .order_by("kind", "cell__name", "person__sort_key")
    )
