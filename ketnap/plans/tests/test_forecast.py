from __future__ import annotations

import datetime as dt

import pytest

from ketnap.admission.steps import Stage, StepKind, dossier_kinds
from ketnap.core.errors import NotFound
from ketnap.lib.workdays import default_calendar
from ketnap.plans import forecast as model
from ketnap.plans import selectors, services
from ketnap.plans.tests.conftest import D, Plans, admit, open_case

CALENDAR = default_calendar(2025, 2027)
DOSSIER = list(dossier_kinds())


def test_remaining_days_count_missing_steps_to_the_decision() -> None:
    everything = [*DOSSIER, StepKind.CELL_RESOLUTION, StepKind.GRASSROOTS_RESOLUTION]
    assert model.remaining_working_days([k.value for k in everything], under_committee=True) == 5
    assert model.remaining_working_days([k.value for k in DOSSIER], under_committee=True) == 11
    assert model.remaining_working_days([k.value for k in DOSSIER], under_committee=False) == 6
    missing_verification = [k.value for k in DOSSIER if k is not StepKind.VERIFICATION_CONCLUDED]
    assert model.remaining_working_days(missing_verification, under_committee=True) == 21


def test_feasible_at_both_sides_of_the_year_end() -> None:
    year_end = D(2026, 12, 31)  # a Thursday
    today = CALENDAR.add_working_days(year_end, -5)
    assert model.can_be_admitted_by(year_end, today, 5, CALENDAR)
    assert not model.can_be_admitted_by(year_end, today, 6, CALENDAR)
    assert not model.can_be_admitted_by(year_end, D(2027, 1, 1), 0, CALENDAR)


def test_forecast_per_organization_with_the_gap_and_who_would_close_it(plans: Plans) -> None:
    w = plans.w
    for cell, total in ((w.cell_a, 5), (plans.cell_a2, 2)):
        services.target_set(
            actor=plans.board, organization=cell, first_year=2026, last_year=2026, total=total, set_on=D(2026, 1, 6)
        )
    admit(w.cell_a, D(2026, 2, 1))
    admit(plans.cell_a2, D(2026, 2, 1))
    admit(plans.cell_a2, D(2026, 2, 2))
    near = open_case(w.cell_a, [*DOSSIER, StepKind.CELL_RESOLUTION, StepKind.GRASSROOTS_RESOLUTION], Stage.DECISION)
    middle = open_case(w.cell_a, DOSSIER, Stage.CELL, given="Bình")
    open_case(w.cell_a, [], Stage.DOSSIER, given="Cường")  # 35 working days: still possible in August
    result = selectors.forecast(w.admin, w.commune_a, 2026, D(2026, 8, 3))
    rows = {row.code: row for row in result.rows}
    assert (rows["chi-bo-a"].admitted, rows["chi-bo-a"].possible, rows["chi-bo-a"].expected) == (1, 3, 4)
    assert rows["chi-bo-a"].shortfall == 1 and rows["chi-bo-a2"].shortfall == 0
    assert [row.code for row in result.missing] == ["chi-bo-a"]
    ordered = [c.case_id for c in result.candidates]
    assert ordered[:2] == [near.pk, middle.pk]
    assert all(c.closes_gap for c in result.candidates if c.row_code == "chi-bo-a")


def test_late_in_the_year_slow_cases_are_left_out(plans: Plans) -> None:
    w = plans.w
    open_case(w.cell_a, [], Stage.DOSSIER)
    result = selectors.forecast(w.admin, w.commune_a, 2026, D(2026, 12, 1))
    assert result.total.possible == 0
    assert result.candidates == []


def test_candidates_only_for_the_current_year_and_only_in_scope(plans: Plans) -> None:
    open_case(plans.w.cell_a, DOSSIER, Stage.CELL)
    assert len(selectors.forecast(plans.w.admin, plans.w.commune_a, 2026, dt.date(2026, 8, 3)).candidates) == 1
    assert selectors.forecast(plans.w.admin, plans.w.commune_a, 2027, dt.date(2026, 8, 3)).candidates == []
    with pytest.raises(NotFound):
        selectors.forecast(plans.w.outsider_b, plans.w.commune_a, 2026, dt.date(2026, 8, 3))
