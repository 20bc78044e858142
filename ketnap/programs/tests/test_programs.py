"""Program targets beside their measured values, supporters and household assignments."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.testing import build_world, make_member, make_org, make_person, make_user
from ketnap.organizations.models import OrgKind, Program, Sector
from ketnap.people.models import Position, PositionKind
from ketnap.people.services import support_assign
from ketnap.programs import measures, selectors, services
from ketnap.programs.models import TargetKind
from ketnap.programs.selectors import Outcome
from ketnap.training import services as training
from ketnap.training.models import ClassKind

D = dt.date
ON = D(2023, 12, 31)


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def program(w):
    program = Program.objects.create(code="kl50", name="KL 50", owner=w.district_a, start=D(2022, 1, 1))
    program.organizations.set([w.cell_a])
    return program


def target(w, program, kind, minimum, maximum=None, year=2023):
    return services.target_add(
        actor=w.editor_a, program=program, kind=kind, year=year, minimum=minimum, maximum=maximum
    )


def values(program, on=ON):
    return {row.target.kind: (row.value, row.outcome) for row in selectors.target_rows(program, on)}


def new_member_class(w, *people):
    klass = training.class_create(
        actor=w.editor_a,
        organizer=w.commune_a,
        kind=ClassKind.NEW_MEMBER,
        name="ĐVM",
        start=D(2023, 9, 1),
        end=D(2023, 9, 10),
    )
    for person in people:
        enrolment = training.enrolment_add(actor=w.editor_a, training_class=klass, person=person)
        training.enrolment_complete(actor=w.editor_a, enrolment=enrolment, completed_on=D(2023, 9, 10))


def test_admission_targets_are_measured_from_the_ledger_in_the_program_area(w, program):
    target(w, program, TargetKind.ADMISSIONS, 2, 3)
    target(w, program, TargetKind.ADMISSIONS_WOMEN, 1)
    make_member(w.cell_a, given="A", ceremony=D(2023, 3, 1), official=False)
    make_member(w.cell_a, given="B", gender="female", ceremony=D(2023, 4, 1), official=False)
    make_member(w.cell_b, given="Elsewhere", ceremony=D(2023, 4, 1), official=False)
    make_member(w.cell_a, given="Earlier", ceremony=D(2022, 4, 1), official=False)
    assert values(program) == {
        TargetKind.ADMISSIONS: (2, Outcome.MET),
        TargetKind.ADMISSIONS_WOMEN: (1, Outcome.MET),
    }
    assert values(program, D(2023, 3, 1))[TargetKind.ADMISSIONS] == (1, Outcome.NOT_MET)


def test_new_member_coverage_targets_for_earlier_and_this_years_admissions(w, program):
    target(w, program, TargetKind.COVERAGE_EARLIER, 100)
    target(w, program, TargetKind.COVERAGE_YEAR, 50)
    earlier = make_member(w.cell_a, given="Earlier", ceremony=D(2022, 5, 1), official=False)
    this_year = make_member(w.cell_a, given="Now", ceremony=D(2023, 5, 1), official=False)
    make_member(w.cell_a, given="Later", ceremony=D(2023, 6, 1), official=False)
    new_member_class(w, earlier, this_year)
    assert values(program) == {
        TargetKind.COVERAGE_EARLIER: (100, Outcome.MET),
        TargetKind.COVERAGE_YEAR: (50, Outcome.MET),
    }
    assert values(program, D(2023, 9, 9))[TargetKind.COVERAGE_EARLIER] == (0, Outcome.NOT_MET)


def test_candidates_trained_counts_completed_awareness_classes(w, program):
    target(w, program, TargetKind.CANDIDATES_TRAINED, 8, 10)
    klass = training.class_create(
        actor=w.editor_a,
        organizer=w.commune_a,
        kind=ClassKind.AWARENESS,
        name="NTVĐ",
        start=D(2023, 5, 1),
        end=D(2023, 5, 5),
    )
    for given in ("A", "B"):
        enrolment = training.enrolment_add(
            actor=w.editor_a, training_class=klass, person=make_person(w.cell_a, given=given)
        )
        training.enrolment_complete(actor=w.editor_a, enrolment=enrolment, completed_on=D(2023, 5, 5))
    training.enrolment_add(actor=w.editor_a, training_class=klass, person=make_person(w.cell_a, given="C"))
    assert values(program)[TargetKind.CANDIDATES_TRAINED] == (2, Outcome.NOT_MET)


def test_cells_with_a_committee_count_deputies_and_committee_members(w, program):
    target(w, program, TargetKind.CELLS_WITH_COMMITTEE, 1)
    assert values(program)[TargetKind.CELLS_WITH_COMMITTEE] == (0, Outcome.NOT_MET)
    member = make_member(w.cell_a)
    Position.objects.create(person=member, organization=w.cell_a, kind=PositionKind.SECRETARY, valid_from=D(2020, 1, 1))
    assert values(program)[TargetKind.CELLS_WITH_COMMITTEE][0] == 0
    Position.objects.create(
        person=member, organization=w.cell_a, kind=PositionKind.COMMITTEE_MEMBER, valid_from=D(2020, 1, 1)
    )
    assert values(program)[TargetKind.CELLS_WITH_COMMITTEE] == (1, Outcome.MET)


def test_the_share_of_cells_rated_well_has_no_data_until_a_measure_is_plugged_in(w, program):
    target(w, program, TargetKind.CELLS_GOOD, 100)
    assert values(program)[TargetKind.CELLS_GOOD] == (None, Outcome.NO_DATA)
    measures.register(TargetKind.CELLS_GOOD, lambda program, year, as_of: 100)
    try:
        assert values(program)[TargetKind.CELLS_GOOD] == (100, Outcome.MET)
    finally:
        measures._MEASURES.pop(TargetKind.CELLS_GOOD)


def test_target_bounds_are_checked_and_need_the_edit_role(w, program):
    with pytest.raises(ValidationFailed) as error:
        target(w, program, TargetKind.ADMISSIONS, 15, 10)
    assert error.value.field == "maximum"
    with pytest.raises(ValidationFailed):
        target(w, program, TargetKind.COVERAGE_YEAR, 120)
    with pytest.raises(PermissionDenied):
        services.target_add(
            actor=make_user("viewer_d", (w.district_a, "viewer")),
            program=program,
            kind="admissions",
            year=2023,
            minimum=1,
        )
    with pytest.raises((NotFound, PermissionDenied)):
        services.target_add(actor=w.outsider_b, program=program, kind="admissions", year=2023, minimum=1)


def test_supporters_and_households_in_the_program_cells(w, program):
    post = make_org(w.district_a, "don-bp", OrgKind.GRASSROOTS_CELL, sector=Sector.BORDER_GUARD)
    guards = [make_member(post, given=f"G{i}") for i in range(3)]
    for guard in guards[:2]:
        support_assign(actor=w.editor_a, person=guard, cell=w.cell_a, kind="border_guard", valid_from=D(2021, 1, 1))
    for guard, count in zip(guards, (5, 6, 7), strict=True):
        services.household_assign(
            actor=w.editor_a, program=program, person=guard, cell=w.cell_a, households=count, valid_from=D(2021, 1, 1)
        )
    rows = selectors.supporters(program, ON)
    assert [(r.kind, r.members, r.cells) for r in rows] == [("border_guard", 2, 1)]
    assert selectors.households(program, ON) == selectors.Households(3, 18, 1)
    assert selectors.households(program, D(2020, 1, 1)).households == 0


def test_households_are_assigned_only_in_program_cells_and_once(w, program):
    guard = make_member(w.cell_b)
    with pytest.raises(ValidationFailed) as error:
        services.household_assign(
            actor=w.admin, program=program, person=guard, cell=w.cell_b, households=3, valid_from=D(2021, 1, 1)
        )
    assert error.value.field == "cell"
    services.household_assign(
        actor=w.admin, program=program, person=guard, cell=w.cell_a, households=3, valid_from=D(2021, 1, 1)
    )
    with pytest.raises(ValidationFailed):
        services.household_assign(
            actor=w.admin, program=program, person=guard, cell=w.cell_a, households=3, valid_from=D(2022, 1, 1)
        )
    with pytest.raises(ValidationFailed) as error:
        services.household_assign(
            actor=w.admin,
            program=program,
            person=make_person(w.cell_a),
            cell=w.cell_a,
            households=3,
            valid_from=D(2021, 1, 1),
        )
    assert error.value.field == "person"


def test_the_program_list_is_scoped_by_its_owner(w, program):
    assert list(selectors.program_list(w.viewer_commune_a)) == []  # owner is the district above
    assert selectors.program_list(w.editor_a).get() == program
    with pytest.raises(NotFound):
        selectors.program_get(w.outsider_b, "kl50")


def test_the_report_command_writes_targets_beside_values(w, program):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    target(w, program, TargetKind.ADMISSIONS, 1)
    out = StringIO()
    call_command("report", "program", "--code", "kl50", "--as-of", "2023-12-31", stdout=out)
    assert json.loads(out.getvalue())["targets"][0]["outcome"] == "not_met"
    with pytest.raises(CommandError):
        call_command("report", "program", "--code", "kl50", "--as-of", "2023-12-31", "--user", "outsider_b")


def test_the_panel_lists_programs_in_force_with_the_years_targets_met(w, program):
    from ketnap.programs.panels import panel

    target(w, program, TargetKind.ADMISSIONS, 1)
    make_member(w.cell_a, given="A", ceremony=D(2023, 3, 1), official=False)
    found = panel(w.editor_a, w.district_a, ON)
    assert found is not None
    assert [(row["met"], row["targets"]) for row in found.data["rows"]] == [(1, 1)]
    assert panel(w.editor_a, w.district_a, D(2021, 12, 31)) is None
    assert panel(w.outsider_b, w.province_b, ON) is None
