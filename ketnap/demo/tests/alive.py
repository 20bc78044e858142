"""Checks that a loaded demo looks like a working commune on the day it is opened."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ketnap.admission.deadlines import REMINDER_LEADS
from ketnap.admission.models import AdmissionCase
from ketnap.admission.queue import work_queue
from ketnap.admission.selectors import case_findings, competent_authority
from ketnap.demo import live
from ketnap.organizations.models import Organization
from ketnap.people.models import Person

SOON = dt.timedelta(days=min(REMINDER_LEADS))  # the last reminder goes out a week ahead
VILLAGE_WORDS = ("Bản ", "Thôn ", "Tổ dân phố ", "Xóm ", "Khu ", "Làng ", "Tổ ")


def demo_communes() -> list[Organization]:
    codes = [code for code, *_ in live.COMMUNES]
    return list(Organization.objects.filter(code__in=codes).order_by("code"))


def queue_buckets(commune: Organization, today: dt.date) -> Counter[str]:
    """The commune's work queue on ``today`` as overdue, due soon (within a week) and on time."""
    buckets: Counter[str] = Counter()
    for item in work_queue(commune, today):
        if item.overdue:
            buckets["overdue"] += 1
        else:
            buckets["soon" if item.due_on <= today + SOON else "on_time"] += 1
    return buckets


def assert_alive(commune: Organization, today: dt.date) -> None:
    buckets = queue_buckets(commune, today)
    assert buckets["on_time"] and buckets["soon"] and buckets["overdue"], (commune.code, buckets)
    assert buckets["overdue"] * 2 < sum(buckets.values()), (commune.code, buckets)
    cases = AdmissionCase.objects.filter(closed_on__isnull=True, cell__path__startswith=commune.path)
    late = [c for c in cases if c.due_on is not None and c.due_on < today]
    assert cases and len(late) * 3 < len(cases), (commune.code, len(late), len(cases))


def assert_nothing_waits_for_an_authority(today: dt.date) -> None:
    for case in AdmissionCase.objects.filter(closed_on__isnull=True).select_related("cell"):
        assert competent_authority(case.cell, today) is not None, case.cell.code
        codes = {f.code for f in case_findings(case, today)}
        assert "authority.not_configured" not in codes, case.cell.code


def assert_people_live_in_villages() -> None:
    """Everyone's residence and hometown is a village, never the name of their cell."""
    rows = Person.objects.values_list("residence", "hometown", "organization__name")
    for residence, hometown, cell in rows.iterator(chunk_size=5000):
        for place in (residence, hometown):
            assert place.startswith(VILLAGE_WORDS) and place != cell and "Chi bộ" not in place, (place, cell)
