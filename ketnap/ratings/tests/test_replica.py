"""The ratings summaries read from the streaming replica."""

from __future__ import annotations

from ketnap.core.testing import build_world, make_member
from ketnap.core.tests.replica import REPLICA_ONLY, read_from_replica
from ketnap.ratings.selectors import cells_summary, members_summary

pytestmark = REPLICA_ONLY


def test_the_ratings_summaries_are_read_from_the_replica() -> None:
    w = build_world()
    make_member(w.cell_a)
    assert read_from_replica(lambda: cells_summary(w.editor_a, w.province_a, 2024)).total == 1
    assert read_from_replica(lambda: members_summary(w.editor_a, w.province_a, 2024)).total == 1
