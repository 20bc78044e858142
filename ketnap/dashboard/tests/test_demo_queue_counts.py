"""The dashboard counts the work queue without building it: on the demo, for the nation
and for Lai Châu, today and on past dates, the counts by rule and overdue equal those of
the queue the queue page lists, and the dashboard's summary equals ``len()`` of it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from ketnap.admission.queue import queue_counts, work_queue
from ketnap.dashboard.selectors import kind_of, queue_summary
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization

DATES = [dt.date.today(), dt.date.today() - dt.timedelta(days=200), dt.date(2021, 12, 31), dt.date(2023, 6, 30)]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["vn", "lai-chau"])
@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_the_counts_equal_the_built_queue(demo: str, code: str, as_of: dt.date) -> None:
    org = Organization.objects.get(code=code)
    items = work_queue(org, as_of)
    assert queue_counts(org, as_of) == Counter((item.code, item.overdue) for item in items)
    summary = queue_summary(org, as_of)
    overdue = sum(item.overdue for item in items)
    assert (summary.total, summary.overdue, summary.due_soon) == (len(items), overdue, len(items) - overdue)
    kinds = Counter(kind_of(item.code) for item in items)
    assert {kind.kind: kind.total for kind in summary.kinds} == kinds


@pytest.mark.django_db
def test_the_demo_queue_has_every_part_the_counts_must_agree_on(demo: str) -> None:
    """Not an empty comparison: overdue and coming items, cases and probationers."""
    items = work_queue(Organization.objects.get(code="vn"), dt.date.today())
    assert any(item.overdue for item in items) and not all(item.overdue for item in items)
    assert {kind_of(item.code) for item in items} >= {"probation"}
    assert any(item.case_id for item in items)
