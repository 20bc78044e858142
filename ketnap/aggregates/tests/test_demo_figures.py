"""The demo: the aggregates its load leaves equal the raw tables at every report date of
the places it reproduces, in the nation, each province and some communes and cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from ketnap.aggregates.checks import check
from ketnap.core import policy
from ketnap.demo import dien_bien, muong_lat, tho_xuan
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization

D = dt.date
REPORT_DATES = [D(2010, 12, 31), D(2019, 12, 31), dien_bien.REPORT_DATE, D(2020, 12, 31), D(2021, 12, 31)]
REPORT_DATES += [D(2022, 12, 31), tho_xuan.REPORT_DATE, D(2025, 6, 30), D(2026, 1, 1)]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


def test_the_nation_and_the_provinces_agree_with_the_raw_tables_on_every_report_date(db: None) -> None:
    orgs = list(Organization.objects.filter(depth__lte=2))
    assert len(orgs) > 3
    assert check(orgs, [*REPORT_DATES, policy.today()]) == []


def test_districts_communes_and_cells_agree_with_the_raw_tables(db: None) -> None:
    codes = [muong_lat.CODE, tho_xuan.CODE, "xa-muong-ly", dien_bien.CELL_TDP_9, "lc-phong-tho-xa-ban-lang-cb-08"]
    orgs = list(Organization.objects.filter(code__in=codes))
    assert len(orgs) == len(codes)
    assert check(orgs, REPORT_DATES) == []
