"""The national benchmark fills the aggregates in SQL: they equal the raw tables, and
the services keep them from there."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.aggregates.checks import check
from ketnap.aggregates.tests.helpers import differences
from ketnap.demo.tests.test_national_bench import _national
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.people.services import person_rebuild_periods

DATES = (dt.date(2010, 1, 1), dt.date(2020, 6, 30), dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2025, 12, 31))


@pytest.fixture
def nation(db: None) -> Organization:
    _national().build(0.00005, seed="test", echo=lambda line: None, code="vn-test")
    return Organization.objects.get(code="vn-test")


def test_the_bench_aggregates_equal_the_raw_tables(nation: Organization) -> None:
    orgs = Organization.objects.filter(path__startswith=nation.path, kind__in=["national", "provincial", "upper"])
    assert check(orgs, DATES) == []


def test_reprojecting_people_through_the_service_keeps_the_figures(nation: Organization) -> None:
    for person in Person.objects.filter(organization__path__startswith=nation.path)[:40]:
        person_rebuild_periods(person)
    assert differences(nation, DATES) == []
