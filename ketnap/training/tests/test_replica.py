"""The training summary and new-member coverage read from the streaming replica."""

from __future__ import annotations

import datetime as dt

from ketnap.core.testing import build_world, make_member
from ketnap.core.tests.replica import REPLICA_ONLY, read_from_replica
from ketnap.training import selectors

pytestmark = REPLICA_ONLY


def test_the_training_summaries_are_read_from_the_replica() -> None:
    w = build_world()
    make_member(w.cell_a, ceremony=dt.date(2024, 3, 21))
    first, last = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    assert read_from_replica(lambda: selectors.summary(w.province_a, first, last)).classes == 0
    assert read_from_replica(lambda: selectors.new_member_coverage(w.province_a, first, last, last)).admitted == 1
    assert read_from_replica(lambda: selectors.candidates_trained(w.province_a, first, last)) == 0
