from __future__ import annotations

import pytest

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.plans import selectors, services
from ketnap.plans.models import Target
from ketnap.plans.services import Share
from ketnap.plans.tests.conftest import TODAY, D, Plans


def test_district_sets_commune_target_and_revision_keeps_history(plans: Plans) -> None:
    w = plans.w
    first = services.target_set(
        actor=w.editor_a, organization=w.commune_a, first_year=2026, last_year=2026, total=10, set_on=D(2026, 1, 10)
    )
    second = services.target_set(
        actor=w.editor_a, organization=w.commune_a, first_year=2026, last_year=2026, total=12, set_on=D(2026, 6, 1),
        sub_targets={"women": 5},
    )  # fmt: skip
    first.refresh_from_db()
    assert not first.current and second.current and second.supersedes == first and first.total == 10
    assert selectors.target_in_force(w.commune_a, 2026, D(2026, 3, 1)) == first
    assert selectors.target_in_force(w.commune_a, 2026, TODAY) == second
    assert selectors.target_in_force(w.commune_a, 2026, D(2026, 1, 9)) is None
    assert AuditEntry.objects.filter(action="plans.target.revise").count() == 1


def test_setting_the_same_target_again_writes_nothing(plans: Plans) -> None:
    w = plans.w
    args = {"actor": w.editor_a, "organization": w.commune_a, "first_year": 2026, "last_year": 2026, "total": 10}
    one = services.target_set(**args, set_on=D(2026, 1, 10))
    assert services.target_set(**args, set_on=D(2026, 2, 10)) == one
    assert Target.objects.count() == 1


def test_board_cannot_set_its_own_target(plans: Plans) -> None:
    with pytest.raises(PermissionDenied):
        services.target_set(
            actor=plans.board, organization=plans.w.commune_a, first_year=2026, last_year=2026, total=5, set_on=TODAY
        )


def test_outsider_sees_nothing(plans: Plans) -> None:
    with pytest.raises(NotFound):
        services.target_set(
            actor=plans.w.outsider_b, organization=plans.w.cell_a, first_year=2026, last_year=2026, total=5,
            set_on=TODAY,
        )  # fmt: skip


def test_sub_target_above_total_is_refused_naming_the_field(plans: Plans) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.target_set(
            actor=plans.board, organization=plans.w.cell_a, first_year=2026, last_year=2026, total=3, set_on=TODAY,
            sub_targets={"women": 4},
        )  # fmt: skip
    assert "women" in caught.value.errors
    assert not Target.objects.exists()


def test_year_out_of_range_is_refused(plans: Plans) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.target_set(
            actor=plans.board, organization=plans.w.cell_a, first_year=20260, last_year=20260, total=3, set_on=TODAY
        )
    assert "year" in caught.value.errors


def test_revision_dated_before_the_current_one_is_refused(plans: Plans) -> None:
    args = {"actor": plans.board, "organization": plans.w.cell_a, "first_year": 2026, "last_year": 2026}
    services.target_set(**args, total=3, set_on=D(2026, 5, 1))
    with pytest.raises(ValidationFailed) as caught:
        services.target_set(**args, total=4, set_on=D(2026, 4, 1))
    assert "set_on" in caught.value.errors


def test_allocation_warns_but_saves_when_children_do_not_add_up(plans: Plans) -> None:
    w = plans.w
    services.target_set(
        actor=w.editor_a, organization=w.commune_a, first_year=2026, last_year=2026, total=10, set_on=D(2026, 1, 5)
    )
    result = services.allocation_save(
        actor=plans.board, parent=w.commune_a, year=2026, set_on=D(2026, 1, 20),
        shares=[Share(w.cell_a, 4, {"women": 2}), Share(plans.cell_a2, 5)],
    )  # fmt: skip
    assert len(result.written) == 2
    assert result.warnings and "9" in result.warnings[0] and "10" in result.warnings[0]
    again = services.allocation_save(
        actor=plans.board, parent=w.commune_a, year=2026, set_on=D(2026, 1, 21),
        shares=[Share(w.cell_a, 5, {"women": 2}), Share(plans.cell_a2, 5)],
    )  # fmt: skip
    assert again.warnings == []


def test_allocation_refuses_an_organization_that_is_not_a_child(plans: Plans) -> None:
    w = plans.w
    with pytest.raises(ValidationFailed):
        services.allocation_save(
            actor=w.editor_a, parent=w.district_a, year=2026, set_on=TODAY, shares=[Share(w.cell_a, 4)]
        )
    assert not Target.objects.exists()


def test_cell_secretary_cannot_allocate_the_commune_plan(plans: Plans) -> None:
    w = plans.w
    with pytest.raises(NotFound):
        services.allocation_save(
            actor=plans.cell_secretary, parent=w.commune_a, year=2026, set_on=TODAY, shares=[Share(w.cell_a, 4)]
        )


def test_viewer_cannot_allocate(plans: Plans) -> None:
    w = plans.w
    with pytest.raises(PermissionDenied):
        services.allocation_save(
            actor=w.viewer_commune_a, parent=w.commune_a, year=2026, set_on=TODAY, shares=[Share(w.cell_a, 4)]
        )
