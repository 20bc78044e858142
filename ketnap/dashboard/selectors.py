"""The dashboard of an organization: its key figures, plan achievement, work queue,
alerts and the admissions trend on a date, each read through the selector of the app
that owns it (nothing is counted again here), so every figure equals the page behind it.

Every section is counts: the statistics come from the pre-aggregated figures, the queue
and the alerts are summed, the trend is one query over twelve months of admissions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from ketnap.admission.queue import DEFAULT_HORIZON_DAYS, queue_counts
from ketnap.cells import selectors as cells
from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.policy import Action
from ketnap.coverage.selectors import coverage_for
from ketnap.organizations.models import Organization
from ketnap.plans.selectors import achievement
from ketnap.reports.monthly import admissions_by_month, plan_line
from ketnap.reports.selectors import Statistics, statistics_for

TREND_MONTHS = 12


@dataclass(frozen=True)
class KeyFigures:
    members: int
    official: int
    probationary: int
    organizations: int  # organizations of every kind below this one
    grassroots: int


@dataclass(frozen=True)
class PlanFigures:
    year: int
    plan: int
    admitted: int
    percent: int | None  # rounded half up, as the reports round


@dataclass(frozen=True)
class QueueKind:
    kind: str  # the first part of the items' rule codes: "certificate", "probation"…
    total: int
    overdue: int


@dataclass(frozen=True)
class QueueSummary:
    total: int
    overdue: int
    due_soon: int  # not overdue, due within the queue's horizon
    horizon_days: int
    kinds: tuple[QueueKind, ...]


@dataclass(frozen=True)
class Alerts:
    cells: int  # cells open on the date in the subtree
    cells_missed_month: int  # cells that missed a monthly meeting this year
    cells_too_few: int  # fewer than 3 official members
    cells_no_committee: int  # 9 or more official members without a committee
    open_reviews: int  # removal reviews not yet taken up
    villages: int
    villages_without_member: int
    villages_relapsed: int  # tái trắng: had a member, has none now


@dataclass(frozen=True)
class TrendMonth:
    month: dt.date  # its first day
    admitted: int
    plan: int | None


@dataclass(frozen=True)
class Dashboard:
    org: Organization
    as_of: dt.date
    figures: KeyFigures
    suppression_note: str
    plan: PlanFigures | None  # None: no target for the year
    queue: QueueSummary
    alerts: Alerts | None  # None: left for the page to load by itself (a large subtree)
    trend: tuple[TrendMonth, ...]


@reading_from_replica()
def dashboard(user: Any, org: Organization, as_of: dt.date, *, defer_alerts: bool = False) -> Dashboard:
    """The dashboard of ``org`` on ``as_of`` as ``user`` may see it. Raises NotValidOnDate
    when the organization did not exist on that date (the statistics refuse it).

    With ``defer_alerts``, a subtree of more than ``ORGANIZATION_PANELS_INLINE_MEMBERS``
    members comes without its alerts (every cell's meetings and composition: seconds for
    a nation), which the page then loads by itself."""
    policy.require(user, Action.VIEW, org)
    stats = statistics_for(user, org, as_of)
    deferred = defer_alerts and stats.members > settings.ORGANIZATION_PANELS_INLINE_MEMBERS
    return Dashboard(
        org=org,
        as_of=as_of,
        figures=key_figures(stats),
        suppression_note=stats.suppression_note,
        plan=plan_figures(user, org, as_of),
        queue=queue_summary(org, as_of),
        alerts=None if deferred else alerts(user, org, as_of),
        trend=trend(org, as_of),
    )


def key_figures(stats: Statistics) -> KeyFigures:
    return KeyFigures(
        members=stats.members,
        official=stats.official,
        probationary=stats.probationary,
        organizations=sum(stats.organizations_by_kind.values()),
        grassroots=stats.grassroots_organizations,
    )


def plan_figures(user: Any, org: Organization, as_of: dt.date) -> PlanFigures | None:
    """Admitted against the target of the year of ``as_of`` (the plans page's total)."""
    total = achievement(user, org, as_of.year, as_of).total
    if total.plan is None:
        return None
    return PlanFigures(as_of.year, total.plan, total.admitted, total.percent)


def queue_summary(org: Organization, as_of: dt.date) -> QueueSummary:
    """The work queue's counts: by kind, overdue and due soon (the queue page's items,
    counted without building them)."""
    counts = queue_counts(org, as_of)
    total, overdue = sum(counts.values()), sum(n for (_code, late), n in counts.items() if late)
    return QueueSummary(total, overdue, total - overdue, DEFAULT_HORIZON_DAYS, queue_kinds(counts))


def queue_kinds(counts: Counter[tuple[str, bool]]) -> tuple[QueueKind, ...]:
    """Items counted by the first part of their rule code, largest first (then by name)."""
    totals: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for (code, overdue), number in counts.items():
        totals[kind_of(code)] += number
        late[kind_of(code)] += number if overdue else 0
    ordered = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(QueueKind(kind, count, late[kind]) for kind, count in ordered if count)


def kind_of(code: str) -> str:
    return code.split(".", 1)[0]


@reading_from_replica()
def alerts(user: Any, org: Organization, as_of: dt.date) -> Alerts:
    """The counts behind the cell-life flags page and the coverage page on ``as_of``."""
    composition = Counter(flag.finding.code for flag in cells.composition_flags(org, as_of))
    # The flags page words one finding per month missed; a cell is flagged when it has any.
    regularity = cells.regularity(org, as_of.replace(month=1, day=1), as_of)
    coverage = coverage_for(user, org, as_of)
    return Alerts(
        cells=cells.cells_in(org, as_of).count(),
        cells_missed_month=sum(1 for row in regularity if row.missed),
        cells_too_few=composition["composition.too_few"],
        cells_no_committee=composition["composition.no_committee"],
        open_reviews=cells.review_tasks(user, org).count(),
        villages=coverage.villages,
        villages_without_member=coverage.without_member,
        villages_relapsed=coverage.relapsed,
    )


def trend_window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to and including the month of ``as_of``."""
    first = as_of.replace(day=1)
    for _ in range(TREND_MONTHS - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first, as_of


def trend(org: Organization, as_of: dt.date) -> tuple[TrendMonth, ...]:
    """Admissions by month over the last twelve months, with the plan line when one exists
    (the new-members report's chart)."""
    months = admissions_by_month(org, *trend_window(as_of))
    plan = plan_line(org, [m.month for m in months])
    return tuple(TrendMonth(m.month, m.admitted, plan[index] if plan else None) for index, m in enumerate(months))
