"""Reads of the plans: the targets in force, achievement of a subtree and the forecast.

Achievement counts admission decisions (the ledger's ``admitted`` events, corrected
ones excluded) dated from 1 January of the year up to the chosen date, by the admitting
organization, the way the reports count "admitted in 2023", per child of the
organization and rolled up. Percentages are rounded by ``ketnap.lib.rounding``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import AdmissionCase, CaseKind
from ketnap.admission.selectors import under_grassroots_committee
from ketnap.admission.steps import Stage
from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.lib.rounding import percent_int
from ketnap.organizations.models import Organization, in_rural_commune
from ketnap.organizations.selectors import organization_children
from ketnap.people.choices import MAJORITY_ETHNICITY, Gender, Occupation, Religion
from ketnap.people.models import MembershipEvent, Profile
from ketnap.people.status import EventKind
from ketnap.plans import forecast as model
from ketnap.plans.models import SUB_TARGET_KEYS, SUB_TARGETS, Target
from ketnap.reports.selectors import hidden_categories, sees_sensitive, suppression_threshold

FIRST_YEAR, LAST_YEAR = 1930, 2100
SENSITIVE_SUB_TARGETS = ("ethnic_minority", "religious")
OPEN_STAGES = (Stage.DOSSIER, Stage.CELL, Stage.COMMITTEE, Stage.DECISION)


def check_year(year: int) -> int:
    """A plan year the system can hold; a 422 naming ``year`` otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        message = _("Năm kế hoạch phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        raise ValidationFailed({"year": [message]})
    return year


def counted_days(year: int, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The decision dates counted for ``year`` as of ``as_of``: 1 January up to the
    date (31 December at most); None before the year starts."""
    first, last = dt.date(year, 1, 1), min(as_of, dt.date(year, 12, 31))
    return (first, last) if first <= last else None


# --- Targets in force ------------------------------------------------------------------


def targets_in_force(
    orgs: Iterable[Organization], first_year: int, last_year: int, as_of: dt.date
) -> dict[int, Target]:
    """For each organization, the revision of its target for the period in force on ``as_of``."""
    ids = [org.pk for org in orgs]
    rows = Target.objects.as_of(as_of).filter(organization_id__in=ids, first_year=first_year, last_year=last_year)
    found: dict[int, Target] = {}
    for target in rows.order_by("set_on", "pk"):
        found[target.organization_id] = target  # later revisions overwrite earlier ones
    return found


def target_in_force(org: Organization, year: int, as_of: dt.date) -> Target | None:
    return targets_in_force([org], year, year, as_of).get(org.pk)


def target_list(user: Any, org: Organization) -> QuerySet[Target]:
    """Every target row of ``org``'s subtree the user may see, revisions included."""
    queryset = Target.objects.filter(organization__path__startswith=org.path).select_related("organization", "document")
    return policy.scope(user, queryset, Action.VIEW).order_by("organization__path", "-first_year", "-set_on", "-pk")


def target_get(user: Any, pk: int) -> Target:
    from ketnap.core.errors import NotFound

    found = policy.scope(user, Target.objects.filter(pk=pk), Action.VIEW).select_related("organization").first()
    if found is None:
        raise NotFound()
    return found


# --- Achievement -----------------------------------------------------------------------


@dataclass(frozen=True)
class SubFigure:
    key: str
    label: str
    target: int | None
    admitted: int | None  # None: withheld from this user (small group, sensitive)
    percent: int | None


@dataclass(frozen=True)
class Row:
    """Plan and admissions of one organization's subtree."""

    organization_id: int
    code: str
    name: str
    plan: int | None
    admitted: int
    percent: int | None
    sub: tuple[SubFigure, ...] = ()
    target_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "plan": self.plan,
            "admitted": self.admitted,
            "percent": self.percent,
        }


@dataclass(frozen=True)
class Achievement:
    organization: Organization
    year: int
    as_of: dt.date
    total: Row
    rows: list[Row]
    children_plan: int
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The shape of ``ketnap report plan``: the organization's figures and ``rows``."""
        return {
            "code": self.total.code,
            "name": self.total.name,
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "plan": self.total.plan,
            "admitted": self.total.admitted,
            "percent": self.total.percent,
            "rows": [row.as_dict() for row in self.rows],
            "warnings": self.warnings,
        }


@dataclass
class _Tally:
    admitted: int = 0
    sub: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUB_TARGET_KEYS, 0))


def _profile_at(field_name: str) -> Subquery:
    """The admitted person's profile field on the decision date."""
    rows = Profile.objects.filter(person_id=OuterRef("person_id"), valid_from__lte=OuterRef("date"))
    rows = rows.exclude(valid_to__lte=OuterRef("date")).order_by("-valid_from")
    return Subquery(rows.values(field_name)[:1])


