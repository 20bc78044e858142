from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from ketnap.core.testing import World, build_world, make_member, make_user
from ketnap.people.models import Person

TODAY = dt.date(2023, 12, 15)


@dataclass
class Cell:
    w: World
    members: list[Person]  # three official members of cell A, the last one probationary
    secretary: Any  # editor of cell A only
    viewer: Any  # viewer of cell A


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2023, 12, 15, 9, 0), tick=False):
        yield


@pytest.fixture
def cell(db: None) -> Cell:
    w = build_world()
    members = [
        make_member(w.cell_a, given="An", ceremony=dt.date(2015, 3, 1)),
        make_member(w.cell_a, given="Bình", ceremony=dt.date(2016, 3, 1)),
        make_member(w.cell_a, given="Chi", ceremony=dt.date(2017, 3, 1)),
        make_member(w.cell_a, given="Dũng", ceremony=dt.date(2023, 3, 1), official=False),
    ]
    return Cell(
        w=w,
        members=members,
        secretary=make_user("bithu_a", (w.cell_a, "editor")),
        viewer=make_user("xem_a", (w.cell_a, "viewer")),
    )
