"""The dashboard's figures are the apps' own: statistics, plan, queue, alerts, trend."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.core.errors import NotFound, NotValidOnDate
from ketnap.core.testing import World, make_member
from ketnap.dashboard.selectors import dashboard, kind_of, trend_window
from ketnap.plans.services import target_set
from ketnap.reports.selectors import statistics_for

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 6, 15)


def test_key_figures_are_the_statistics_row(w: World) -> None:
    make_member(w.cell_a)
    make_member(w.cell_a, given="Bình", ceremony=dt.date(2024, 3, 1), official=False)
    board = dashboard(w.editor_a, w.province_a, DAY)
    stats = statistics_for(w.editor_a, w.province_a, DAY)
    assert (board.figures.members, board.figures.official, board.figures.probationary) == (2, 1, 1)
    assert board.figures.members == stats.members
    assert board.figures.organizations == 3  # district, commune, cell


def test_trend_is_twelve_months_ending_with_the_month_of_the_date(w: World) -> None:
    make_member(w.cell_a, given="Bình", ceremony=dt.date(2024, 3, 1), official=False)
    board = dashboard(w.editor_a, w.province_a, DAY)
    assert (board.trend[0].month, board.trend[-1].month) == (dt.date(2023, 7, 1), dt.date(2024, 6, 1))
    assert {m.month: m.admitted for m in board.trend}[dt.date(2024, 2, 1)] == 1  # decided 20 days before
    assert trend_window(dt.date(2024, 1, 31)) == (dt.date(2023, 2, 1), dt.date(2024, 1, 31))


def test_plan_is_hidden_without_a_target_and_shown_with_one(w: World) -> None:
    assert dashboard(w.editor_a, w.province_a, DAY).plan is None
    target_set(actor=w.admin, organization=w.province_a, first_year=2024, last_year=2024, total=3, set_on=DAY)
    make_member(w.cell_a, given="Bình", ceremony=dt.date(2024, 3, 1), official=False)
    plan = dashboard(w.editor_a, w.province_a, DAY).plan
    assert plan is not None
    assert (plan.year, plan.plan, plan.admitted, plan.percent) == (2024, 3, 1, 33)


def test_an_empty_subtree_has_an_empty_queue_and_no_village_alerts(w: World) -> None:
    board = dashboard(w.editor_a, w.province_a, DAY)
    assert (board.queue.total, board.queue.overdue, board.queue.due_soon, board.queue.kinds) == (0, 0, 0, ())
    assert board.alerts.villages == 0
    assert board.alerts.cells == 1


def test_out_of_scope_is_not_found_and_a_date_before_the_organization_is_refused(w: World) -> None:
    with pytest.raises(NotFound):
        dashboard(w.editor_a, w.province_b, DAY)
    with pytest.raises(NotValidOnDate):
        dashboard(w.editor_a, w.province_a, dt.date(1931, 1, 1))


def test_queue_kinds_are_the_first_part_of_the_rule_code() -> None:
    assert kind_of("probation.review.due") == "probation"
    assert kind_of("ceremony") == "ceremony"