def admitted_rows(org: Organization, first: dt.date, last: dt.date) -> Iterable[Mapping[str, Any]]:
    """One row per admission decision in the subtree: where, and who (for the sub-targets);
    ``rural`` when the admitting organization lies in a rural commune (xã)."""
    events = MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        organization__path__startswith=org.path,
        superseded_by__isnull=True,
    )
    return events.annotate(
        youth=_profile_at("youth_union_member"),
        faith=_profile_at("religion"),
        work=_profile_at("occupation"),
        rural=in_rural_commune(OuterRef("organization__path")),
    ).values("organization__path", "person__gender", "person__ethnicity", "youth", "faith", "work", "rural")


def sub_target_flags(row: Mapping[str, Any]) -> dict[str, bool]:
    """Which sub-targets one admitted person counts towards."""
    return {
        "women": row["person__gender"] == Gender.FEMALE,
        "youth": bool(row["youth"]),
        "ethnic_minority": row["person__ethnicity"] != MAJORITY_ETHNICITY,
        "rural": bool(row["rural"]),
        "religious": row["faith"] not in (None, Religion.NONE),
        "students": row["work"] == Occupation.STUDENT,
        "private_enterprise": row["work"] == Occupation.ENTERPRISE,
    }


def _tallies(org: Organization, children: list[Organization], year: int, as_of: dt.date) -> dict[int, _Tally]:
    """Admissions and sub-target counts per child (and ``org`` itself for the total)."""
    tallies = {node.pk: _Tally() for node in [org, *children]}
    days = counted_days(year, as_of)
    if days is None:
        return tallies
    by_path = {child.path: child.pk for child in children}
    width = len(org.path) + Organization.steplen
    for row in admitted_rows(org, *days):
        flags = sub_target_flags(row)
        for key in filter(None, (org.pk, by_path.get(row["organization__path"][:width]))):
            tally = tallies[key]
            tally.admitted += 1
            for name, hit in flags.items():
                tally.sub[name] += hit
    return tallies


def _withheld(count: int, admitted: int, threshold: int) -> bool:
    return bool(hidden_categories({"group": count, "rest": admitted - count}, threshold))


def _sub_figures(target: Target | None, tally: _Tally, *, sensitive: bool, threshold: int) -> tuple[SubFigure, ...]:
    figures = []
    for key, label in SUB_TARGETS:
        aim = getattr(target, key) if target else None
        count: int | None = tally.sub[key]
        if not sensitive and key in SENSITIVE_SUB_TARGETS and _withheld(tally.sub[key], tally.admitted, threshold):
            count = None
        share = percent_int(count, aim) if count is not None else None
        figures.append(SubFigure(key=key, label=str(label), target=aim, admitted=count, percent=share))
    return tuple(figures)


def _row(org: Organization, target: Target | None, tally: _Tally, *, sensitive: bool, threshold: int) -> Row:
    plan = target.total if target else None
    return Row(
        organization_id=org.pk,
        code=org.code,
        name=org.name,
        plan=plan,
        admitted=tally.admitted,
        percent=percent_int(tally.admitted, plan),
        sub=_sub_figures(target, tally, sensitive=sensitive, threshold=threshold),
        target_id=target.pk if target else None,
    )


def allocation_warnings(parent_plan: int | None, children_plan: int, any_child_plan: bool) -> list[str]:
    """The warning (never a refusal) when the children's targets do not add up to the parent's."""
    if parent_plan is None or not any_child_plan or children_plan == parent_plan:
        return []
    message = _("Tổng chỉ tiêu giao cho các tổ chức trực thuộc (%(children)s) khác chỉ tiêu của cấp trên (%(parent)s).")
    return [message % {"children": children_plan, "parent": parent_plan}]


def _children(user: Any, org: Organization, as_of: dt.date) -> list[Organization]:
    if user is None:  # the system operator: a command run without --user
        return list(Organization.objects.as_of(as_of).children_of(org))
    return list(organization_children(user, org, as_of))


@reading_from_replica()
def achievement(user: Any, org: Organization, year: int, as_of: dt.date) -> Achievement:
    """Admitted / plan of ``org`` and of each child the user may see, on ``as_of``;
    ``user`` None is the system operator (a command run without ``--user``)."""
    if user is not None:
        policy.require(user, Action.VIEW, org)
    check_year(year)
    children = _children(user, org, as_of)
    targets = targets_in_force([org, *children], year, year, as_of)
    tallies = _tallies(org, children, year, as_of)
    sensitive, threshold = sees_sensitive(user, org), suppression_threshold()
    rows = [
        _row(child, targets.get(child.pk), tallies[child.pk], sensitive=sensitive, threshold=threshold)
        for child in children
    ]
    total = _row(org, targets.get(org.pk), tallies[org.pk], sensitive=sensitive, threshold=threshold)
    children_plan = sum(row.plan or 0 for row in rows)
    warnings = allocation_warnings(total.plan, children_plan, any(row.plan is not None for row in rows))
    return Achievement(org, year, as_of, total, rows, children_plan, warnings)


