"""The plan achievement and the year-end forecast read from the streaming replica."""

from __future__ import annotations

import datetime as dt

from ketnap.core.testing import build_world, make_member
from ketnap.core.tests.replica import REPLICA_ONLY, read_from_replica
from ketnap.plans import selectors

pytestmark = REPLICA_ONLY


def test_achievement_and_forecast_are_read_from_the_replica() -> None:
    w = build_world()
    make_member(w.cell_a, ceremony=dt.date(2024, 3, 1), official=False)
    result = read_from_replica(lambda: selectors.achievement(w.editor_a, w.province_a, 2024, dt.date(2024, 12, 31)))
    assert result.total.admitted == 1
    read_from_replica(lambda: selectors.forecast(w.editor_a, w.province_a, 2024, dt.date(2024, 6, 30)))
