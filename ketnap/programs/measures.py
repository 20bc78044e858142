"""How each kind of program target is measured from the data.

A measure is a function ``(program, year, as_of) -> int | Decimal | None``; None means
"no data yet" (chưa có dữ liệu). The share of cells completing their tasks well comes
from the annual ratings, which another capability records: it registers its measure
with ``register`` and until then the target shows no data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from ketnap.organizations.models import Program
from ketnap.people.choices import Gender
from ketnap.people.models import MembershipEvent, Position, PositionKind
from ketnap.people.status import EventKind
from ketnap.programs.models import TargetKind
from ketnap.training.models import ClassKind, Enrolment
from ketnap.training.selectors import percent

Value = int | Decimal | None
Measure = Callable[[Program, int, dt.date], Value]

_MEASURES: dict[str, Measure] = {}


def register(kind: str, measure: Measure) -> None:
    """Install the measure of a kind of target (e.g. the ratings' share of cells rated well)."""
    _MEASURES[kind] = measure


def measure(kind: str, program: Program, year: int, as_of: dt.date) -> Value:
    """The measured value of a target of ``kind`` for ``year`` on ``as_of``; None without data."""
    function = _MEASURES.get(kind)
    return function(program, year, as_of) if function else None


def _area_q(program: Program, field: str) -> Q:
    """Rows whose ``field`` (an organization path) lies under one of the program's organizations."""
    paths = list(program.organizations.values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def _year(year: int, as_of: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)


def admissions(program: Program, first: dt.date, last: dt.date) -> QuerySet[MembershipEvent]:
    """Admission decisions of the ledger in the program's area dated ``first``..``last``."""
    return MembershipEvent.objects.filter(
        _area_q(program, "organization__path"),
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        superseded_by__isnull=True,
    )


def _admitted(program: Program, year: int, as_of: dt.date) -> Value:
    return admissions(program, *_year(year, as_of)).count()


def _admitted_women(program: Program, year: int, as_of: dt.date) -> Value:
    return admissions(program, *_year(year, as_of)).filter(person__gender=Gender.FEMALE).count()


def _cells_with_committee(program: Program, year: int, as_of: dt.date) -> Value:
    """Program cells with a cell committee on the date: a deputy secretary or committee member."""
    on = _year(year, as_of)[1]
    kinds = [PositionKind.DEPUTY_SECRETARY, PositionKind.COMMITTEE_MEMBER]
    held = Position.objects.as_of(on).filter(kind__in=kinds, organization__in=program.organizations.all())
    return held.values("organization_id").distinct().count()


def _candidates_trained(program: Program, year: int, as_of: dt.date) -> Value:
    """People of the program's area who completed a party-awareness class in the year."""
    return (
        Enrolment.objects.filter(
            _area_q(program, "person__organization__path"),
            training_class__kind=ClassKind.AWARENESS,
            completed_on__range=_year(year, as_of),
        )
        .values("person_id")
        .distinct()
        .count()
    )


def _coverage(program: Program, first: dt.date, last: dt.date, as_of: dt.date) -> Value:
    people = admissions(program, first, last).values("person_id")
    admitted = people.distinct().count()
    trained = Enrolment.objects.filter(
        person_id__in=people, training_class__kind=ClassKind.NEW_MEMBER, completed_on__lte=as_of
    )
    return percent(trained.values("person_id").distinct().count(), admitted)


def _coverage_earlier(program: Program, year: int, as_of: dt.date) -> Value:
    """New-member training of those admitted the year before (trained by ``as_of``)."""
    return _coverage(program, dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31), as_of)


def _coverage_year(program: Program, year: int, as_of: dt.date) -> Value:
    return _coverage(program, *_year(year, as_of), as_of)


register(TargetKind.ADMISSIONS, _admitted)
register(TargetKind.ADMISSIONS_WOMEN, _admitted_women)
register(TargetKind.CELLS_WITH_COMMITTEE, _cells_with_committee)
register(TargetKind.CANDIDATES_TRAINED, _candidates_trained)
register(TargetKind.COVERAGE_EARLIER, _coverage_earlier)
register(TargetKind.COVERAGE_YEAR, _coverage_year)
