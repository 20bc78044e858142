"""The report set on the demo: the change reconciles everywhere and with the statistics,
and the figures of the source reports come back (Lai Châu 2021, Thọ Xuân 2023)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from ketnap.demo import lai_chau, tho_xuan
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization
from ketnap.reports.consistency import figures_for, findings_in
from ketnap.reports.funnel import development_funnel
from ketnap.reports.narrative import narrative_for
from ketnap.reports.newmembers import new_members
from ketnap.reports.period import membership_change
from ketnap.reports.selectors import member_figures

D = dt.date
YEAR_2021 = (D(2021, 1, 1), lai_chau.AS_OF)
THO_XUAN_2023 = (D(2023, 1, 1), tho_xuan.REPORT_DATE)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


@pytest.mark.django_db
def test_lai_chau_2021_reconciles_to_the_30044_members_and_counts_1022_decisions() -> None:
    change = membership_change(org("lai-chau"), *YEAR_2021)
    assert change.reconciled and change.end == 30_044
    assert change.admission_decisions == 1_022


@pytest.mark.django_db
def test_the_change_reconciles_with_the_statistics_for_every_district_and_period() -> None:
    periods = [YEAR_2021, THO_XUAN_2023, (D(2010, 1, 1), D(2024, 12, 31))]
    for node in Organization.objects.filter(depth__lte=3):
        for first, last in periods:
            if not (node.is_valid_on(first) and node.is_valid_on(last)):
                continue
            change = membership_change(node, first, last)
            assert change.reconciled, (node.code, first)
            assert change.end == member_figures(node, last)["members"], (node.code, last)
            assert change.start == member_figures(node, first - dt.timedelta(days=1))["members"], (node.code, first)


@pytest.mark.django_db
def test_tho_xuan_admitted_292_by_31_7_2023() -> None:
    report = new_members(org("tho-xuan"), *THO_XUAN_2023)
    assert report.current.total == 292
    assert sum(v or 0 for v in report.current.breakdowns["age"].values()) == 292
    assert report.previous.first == D(2022, 1, 1)


@pytest.mark.django_db
def test_the_lai_chau_narrative_says_30044_and_1022_and_passes_its_own_check() -> None:
    narrative = narrative_for(None, org("lai-chau"), *YEAR_2021)
    assert "30.044 đảng viên" in narrative.text and "kết nạp 1.022 đảng viên mới" in narrative.text
    assert findings_in(narrative.text, figures_for(None, org("lai-chau"), *YEAR_2021)) == []


@pytest.mark.django_db
def test_the_tho_xuan_briefing_is_caught_against_the_data() -> None:
    text = (
        "Mở 6 lớp bồi dưỡng nhận thức về Đảng cho 523 quần chúng ưu tú (khối xã, thị trấn 193; khối cơ quan, "
        "trường học 335). Tính đến ngày 31/7/2023 đã kết nạp được 292 đảng viên (30 xã, thị trấn 124; khối cơ "
        "quan, trường học 168)."
    )
    findings = findings_in(text, figures_for(None, org("tho-xuan"), *THO_XUAN_2023))
    assert [(f.kind, f.stated, f.expected) for f in findings] == [("sum", 523, 528)]


@pytest.mark.django_db
def test_the_work_in_progress_shows_in_the_funnel() -> None:
    today = timezone.localdate()
    funnel = development_funnel(org("tho-xuan"), today.replace(month=1, day=1), today)
    rows = {row.stage: row for row in funnel.stages}
    assert funnel.people > 0 and sum(row.waiting for row in funnel.stages) > 0
    assert rows["source"].reached >= rows["dossier"].reached >= rows["decision"].reached
