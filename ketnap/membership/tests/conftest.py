from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from ketnap.core.testing import World, build_world, make_member, make_user
from ketnap.people.models import Person

TODAY = dt.date(2026, 6, 1)


@dataclass
class Ledger:
    w: World
    member: Person  # official member of cell A since 2016
    approver_a: Any  # approver of province A
    receiver: Any  # editor of cell B only
    sibling: Any  # editor of province B (a sibling of A)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0), tick=False):
        yield


@pytest.fixture
def ledger(db: None) -> Ledger:
    w = build_world()
    return Ledger(
        w=w,
        member=make_member(w.cell_a, given="Minh", ceremony=dt.date(2015, 3, 1)),
        approver_a=make_user("approver_a", (w.province_a, "approver")),
        receiver=make_user("receiver_b", (w.cell_b, "editor")),
        sibling=make_user("sibling_b", (w.province_b, "editor")),
    )
