"""The dashboard over the API: the same figures as the page, from the same selectors,
for an organization the caller may see (404 otherwise) on a date."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ketnap.api.schemas import IsoDate, responses
from ketnap.core import policy
from ketnap.dashboard.selectors import Dashboard, dashboard
from ketnap.organizations.api.reads import get_visible

router = Router(tags=["dashboard"])


class DashboardQuery(Schema):
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")


class DashboardFiguresOut(Schema):
    members: int
    official: int
    probationary: int
    organizations: int
    grassroots: int


class DashboardPlanOut(Schema):
    year: int
    plan: int
    admitted: int
    percent: int | None


class DashboardQueueKindOut(Schema):
    kind: str
    total: int
    overdue: int


class DashboardQueueOut(Schema):
    total: int
    overdue: int
    due_soon: int
    horizon_days: int
    kinds: list[DashboardQueueKindOut]


class DashboardAlertsOut(Schema):
    cells: int
    cells_missed_month: int
    cells_too_few: int
    cells_no_committee: int
    open_reviews: int
    villages: int
    villages_without_member: int
    villages_relapsed: int


class DashboardMonthOut(Schema):
    month: dt.date
    admitted: int
    plan: int | None


class DashboardOut(Schema):
    code: str
    name: str
    as_of: dt.date
    figures: DashboardFiguresOut
    plan: DashboardPlanOut | None
    queue: DashboardQueueOut
    alerts: DashboardAlertsOut | None = Field(None, description="Always given by this endpoint.")
    trend: list[DashboardMonthOut]


def dashboard_out(board: Dashboard) -> DashboardOut:
    return DashboardOut(
        code=board.org.code,
        name=board.org.name,
        as_of=board.as_of,
        figures=DashboardFiguresOut(**board.figures.__dict__),
        plan=DashboardPlanOut(**board.plan.__dict__) if board.plan else None,
        queue=DashboardQueueOut(
            total=board.queue.total,
            overdue=board.queue.overdue,
            due_soon=board.queue.due_soon,
            horizon_days=board.queue.horizon_days,
            kinds=[DashboardQueueKindOut(**kind.__dict__) for kind in board.queue.kinds],
        ),
        alerts=DashboardAlertsOut(**board.alerts.__dict__) if board.alerts else None,
        trend=[DashboardMonthOut(**month.__dict__) for month in board.trend],
    )


@router.get("/dashboard/{code}", response=responses(DashboardOut), summary="An organization's dashboard on a date")
def dashboard_view(request: HttpRequest, code: str, params: Query[DashboardQuery]) -> DashboardOut:
    user = request.auth  # type: ignore[attr-defined]
    return dashboard_out(dashboard(user, get_visible(user, code), params.as_of or policy.today()))
