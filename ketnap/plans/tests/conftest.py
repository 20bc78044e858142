from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from ketnap.admission.models import AdmissionCase, CaseStep
from ketnap.admission.steps import Stage, StepKind
from ketnap.core.testing import World, add_events, build_world, make_org, make_person, make_user
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.people.models import Person

D = dt.date
TODAY = D(2026, 8, 3)  # a Monday in August: the early warning of the Thọ Xuân briefing


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 8, 3, 9, 0), tick=False):
        yield


def admit(cell: Organization, on: dt.date, **fields: Any) -> Person:
    person = make_person(cell, **fields)
    return add_events(person, ("admitted", on))


def open_case(cell: Organization, steps: list[StepKind], stage: Stage, **fields: Any) -> AdmissionCase:
    person = make_person(cell, **fields)
    case = AdmissionCase.objects.create(person=person, cell=cell, opened_on=D(2026, 3, 2), stage=stage)
    for kind in steps:
        CaseStep.objects.create(case=case, kind=kind.value, occurred_on=D(2026, 4, 1))
    return case


@dataclass
class Plans:
    w: World
    cell_a2: Organization
    board: Any  # editor of commune A: allocates to its cells
    cell_secretary: Any  # editor of cell A only


@pytest.fixture
def plans(db: None) -> Plans:
    w = build_world()
    cell_a2 = make_org(w.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn A2", sector=Sector.VILLAGE)
    return Plans(
        w=w,
        cell_a2=cell_a2,
        board=make_user("board_a", (w.commune_a, "editor")),
        cell_secretary=make_user("secretary_a", (w.cell_a, "editor")),
    )
