"""The demo is positioned relative to the day it is loaded: loaded just after Tết, in
another season than the day the suite runs, its communes still look like a normal week.

Thanh Hóa and Điện Biên are loaded once, on that day, and rolled back afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from ketnap.admission.models import AdmissionCase
from ketnap.demo.tests import alive
from ketnap.demo.tests.loaded import loaded_demo

# Tết Đinh Mùi falls on 06/02/2027; a week after the holiday the offices are back at work.
AFTER_TET = dt.datetime(2027, 2, 17, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(scope="module", autouse=True)
def after_tet(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with (
        time_machine.travel(AFTER_TET, tick=False),
        loaded_demo(django_db_blocker, "--only", "thanh-hoa", "--only", "dien-bien"),
    ):
        yield


@pytest.mark.django_db
def test_loaded_after_tet_every_commune_has_work_on_time_due_soon_and_overdue() -> None:
    today = timezone.localdate()
    assert today == AFTER_TET.date()
    communes = alive.demo_communes()
    assert len(communes) == 7
    for commune in communes:
        alive.assert_alive(commune, today)
    alive.assert_nothing_waits_for_an_authority(today)


@pytest.mark.django_db
def test_the_work_moves_with_the_load_day() -> None:
    """Nothing is older than the cases' planned span, whatever the day."""
    oldest = AdmissionCase.objects.order_by("opened_on").values_list("opened_on", flat=True).first()
    assert oldest is not None and (AFTER_TET.date() - oldest).days < 600
    assert not AdmissionCase.objects.filter(due_on__lt=AFTER_TET.date() - dt.timedelta(days=40)).exists()


@pytest.mark.django_db
def test_people_live_in_villages() -> None:
    alive.assert_people_live_in_villages()
