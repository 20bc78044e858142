"""The period reports as background spreadsheets: the parameters checked naming the
field, the file the page's own download, and the page's button that starts one."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from ketnap.core.errors import ValidationFailed
from ketnap.jobs import services
from ketnap.jobs.builtin import REPORT_KINDS
from ketnap.jobs.models import Job, JobState
from ketnap.jobs.runner import run_job
from ketnap.jobs.selectors import job_file
from ketnap.jobs.tests.conftest import Jobs

PERIOD = {"first": "2015-01-01", "last": "2015-12-31"}


@pytest.mark.parametrize("name", list(REPORT_KINDS))
def test_a_period_report_makes_a_readable_workbook(jobs_world: Jobs, name: str) -> None:
    job = services.job_start(
        actor=jobs_world.viewer_a, kind=REPORT_KINDS[name], organization=jobs_world.w.province_a, params=PERIOD
    )
    run_job(job.pk, echo=lambda *args: None)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.file_name.startswith(f"{name}-tinh-a-") and job.file_name.endswith(".xlsx")
    sheet = load_workbook(BytesIO(job_file(job))).worksheets[0]
    assert sheet.max_row > 5


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"first": "2015-01-01"}, "last"),
        ({"last": "2015-01-01"}, "first"),
        ({"first": "31/02/2015", "last": "2015-12-31"}, "first"),
        ({"first": "2016-01-01", "last": "2015-12-31"}, "first"),
        (PERIOD | {"as_of": "2015-01-01"}, "as_of"),
    ],
)
def test_the_period_is_checked_naming_the_field(jobs_world: Jobs, params: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.job_start(
            actor=jobs_world.viewer_a, kind="report_change_xlsx", organization=jobs_world.w.province_a, params=params
        )
    assert error.value.field == field


def test_the_report_page_starts_its_spreadsheet_in_the_background(jobs_world: Jobs) -> None:
    client = Client()
    client.force_login(jobs_world.viewer_a)
    page = client.get("/bao-cao/to-chuc/tinh-a/tang-giam/?tu=01/01/2015&den=31/12/2015").content.decode()
    assert 'value="report_change_xlsx"' in page and 'name="first" value="2015-01-01"' in page
    response = client.post(
        "/viec-chay/to-chuc/tinh-a/", {"kind": "report_change_xlsx", "first": "2015-01-01", "last": "2015-12-31"}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and job.params == PERIOD
    refused = client.post("/viec-chay/to-chuc/tinh-a/", {"kind": "report_change_xlsx", "first": "2015-01-01"})
    assert refused.status_code == 400 and "Cần ngày cuối kỳ." in refused.content.decode()
