"""Reads of the ratings: who is rated by an organization, the ratings of a subtree and
year, and the summaries the reports quote ("24/24 cells completed tasks well or better")."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.policy import Action
from ketnap.coverage.selectors import percent
from ketnap.organizations.models import Organization, OrgKind, Program
from ketnap.people.models import Person, StatusPeriod
from ketnap.ratings.models import Rating, RatingLevel

GOOD_OR_BETTER = (RatingLevel.EXCELLENT, RatingLevel.GOOD)


def subjects_for(rater: Organization, subject: str, on: dt.date) -> dict[str, Any]:
    """Who ``rater`` rates on ``on``: its children by code, or its members by id."""
    if subject == "organizations":
        return {org.code: org for org in Organization.objects.as_of(on).children_of(rater)}
    ids = StatusPeriod.objects.as_of(on).members().filter(organization=rater).values("person_id")
    return {str(person.pk): person for person in Person.objects.filter(pk__in=ids).order_by("sort_key")}


def ratings_in(user: Any, org: Organization, year: int) -> QuerySet[Rating]:
    """The ratings of ``year`` in ``org``'s subtree that ``user`` may see."""
    queryset = Rating.objects.filter(year=year, organization__path__startswith=org.path)
    if user is not None:
        queryset = policy.scope(user, queryset, Action.VIEW)
    return queryset.select_related("organization", "person").order_by("organization__path", "person__sort_key")


def existing_for(rater: Organization, subject: str, year: int) -> dict[str, Rating]:
    """The ratings of ``year`` ``rater`` gave, by the key of the rated subject."""
    ratings = Rating.objects.filter(rated_by=rater, year=year, person__isnull=subject == "organizations")
    if subject == "organizations":
        return {rating.organization.code: rating for rating in ratings.select_related("organization")}
    return {str(rating.person_id): rating for rating in ratings}


@dataclass(frozen=True)
class Summary:
    """How many were rated at each level out of how many there were."""

    total: int
    levels: dict[str, int]

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    @property
    def good_or_better(self) -> int:
        return sum(self.levels.get(level, 0) for level in GOOD_OR_BETTER)

    @property
    def good_or_better_percent(self) -> Decimal | None:
        return percent(self.good_or_better, self.total)

    def as_dict(self) -> dict[str, Any]:
        share = self.good_or_better_percent
        return {
            "total": self.total,
            "rated": self.rated,
            "levels": {level.value: self.levels.get(level.value, 0) for level in RatingLevel},
            "good_or_better": self.good_or_better,
            "good_or_better_percent": None if share is None else float(share),
        }


def _summary(orgs: Iterable[Organization], year: int) -> Summary:
    ids = [org.pk for org in orgs]
    levels = Rating.objects.filter(year=year, person__isnull=True, organization_id__in=ids)
    return Summary(total=len(ids), levels=dict(Counter(levels.values_list("level", flat=True))))


@reading_from_replica()
def cells_summary(user: Any, org: Organization, year: int) -> Summary:
    """Cells of ``org``'s subtree on 31 December of ``year`` and their ratings."""
    cells = Organization.objects.as_of(dt.date(year, 12, 31)).in_subtree(org).filter(kind__in=OrgKind.cells())
    if user is not None:
        cells = policy.scope(user, cells, Action.VIEW)
    return _summary(cells, year)


@reading_from_replica()
def members_summary(user: Any, org: Organization, year: int) -> Summary:
    """Members of ``org``'s subtree on 31 December of ``year`` and their ratings."""
    day = dt.date(year, 12, 31)
    periods: QuerySet[StatusPeriod] = (
        StatusPeriod.objects.as_of(day).members().filter(organization__path__startswith=org.path)
    )
    if user is not None:
        periods = policy.scope(user, periods, Action.VIEW)
    total = periods.values("person_id").distinct().count()
    levels = Rating.objects.filter(year=year, person_id__in=periods.values("person_id"))
    return Summary(total=total, levels=dict(Counter(levels.values_list("level", flat=True))))


@reading_from_replica()
def program_summary(program: Program, year: int) -> Summary:
    """The cells of a program (e.g. Conclusion 50 in Mường Lát) and their ratings."""
    return _summary(program.organizations.filter(kind__in=OrgKind.cells()), year)
