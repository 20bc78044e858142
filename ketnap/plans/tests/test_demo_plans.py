"""The demo's plans reproduce the published achievement tables (through the command)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from ketnap.demo.tests.loaded import loaded_demo


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


def report(org: str, year: int, as_of: str) -> dict[str, Any]:
    out = StringIO()
    call_command("report", "plan", "--org", org, "--year", str(year), "--as-of", as_of, "--format", "json", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


@pytest.mark.django_db
def test_tho_xuan_table_by_31_july_2023() -> None:
    data = report("tho-xuan", 2023, "2023-07-31")
    rows = {row["code"]: row for row in data["rows"]}
    expected = {
        "tx-quang-phu": (8, 8, 100),
        "tx-xuan-bai": (8, 11, 73),
        "tx-xuan-hung": (6, 10, 60),
        "tx-xuan-phu": (6, 10, 60),
        "tx-thuan-minh": (7, 12, 58),
    }
    for code, (admitted, plan, percent) in expected.items():
        assert (rows[code]["admitted"], rows[code]["plan"], rows[code]["percent"]) == (admitted, plan, percent)
    assert data["admitted"] == 292
    communes = sum(row["admitted"] for code, row in rows.items() if not code.startswith("tx-cq-"))
    agencies = sum(row["admitted"] for code, row in rows.items() if code.startswith("tx-cq-"))
    assert (communes, agencies) == (124, 168)


@pytest.mark.django_db
def test_lai_chau_2021_against_plan() -> None:
    data = report("lai-chau", 2021, "2021-12-31")
    assert (data["admitted"], data["plan"], data["percent"]) == (1022, 1002, 102)
    percents = {row["code"]: row["percent"] for row in data["rows"]}
    assert percents["lc-nam-nhun"] == 125
    assert percents["lc-tp-lai-chau"] == 125
    assert percents["lc-phong-tho"] == 123
    assert percents["lc-than-uyen"] == 115
    assert percents["lc-quan-su"] == 112
    assert sum(row["plan"] for row in data["rows"]) == 1002
    assert data["warnings"] == []


@pytest.mark.django_db
def test_forecast_runs_on_the_demo_communes() -> None:
    from ketnap.organizations.models import Organization
    from ketnap.plans.selectors import forecast

    result = forecast(None, Organization.objects.get(code="tx-xuan-bai"), 2023, dt.date(2023, 8, 1))
    assert result.total.admitted == 8 and result.total.plan == 11


@pytest.mark.django_db
def test_lai_chau_2021_rural_admissions_of_four_districts() -> None:
    """The report's rural admissions (Mường Tè 93, Phong Thổ 36, Sìn Hồ 30, Nậm Nhùn 28) are
    the admissions in the districts' communes (xã), not their townships: the plan's rural row."""
    from ketnap.organizations.models import Organization
    from ketnap.plans.selectors import achievement

    expected = {"lc-muong-te": 93, "lc-phong-tho": 36, "lc-sin-ho": 30, "lc-nam-nhun": 28}
    for code, rural in expected.items():
        result = achievement(None, Organization.objects.get(code=code), 2021, dt.date(2021, 12, 31))
        assert next(sub.admitted for sub in result.total.sub if sub.key == "rural") == rural, code
