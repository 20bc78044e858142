"""The organization-and-membership statistics of any subtree on any date.

One typed row, computed by two queries (organizations by kind, and one aggregate
over the status periods valid on the date). The page, the API, the command and
the spreadsheet export all format this same row, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ketnap.core.errors import NotValidOnDate
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.choices import MAJORITY_ETHNICITY, Education, Gender, PoliticalTheory, Professional, Religion
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.status import EventKind, Status

# Age bands of the statistical forms, in whole years on the report date; None = open.
AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("18_30", 18, 30),
    ("31_35", 31, 35),
    ("36_40", 36, 40),
    ("41_45", 41, 45),
    ("46_50", 46, 50),
    ("51_55", 51, 55),
    ("56_60", 56, 60),
    ("over_60", 61, None),
]


def years_before(date: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return date.replace(year=date.year - years)
    except ValueError:
        return date.replace(year=date.year - years, day=28)


def _age_band_q(as_of: dt.date, low: int, high: int | None) -> Q:
    # Age >= low  <=>  born on or before the date ``low`` years earlier; age <= high
    # <=> born after the date ``high + 1`` years earlier. Pure date comparisons, so
    # the same SQL runs on SQLite and PostgreSQL.
    query = Q(person__birth_date__lte=years_before(as_of, low))
    if high is not None:
        query &= Q(person__birth_date__gt=years_before(as_of, high + 1))
    return query


@dataclass(frozen=True)
class Statistics:
    """Organizations and members of one subtree on one date."""

    organization_code: str
    organization_name: str
    as_of: dt.date
    organizations_by_kind: dict[str, int]
    grassroots_organizations: int
    members: int
    probationary: int
    official: int
    exempted: int
    women: int
    ethnic_minority: int
    religious: int
    youth_union: int
    age_bands: dict[str, int]
    education: dict[str, int]
    professional: dict[str, int]
    political_theory: dict[str, int]
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def _choice_counts(prefix: str, field_name: str, values: list[str]) -> dict[str, Count]:
    return {f"{prefix}__{v}": Count("id", filter=Q(**{f"person__{field_name}": v})) for v in values}


def organization_statistics(org: Organization, as_of: dt.date) -> Statistics:
    """Statistics of ``org``'s subtree as it stood on ``as_of`` (the org itself not counted
    among the organizations)."""
    if not org.is_valid_on(as_of):
        raise NotValidOnDate(
            _("Tổ chức %(code)s không tồn tại vào ngày %(date)s.")
            % {"code": org.code, "date": as_of.strftime("%d/%m/%Y")}
        )
    kinds = dict(
        Organization.objects.as_of(as_of)
        .in_subtree(org)
        .filter(depth__gt=org.depth)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    by_kind = {kind.value: kinds.get(kind.value, 0) for kind in OrgKind if kind is not OrgKind.NATIONAL}

    aggregates: dict[str, Count] = {
        "members": Count("id"),
        "probationary": Count("id", filter=Q(status=Status.PROBATIONARY)),
        "official": Count("id", filter=Q(status=Status.OFFICIAL)),
        "exempted": Count("id", filter=Q(status=Status.EXEMPTED)),
        "women": Count("id", filter=Q(person__gender=Gender.FEMALE)),
        "ethnic_minority": Count("id", filter=~Q(person__ethnicity=MAJORITY_ETHNICITY)),
        "religious": Count("id", filter=~Q(person__religion=Religion.NONE)),
        "youth_union": Count("id", filter=Q(person__youth_union_member=True)),
    }
    for key, low, high in AGE_BANDS:
        aggregates[f"age__{key}"] = Count("id", filter=_age_band_q(as_of, low, high))
    aggregates |= _choice_counts("education", "education", Education.values)
    aggregates |= _choice_counts("professional", "professional", Professional.values)
    aggregates |= _choice_counts("political_theory", "political_theory", PoliticalTheory.values)

    # Organization ids from a subquery rather than a join on the path: the database
    # then walks the (organization, start, end) index from the few matching nodes
    # (a prefix LIKE cannot use an index on SQLite), 4x faster on a province.
    subtree = Organization.objects.in_subtree(org).order_by().values("id")
    row = StatusPeriod.objects.members().as_of(as_of).filter(organization__in=subtree).aggregate(**aggregates)

    def group(prefix: str) -> dict[str, int]:
        return {key.split("__", 1)[1]: value for key, value in row.items() if key.startswith(prefix + "__")}

    stats = Statistics(
        organization_code=org.code,
        organization_name=org.name,
        as_of=as_of,
        organizations_by_kind=by_kind,
        grassroots_organizations=sum(by_kind[k] for k in OrgKind.grassroots()),
        members=row["members"],
        probationary=row["probationary"],
        official=row["official"],
        exempted=row["exempted"],
        women=row["women"],
        ethnic_minority=row["ethnic_minority"],
        religious=row["religious"],
        youth_union=row["youth_union"],
        age_bands=group("age"),
        education=group("education"),
        professional=group("professional"),
        political_theory=group("political_theory"),
    )
    return _with_warnings(stats)


def _with_warnings(stats: Statistics) -> Statistics:
    """Flag breakdowns that do not add up to the total (e.g. members under 18 on file)."""
    warnings = []
    if sum(stats.age_bands.values()) != stats.members:
        warnings.append(_("Tổng các nhóm tuổi khác tổng số đảng viên."))
    if stats.warnings == warnings:
        return stats
    return Statistics(**{**stats.__dict__, "warnings": warnings})


def admissions_between(org: Organization, first: dt.date, last: dt.date) -> int:
    """Admission decisions dated ``first``..``last`` (inclusive) in ``org``'s subtree.

    Counted by the decision date and the admitting organization, the way the
    reports count "admitted in 2021"; corrected (superseded) decisions do not count.
    """
    return MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        organization__path__startswith=org.path,
        superseded_by__isnull=True,
    ).count()
