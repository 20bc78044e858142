"""``ketnap jobs run|list|purge``: one job in the foreground with a progress line, the
list, the purge; a failure is the command's error with the reason."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ketnap.jobs.models import Job, JobState
from ketnap.jobs.tests.conftest import AS_OF, Jobs


def test_run_writes_the_file_and_prints_progress(jobs_world: Jobs, tmp_path: Path) -> None:
    out, err = StringIO(), StringIO()
    target = tmp_path / "a.xlsx"
    call_command(
        "jobs",
        "run",
        "statistics_xlsx",
        "--org",
        "tinh-a",
        "--as-of",
        AS_OF,
        "--output",
        str(target),
        stdout=out,
        stderr=err,
    )
    assert target.read_bytes()[:2] == b"PK"
    assert "2/2" in err.getvalue()
    job = Job.objects.get()
    assert job.state == JobState.DONE and job.owner is None and not job.task_id


def test_run_as_a_user_is_scoped_and_failures_say_why(jobs_world: Jobs) -> None:
    with pytest.raises(CommandError, match="tinh-b"):
        call_command("jobs", "run", "statistics_xlsx", "--org", "tinh-b", "--as-of", AS_OF, "--user", "viewer_a")
    with pytest.raises(CommandError, match="không tồn tại"):
        call_command("jobs", "run", "statistics_xlsx", "--org", "tinh-a", "--as-of", "1931-01-01", stderr=StringIO())
    with pytest.raises(CommandError, match="KEY=VALUE"):
        call_command("jobs", "run", "statistics_xlsx", "--org", "tinh-a", "--param", "oops")


def test_list_and_purge(jobs_world: Jobs, tmp_path: Path) -> None:
    call_command(
        "jobs",
        "run",
        "statistics_xlsx",
        "--org",
        "tinh-a",
        "--as-of",
        AS_OF,
        "--output",
        str(tmp_path / "x.xlsx"),
        stderr=StringIO(),
    )
    out = StringIO()
    call_command("jobs", "list", stdout=out)
    assert "statistics_xlsx\ttinh-a\t-\tdone\t2/2" in out.getvalue()
    mine = StringIO()
    call_command("jobs", "list", "--user", "viewer_a", stdout=mine)
    assert mine.getvalue() == ""  # a job of the system operator is nobody's
    Job.objects.update(finished_at=timezone.now() - dt.timedelta(days=3))
    call_command("jobs", "purge", "--older-than", "5", stdout=StringIO())
    assert Job.objects.count() == 1
    call_command("jobs", "purge", "--older-than", "2", stdout=StringIO())
    assert not Job.objects.exists()
