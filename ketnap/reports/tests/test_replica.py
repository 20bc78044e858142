"""The statistics read from a real PostgreSQL streaming replica through the router.

Runs only with a replica configured (``./dev test-replica`` starts a primary and a hot
standby and sets ``DATABASE_REPLICA_URL``); the test database is created on the
primary and reaches the standby by replication, so the alias mirrors it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.test.utils import CaptureQueriesContext

from ketnap.admission.queue import work_queue
from ketnap.core.testing import make_member, make_org
from ketnap.core.tests.replica import scalar, wait_for_replay
from ketnap.organizations.models import Organization, OrgKind
from ketnap.reports.selectors import organization_statistics

pytestmark = [
    pytest.mark.skipif("replica" not in settings.DATABASES, reason="no DATABASE_REPLICA_URL"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]

AS_OF = dt.date(2021, 12, 31)


@pytest.fixture
def commune():
    root = make_org(None, "vn", OrgKind.NATIONAL)
    commune = make_org(root, "xa-a", OrgKind.GRASSROOTS_COMMITTEE)
    cell = make_org(commune, "chi-bo-a", OrgKind.SUBORDINATE_CELL)
    for _ in range(3):
        make_member(cell)
    wait_for_replay()
    return commune


def test_the_replica_is_a_standby_and_the_primary_is_not() -> None:
    assert scalar("replica", "SELECT pg_is_in_recovery()") is True
    assert scalar("default", "SELECT pg_is_in_recovery()") is False
    with pytest.raises(DatabaseError, match="read-only"):
        scalar("replica", "CREATE TABLE refused (id int)")


def test_statistics_written_on_the_primary_are_read_from_the_replica(commune) -> None:
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        stats = organization_statistics(commune, AS_OF)
    assert (stats.members, stats.official) == (3, 3)
    assert stats.organizations_by_kind[OrgKind.SUBORDINATE_CELL] == 1
    assert any("people_statusperiod" in query["sql"] for query in replica.captured_queries)
    assert primary.captured_queries == []


def test_the_work_queue_is_read_from_the_replica(commune) -> None:
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        work_queue(commune, AS_OF)
    assert replica.captured_queries
    assert primary.captured_queries == []


def test_inside_a_transaction_the_statistics_see_its_own_writes(commune) -> None:
    cell = Organization.objects.get(code="chi-bo-a")
    with transaction.atomic(), CaptureQueriesContext(connections["replica"]) as replica:
        make_member(cell)
        stats = organization_statistics(commune, AS_OF)
    assert stats.members == 4
    assert replica.captured_queries == []
