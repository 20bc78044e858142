"""Village coverage read from the streaming replica."""

from __future__ import annotations

import datetime as dt

from ketnap.core.testing import build_world
from ketnap.core.tests.replica import REPLICA_ONLY, read_from_replica
from ketnap.coverage.selectors import coverage_for

pytestmark = REPLICA_ONLY


def test_coverage_is_read_from_the_replica() -> None:
    w = build_world()
    coverage = read_from_replica(lambda: coverage_for(w.editor_a, w.province_a, dt.date(2024, 12, 31)))
    assert coverage.villages == 0
