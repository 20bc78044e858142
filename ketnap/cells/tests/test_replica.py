"""The cell-life summaries (regularity, flags, dues share) read from the streaming replica."""

from __future__ import annotations

import datetime as dt

from ketnap.cells import selectors
from ketnap.core.testing import build_world, make_member
from ketnap.core.tests.replica import REPLICA_ONLY, read_from_replica

pytestmark = REPLICA_ONLY


def test_the_cell_life_summaries_are_read_from_the_replica() -> None:
    w = build_world()
    make_member(w.cell_a)
    first, last = dt.date(2024, 1, 1), dt.date(2024, 3, 31)
    rows = read_from_replica(lambda: selectors.regularity(w.province_a, first, last))
    assert [row.cell.code for row in rows] == ["chi-bo-a"]
    flags = read_from_replica(lambda: selectors.composition_flags(w.province_a, last))
    assert "chi-bo-a" in {flag.cell.code for flag in flags}  # one official member: too few
    read_from_replica(lambda: selectors.missed_flags(w.province_a, first, last))
    read_from_replica(lambda: selectors.away_flags(w.province_a, last))
    read_from_replica(lambda: selectors.dues_share(w.province_a, dt.date(2024, 3, 1), last))
