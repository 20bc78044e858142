from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from ketnap.cells import services
from ketnap.cells.models import ReviewTask

D = dt.date


def test_sweep_raises_reviews_once(cell):
    for month in (1, 2, 3):
        lines = {m.pk: services.Presence() for m in cell.members[:3]}
        lines[cell.members[0].pk] = services.Presence("unexcused")
        services.meeting_record(
            actor=cell.secretary,
            cell=cell.w.cell_a,
            date=D(2023, month, 5),
            kind="regular",
            topic="x",
            attendance=lines,
        )
    out = io.StringIO()
    call_command("cells", "sweep", "--as-of", "2023-04-01", stdout=out, stderr=io.StringIO())
    assert "1" in out.getvalue()
    call_command(
        "cells", "sweep", "--as-of", "2023-05-01", "--org", "tinh-a", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert ReviewTask.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("cells", "sweep", "--as-of", "2023-02-30", stdout=io.StringIO())


def test_report_cells_json(cell):
    services.meeting_record(
        actor=cell.secretary, cell=cell.w.cell_a, date=D(2023, 2, 5), kind="regular", topic="x", attendance={}
    )
    out = io.StringIO()
    call_command("report", "cells", "--org", "xa-a", "--from", "2023-01-01", "--to", "2023-03-31", stdout=out)
    data = json.loads(out.getvalue())
    assert data["cells"] == 1 and data["rows"][0]["missed"] == ["2023-01", "2023-03"]
