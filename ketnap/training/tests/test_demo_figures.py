"""The demo reproduces the training and program figures of the source reports:
Mường Lát 2022's six classes, Conclusion 50's 2023 targets beside their measures, and
Lai Châu's border-post members in village cells and households (2021)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization, Program
from ketnap.people.models import StatusPeriod
from ketnap.programs import demo as programs_demo
from ketnap.programs import selectors as programs
from ketnap.programs.selectors import Outcome
from ketnap.training import selectors as training
from ketnap.training.models import Enrolment

D = dt.date


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker, "--only", "thanh-hoa", "--only", "lai-chau") as out:
        yield out


@pytest.mark.django_db
def test_muong_lat_held_six_classes_in_2022() -> None:
    summary = training.summary(Organization.objects.get(code="muong-lat"), D(2022, 1, 1), D(2022, 12, 31))
    assert summary.classes == 6
    rows = {row.kind: (row.classes, row.enrolled) for row in summary.rows}
    assert rows == {"general": (3, 321), "cell_leaders": (1, 155), "new_member": (1, 30), "awareness": (1, 35)}


@pytest.mark.django_db
def test_the_classes_enrol_people_of_the_district_and_certify_the_candidates() -> None:
    district = Organization.objects.get(code="muong-lat")
    enrolments = Enrolment.objects.filter(training_class__organizer=district)
    members = StatusPeriod.objects.members().as_of(D(2022, 12, 31))
    in_district = members.filter(organization__path__startswith=district.path).values("person_id")
    assert not enrolments.exclude(training_class__kind="awareness").exclude(person_id__in=in_district).exists()
    assert not enrolments.filter(training_class__kind="awareness", person_id__in=members.values("person_id")).exists()
    awareness = enrolments.filter(training_class__kind="awareness")
    assert awareness.filter(certificate_issued_on__isnull=False).count() == 35
    person = awareness.first().person
    assert training.awareness_certificate(person.pk, D(2022, 12, 31)) is not None


@pytest.mark.django_db
def test_conclusion_50_in_2023_shows_every_target_beside_its_measure() -> None:
    program = Program.objects.get(code=programs_demo.ML_CODE)
    assert program.organizations.count() == 24
    rows = {row.target.kind: row for row in programs.target_rows(program, D(2023, 12, 31))}
    assert set(rows) == {
        "cells_good",
        "admissions",
        "admissions_women",
        "cells_committee",
        "candidates_trained",
        "coverage_earlier",
        "coverage_year",
    }
    assert (rows["admissions"].target.minimum, rows["admissions"].target.maximum) == (10, 15)
    assert (rows["admissions_women"].target.minimum, rows["admissions_women"].target.maximum) == (2, 4)
    assert rows["cells_good"].outcome == Outcome.NO_DATA  # the ratings are not recorded yet
    assert rows["coverage_earlier"].value == 100  # the 13 admitted in 2022 all took the new-member class
    steering = [s for s in programs.supporters(program, D(2023, 6, 1)) if s.kind == "steering"]
    assert (steering[0].members, steering[0].cells) == (24, 24)


@pytest.mark.django_db
def test_lai_chau_border_guards_in_84_village_cells_and_1781_households() -> None:
    program = Program.objects.get(code=programs_demo.LC_CODE)
    on = D(2021, 12, 31)
    supporters = programs.supporters(program, on)
    assert [(s.kind, s.members, s.cells) for s in supporters] == [("border_guard", 84, 84)]
    assert programs.households(program, on) == programs.Households(315, 1781, 84)
