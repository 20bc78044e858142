from __future__ import annotations

from ketnap.plans import selectors, services
from ketnap.plans.services import Share
from ketnap.plans.tests.conftest import TODAY, D, Plans, admit


def _plan(plans: Plans) -> None:
    w = plans.w
    services.target_set(
        actor=w.editor_a, organization=w.commune_a, first_year=2026, last_year=2026, total=23, set_on=D(2026, 1, 5)
    )
    services.allocation_save(
        actor=plans.board, parent=w.commune_a, year=2026, set_on=D(2026, 1, 10),
        shares=[Share(w.cell_a, 11, {"women": 4, "youth": 5}), Share(plans.cell_a2, 12)],
    )  # fmt: skip


def test_per_child_and_rolled_up_with_report_rounding(plans: Plans) -> None:
    _plan(plans)
    w = plans.w
    for i in range(8):
        admit(w.cell_a, D(2026, 2, 1 + i), gender="female" if i < 3 else "male", youth_union_member=i < 5)
    for i in range(7):
        admit(plans.cell_a2, D(2026, 3, 1 + i))
    admit(w.cell_a, D(2025, 12, 31))  # last year: not counted
    admit(w.cell_a, D(2026, 9, 1))  # after the date: not counted
    result = selectors.achievement(w.admin, w.commune_a, 2026, TODAY)
    rows = {row.code: row for row in result.rows}
    assert (rows["chi-bo-a"].admitted, rows["chi-bo-a"].plan, rows["chi-bo-a"].percent) == (8, 11, 73)
    assert (rows["chi-bo-a2"].admitted, rows["chi-bo-a2"].plan, rows["chi-bo-a2"].percent) == (7, 12, 58)
    assert (result.total.admitted, result.total.plan, result.total.percent) == (15, 23, 65)
    women = next(s for s in rows["chi-bo-a"].sub if s.key == "women")
    youth = next(s for s in rows["chi-bo-a"].sub if s.key == "youth")
    assert (women.admitted, women.target, women.percent) == (3, 4, 75)
    assert (youth.admitted, youth.target, youth.percent) == (5, 5, 100)
    assert result.warnings == []


def test_district_rolls_up_the_commune(plans: Plans) -> None:
    _plan(plans)
    w = plans.w
    admit(w.cell_a, D(2026, 2, 1))
    result = selectors.achievement(w.editor_a, w.district_a, 2026, TODAY)
    assert [(r.code, r.plan, r.admitted) for r in result.rows] == [("xa-a", 23, 1)]
    assert result.total.plan is None and result.total.percent is None


def test_as_of_a_date_before_the_year_counts_nothing(plans: Plans) -> None:
    _plan(plans)
    admit(plans.w.cell_a, D(2026, 2, 1))
    result = selectors.achievement(plans.w.admin, plans.w.commune_a, 2026, D(2025, 12, 31))
    assert result.total.admitted == 0 and result.total.plan is None  # the plan was set in January


def test_warning_when_children_do_not_add_up(plans: Plans) -> None:
    w = plans.w
    services.target_set(
        actor=w.editor_a, organization=w.commune_a, first_year=2026, last_year=2026, total=10, set_on=D(2026, 1, 5)
    )
    services.target_set(
        actor=plans.board, organization=w.cell_a, first_year=2026, last_year=2026, total=3, set_on=D(2026, 1, 6)
    )
    result = selectors.achievement(w.admin, w.commune_a, 2026, TODAY)
    assert result.children_plan == 3 and len(result.warnings) == 1


def test_small_groups_withheld_from_viewers_without_sensitive_rights(plans: Plans) -> None:
    _plan(plans)
    w = plans.w
    admit(w.cell_a, D(2026, 2, 1), ethnicity="thai")
    for i in range(6):
        admit(w.cell_a, D(2026, 2, 2 + i))
    viewer = selectors.achievement(w.viewer_commune_a, w.commune_a, 2026, TODAY)
    editor = selectors.achievement(w.editor_a, w.commune_a, 2026, TODAY)
    assert next(s for s in viewer.total.sub if s.key == "ethnic_minority").admitted is None
    assert next(s for s in editor.total.sub if s.key == "ethnic_minority").admitted == 1


def test_command_contract_shape(plans: Plans) -> None:
    _plan(plans)
    data = selectors.achievement(plans.w.admin, plans.w.commune_a, 2026, TODAY).as_dict()
    assert {"plan", "admitted", "percent", "rows"} <= set(data)
    assert set(data["rows"][0]) == {"code", "name", "plan", "admitted", "percent"}
