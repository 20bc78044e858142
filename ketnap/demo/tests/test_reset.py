"""``--only`` builds one province; ``--reset`` removes the demo and builds it again identically."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from ketnap.demo import dien_bien
from ketnap.demo.loader import delete_demo
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.reports.selectors import organization_statistics

TABLES = (Organization, Person, MembershipEvent, StatusPeriod)


@pytest.fixture(scope="module", autouse=True)
def small_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with loaded_demo(django_db_blocker, "--only", dien_bien.CODE):
        yield


@pytest.mark.django_db
def test_only_builds_the_named_province() -> None:
    assert Organization.objects.filter(code=dien_bien.CODE).exists()
    assert not Organization.objects.filter(code="lai-chau").exists()


@pytest.mark.django_db
def test_reset_rebuilds_the_same_figures_and_leaves_no_dangling_rows() -> None:
    counts = [model.objects.count() for model in TABLES]
    call_command("demo", "--reset", "--only", dien_bien.CODE, stdout=StringIO())
    connection.check_constraints()
    assert [model.objects.count() for model in TABLES] == counts
    town = Organization.objects.get(code=dien_bien.TOWN)
    assert organization_statistics(town, dien_bien.REPORT_DATE).members == dien_bien.MEMBERS


@pytest.mark.django_db
def test_a_second_run_reports_nothing_to_do() -> None:
    out = StringIO()
    call_command("demo", "--only", dien_bien.CODE, stdout=out)
    assert "không thay đổi" in out.getvalue()
    assert "ketnap-demo-2026" in out.getvalue()


def test_delete_without_a_demo_does_nothing(db: None) -> None:
    delete_demo(echo=lambda line: None)
    assert delete_demo(echo=lambda line: None) == 0
    assert not Organization.objects.filter(code="vn").exists()
