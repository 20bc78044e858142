"""``ketnap report change|new-members|funnel|narrative|check``: JSON out, files written,
bad input refused with a message."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ketnap.core.testing import World, build_world, make_member

PERIOD = ["--org", "tinh-a", "--from", "2015-01-01", "--to", "2015-12-31"]


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    make_member(world.cell_a, ceremony=dt.date(2015, 3, 1), official=False)
    return world


def _json(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("report", *args, stdout=out)
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_each_report_writes_its_json(world: World) -> None:
    assert _json("change", *PERIOD)["end"] == 1
    assert _json("new-members", *PERIOD)["current"]["total"] == 1  # type: ignore[index]
    assert len(_json("funnel", *PERIOD)["stages"]) == 8  # type: ignore[arg-type]
    assert "kết nạp 1 đảng viên mới" in str(_json("narrative", *PERIOD)["text"])


def test_files_are_written(world: World, tmp_path: Path) -> None:
    for name, fmt in (("change", "xlsx"), ("narrative", "docx")):
        target = tmp_path / f"{name}.{fmt}"
        call_command("report", name, *PERIOD, "--format", fmt, "--output", str(target), stderr=StringIO())
        assert target.stat().st_size > 1000


def test_the_draft_check_reads_a_file(world: World, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("193 + 335 = 523", encoding="utf-8")
    findings = _json("check", *PERIOD, "--draft", str(draft))["findings"]
    assert [f["difference"] for f in findings] == [5]  # type: ignore[union-attr, index]


def test_bad_input_is_refused_with_a_message(world: World) -> None:
    with pytest.raises(CommandError, match="trước hoặc bằng"):
        call_command("report", "change", "--org", "tinh-a", "--from", "2016-01-01", "--to", "2015-01-01")
    with pytest.raises(CommandError, match="khong-co"):
        call_command("report", "funnel", "--org", "khong-co", "--from", "2015-01-01", "--to", "2015-12-31")
    with pytest.raises(CommandError, match="tinh-a"):  # out of view: refused like an unknown code
        call_command("report", "change", *PERIOD, "--user", "outsider_b")
