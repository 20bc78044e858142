"""Cell life in the demo: Mường Lát's program cells meet monthly in 2022–2023, pay dues,
and a few members reach the removal trigger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from ketnap.cells import selectors
from ketnap.cells.models import AwayRecord, DuesPayment, Meeting, ReviewTask
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization

D = dt.date


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker, "--only", "thanh-hoa") as out:
        yield out


def test_the_program_cells_meet_every_month_but_one_cell_in_summer_2023(db):
    district = Organization.objects.get(code="muong-lat")
    rows = [r for r in selectors.regularity(district, D(2022, 1, 1), D(2023, 12, 31)) if r.held]
    assert len(rows) == 24
    missed = {r.cell.code: r.missed for r in rows if r.missed}
    assert list(missed.values()) == [[D(2023, 7, 1), D(2023, 8, 1)]]
    assert Meeting.objects.filter(cell__path__startswith=district.path).count() == 24 * 24 - 2


def test_dues_and_triggers(db):
    district = Organization.objects.get(code="muong-lat")
    assert DuesPayment.objects.filter(cell__path__startswith=district.path, paid=True).count() > 7000
    tasks = ReviewTask.objects.filter(cell__path__startswith=district.path)
    assert sorted(tasks.values_list("code", flat=True)) == [
        "removal.dues_unpaid",
        "removal.inactive",
        "removal.inactive",
        "removal.inactive",
    ]
    assert AwayRecord.objects.filter(cell__path__startswith=district.path).count() == 2
    flags = selectors.away_flags(district, D(2023, 12, 31))
    assert len(flags) == 2


def test_the_pages_show_it(db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    page = client.get("/sinh-hoat-chi-bo/to-chuc/muong-lat/thuong-ky/?tu=01/01/2023&den=31/12/2023")
    assert page.status_code == 200 and "07/2023, 08/2023" in page.content.decode()
    flags = client.get("/sinh-hoat-chi-bo/to-chuc/muong-lat/canh-bao/?ngay=31/12/2023")
    assert flags.status_code == 200 and "Bắc Ninh" in flags.content.decode()