def last_year_split(org: Organization, children: list[Organization], year: int, as_of: dt.date) -> dict[int, Target]:
    """The children's targets of the year before, as a start for this year's allocation."""
    return targets_in_force(children, year - 1, year - 1, as_of)


# --- Forecast --------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    case_id: int
    person_name: str
    cell_code: str
    cell_name: str
    row_code: str  # the child of the organization the case belongs to
    stage: str
    remaining_days: int
    earliest: dt.date
    feasible: bool
    closes_gap: bool = False


@dataclass(frozen=True)
class ForecastRow:
    code: str
    name: str
    plan: int | None
    admitted: int
    possible: int  # open cases that can still be decided this year
    expected: int
    shortfall: int | None  # plan − expected when positive; None without a plan

    @property
    def needed(self) -> int:
        return max((self.plan or 0) - self.admitted, 0)


@dataclass(frozen=True)
class Forecast:
    organization: Organization
    year: int
    today: dt.date
    working_days_left: int
    total: ForecastRow
    rows: list[ForecastRow]
    candidates: list[Candidate]

    @property
    def missing(self) -> list[ForecastRow]:
        return [row for row in self.rows if row.shortfall]


def _open_cases(user: Any, org: Organization, today: dt.date) -> QuerySet[AdmissionCase]:
    cases = AdmissionCase.objects.filter(
        kind=CaseKind.ADMISSION, closed_on__isnull=True, stage__in=OPEN_STAGES, cell__path__startswith=org.path
    ).filter(opened_on__lte=today)
    cases = cases.select_related("person", "cell").prefetch_related("steps")
    return (cases if user is None else policy.scope(user, cases, Action.VIEW)).order_by("pk")


def _candidate(case: AdmissionCase, row_code: str, today: dt.date, year_end: dt.date, calendar: Any) -> Candidate:
    recorded = [step.kind for step in case.steps.all() if not step.void]
    remaining = model.remaining_working_days(recorded, under_grassroots_committee(case.cell))
    return Candidate(
        case_id=case.pk,
        person_name=case.person.full_name,
        cell_code=case.cell.code,
        cell_name=case.cell.name,
        row_code=row_code,
        stage=str(case.get_stage_display()),
        remaining_days=remaining,
        earliest=model.earliest_decision(today, remaining, calendar),
        feasible=model.can_be_admitted_by(year_end, today, remaining, calendar),
    )


def _forecast_row(row: Row, possible: int) -> ForecastRow:
    expected = row.admitted + possible
    shortfall = None if row.plan is None else max(row.plan - expected, 0)
    return ForecastRow(row.code, row.name, row.plan, row.admitted, possible, expected, shortfall)


def _mark_gap_closers(candidates: list[Candidate], needed: dict[str, int]) -> list[Candidate]:
    """The feasible candidates, quickest first; in each organization behind its plan
    the first ones up to the number still needed are the ones that would close the gap."""
    marked: list[Candidate] = []
    left = dict(needed)
    for item in sorted((c for c in candidates if c.feasible), key=lambda c: (c.earliest, c.case_id)):
        closes = left.get(item.row_code, 0) > 0
        left[item.row_code] = left.get(item.row_code, 0) - closes
        marked.append(Candidate(**{**item.__dict__, "closes_gap": closes}))
    return marked


@reading_from_replica()
def forecast(user: Any, org: Organization, year: int, today: dt.date | None = None) -> Forecast:
    """How many can still be admitted by 31 December of ``year``, per child (see ``forecast``)."""
    today = today or policy.today()
    done = achievement(user, org, year, min(today, dt.date(year, 12, 31)))
    year_end, calendar = dt.date(year, 12, 31), working_calendar()
    left = max(calendar.working_days_between(today, year_end), 0) if today <= year_end else 0
    width = len(org.path) + Organization.steplen
    codes = {row.organization_id: row.code for row in done.rows}
    by_path = {node.path: codes[node.pk] for node in Organization.objects.filter(pk__in=codes)}
    # Only this year's forecast lists cases: a case decided now counts for this year, not another.
    cases = _open_cases(user, org, today) if today.year == year else AdmissionCase.objects.none()
    candidates = [_candidate(c, by_path.get(c.cell.path[:width], org.code), today, year_end, calendar) for c in cases]
    possible: dict[str, int] = {}
    for item in candidates:
        possible[item.row_code] = possible.get(item.row_code, 0) + item.feasible
    rows = [_forecast_row(row, possible.get(row.code, 0)) for row in done.rows]
    total = _forecast_row(done.total, sum(possible.values()))
    needed = {row.code: row.needed for row in rows} | {org.code: total.needed if not rows else 0}
    return Forecast(org, year, today, left, total, rows, _mark_gap_closers(candidates, needed))
