from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command

from ketnap.core.testing import World, build_world, clear_audit_log, make_member, make_user

AS_OF = "2026-01-01"


@dataclass
class Jobs:
    w: World
    viewer_a: Any  # viewer of province A
    other_a: Any  # another viewer of province A


@pytest.fixture
def jobs_world(db: None) -> Jobs:
    w = build_world()
    make_member(w.cell_a, given="Minh", ceremony=dt.date(2015, 3, 1))
    return Jobs(
        w=w,
        viewer_a=make_user("viewer_a", (w.province_a, "viewer")),
        other_a=make_user("other_a", (w.province_a, "viewer")),
    )


def run_worker() -> None:
    """The queue's worker, in this process, until no job is waiting."""
    call_command("jobs", "worker", "--batch", "--interval", "0")


@pytest.fixture
def worker_db(transactional_db: None) -> Any:
    """A database the worker sees committed rows of (as a real worker would), emptied after."""
    yield
    clear_audit_log()
