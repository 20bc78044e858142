"""The dashboard read from the streaming replica, every section of it."""

from __future__ import annotations

import datetime as dt

from ketnap.core.testing import build_world, make_member
from ketnap.core.tests.replica import REPLICA_ONLY, read_from_replica
from ketnap.dashboard.selectors import dashboard

pytestmark = REPLICA_ONLY


def test_the_dashboard_is_read_from_the_replica() -> None:
    w = build_world()
    make_member(w.cell_a)
    board = read_from_replica(lambda: dashboard(w.editor_a, w.province_a, dt.date(2024, 12, 31)))
    assert board.figures.members == 1
