"""Small groups: the ethnicity and religion figures a user without ``view_sensitive``
sees, at the threshold's boundary, in every output (selector, page, API, xlsx, command)."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from ketnap.accounts.tokens import token_create
from ketnap.core.testing import World, build_world, make_member
from ketnap.reports.selectors import hidden_categories, statistics_for

ON = dt.date(2024, 1, 1)
WITHHELD = ["ethnic_minority", "religious"]


def populate(world: World, members: int, *, minority: int = 0, religious: int = 0) -> None:
    """``members`` members in cell A (commune A's only cell): the first ``minority`` Thái,
    the first ``religious`` Buddhist."""
    for i in range(members):
        make_member(
            world.cell_a,
            given=f"Người {i}",
            ethnicity="thai" if i < minority else "kinh",
            religion="buddhism" if i < religious else "none",
        )


@pytest.fixture
def world(db: None, settings: Any) -> World:
    settings.STATS_SUPPRESSION_THRESHOLD = 5
    return build_world()


def seen(user: Any, world: World) -> tuple[int | None, int | None, list[str]]:
    stats = statistics_for(user, world.commune_a, ON)
    return stats.ethnic_minority, stats.religious, stats.suppressed


# The rule on one breakdown.


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ({"a": 0, "b": 4}, {"a", "b"}),  # group of threshold-1: all of it, zero included
        ({"a": 0, "b": 5}, set()),  # group of threshold, no small count
        ({"a": 1, "b": 4}, {"a", "b"}),
        ({"a": 4, "b": 6}, {"a", "b"}),  # one small count: the next smallest goes with it
        ({"a": 5, "b": 5}, set()),
        ({"a": 2, "b": 0, "c": 9, "d": 30}, {"a", "c"}),  # a shown zero would not protect it
        ({"a": 2, "b": 3, "c": 30}, {"a", "b"}),  # two small counts protect each other
    ],
)
def test_hidden_categories_at_threshold_five(counts: dict[str, int], hidden: set[str]) -> None:
    assert hidden_categories(counts, 5) == hidden


def test_a_threshold_of_one_hides_nothing() -> None:
    assert hidden_categories({"a": 1, "b": 0}, 1) == set()


# The selector, for a viewer (no view_sensitive) and an editor (view_sensitive).


def test_viewer_gets_a_group_of_threshold_minus_one_withheld(world: World) -> None:
    populate(world, 4)
    assert seen(world.viewer_commune_a, world) == (None, None, WITHHELD)
    assert "5" in statistics_for(world.viewer_commune_a, world.commune_a, ON).suppression_note


def test_viewer_sees_a_group_of_threshold_without_small_counts(world: World) -> None:
    populate(world, 5)
    assert seen(world.viewer_commune_a, world) == (0, 0, [])
    assert statistics_for(world.viewer_commune_a, world.commune_a, ON).suppression_note == ""


@pytest.mark.parametrize(
    ("minority", "religious", "expected"),
    [
        (1, 0, (None, 0, ["ethnic_minority"])),
        (4, 5, (None, 5, ["ethnic_minority"])),
        (5, 6, (5, None, ["religious"])),  # 6 religious of 10 leaves 4 without: withheld
        (5, 9, (5, None, ["religious"])),
        (5, 10, (5, 10, [])),
    ],
)
def test_viewer_gets_small_counts_of_a_large_group_withheld(
    world: World, minority: int, religious: int, expected: tuple[Any, ...]
) -> None:
    populate(world, 10, minority=minority, religious=religious)
    assert seen(world.viewer_commune_a, world) == expected


def test_editor_and_operator_see_everything(world: World) -> None:
    populate(world, 4, minority=1, religious=3)
    assert seen(world.editor_a, world) == (1, 3, [])
    assert seen(world.admin, world) == (1, 3, [])
    assert seen(None, world) == (1, 3, [])


def test_threshold_comes_from_the_setting(world: World, settings: Any) -> None:
    populate(world, 4, minority=1)
    assert seen(world.viewer_commune_a, world) == (None, None, WITHHELD)
    settings.STATS_SUPPRESSION_THRESHOLD = 3
    assert seen(world.viewer_commune_a, world) == (None, 0, ["ethnic_minority"])
    settings.STATS_SUPPRESSION_THRESHOLD = 1
    assert seen(world.viewer_commune_a, world) == (1, 0, [])


# Every output format shows what the selector withheld.


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_page_shows_a_dash_and_the_note_to_the_viewer_only(world: World) -> None:
    populate(world, 4, minority=2, religious=1)
    page = client_for(world.viewer_commune_a).get("/to-chuc/xa-a/?ngay=01/01/2024").content.decode()
    assert "<strong>—</strong>" in page
    assert "dưới 5 người" in page
    page = client_for(world.editor_a).get("/to-chuc/xa-a/?ngay=01/01/2024").content.decode()
    assert "<strong>—</strong>" not in page
    assert "dưới 5 người" not in page


def test_api_gives_null_with_the_names_withheld(world: World) -> None:
    populate(world, 4, minority=2)
    token = token_create(actor=None, user=world.viewer_commune_a, label="test")[1]
    response = Client().get(
        "/api/v1/organizations/xa-a/statistics?as_of=2024-01-01", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    body = response.json()
    assert (body["ethnic_minority"], body["religious"], body["suppressed"]) == (None, None, WITHHELD)
    assert body["members"] == 4
    assert "dưới 5 người" in body["suppression_note"]
    session = client_for(world.editor_a).get("/api/v1/organizations/xa-a/statistics?as_of=2024-01-01").json()
    assert (session["ethnic_minority"], session["suppressed"]) == (2, [])


def rows_of(data: bytes) -> dict[str, Any]:
    sheet = load_workbook(BytesIO(data)).active
    return {row[0].value: row[1] for row in sheet.iter_rows(min_row=4) if row[0].value}


def test_page_xlsx_download_writes_a_dash_and_the_note(world: World) -> None:
    populate(world, 4, minority=2)
    response = client_for(world.viewer_commune_a).get("/to-chuc/xa-a/thong-ke.xlsx?as_of=2024-01-01")
    rows = rows_of(response.content)
    assert rows["Đảng viên dân tộc thiểu số"].value == "—"
    assert rows["Đảng viên có tôn giáo"].value == "—"
    assert rows["Tổng số đảng viên"].value == 4
    assert any(str(label).startswith("Lưu ý: Số liệu dân tộc") for label in rows)
    editor = rows_of(client_for(world.editor_a).get("/to-chuc/xa-a/thong-ke.xlsx?as_of=2024-01-01").content)
    assert editor["Đảng viên dân tộc thiểu số"].value == 2


def command(*args: str) -> str:
    out = StringIO()
    call_command("report", "statistics", "--org", "xa-a", "--as-of", "2024-01-01", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_command_json_withholds_for_a_user_and_not_for_the_operator(world: World) -> None:
    populate(world, 4, minority=2)
    viewer = json.loads(command("--user", world.viewer_commune_a.username))
    assert (viewer["ethnic_minority"], viewer["suppressed"]) == (None, WITHHELD)
    assert json.loads(command())["ethnic_minority"] == 2


def test_command_xlsx_withholds_for_a_user(world: World, tmp_path: Path) -> None:
    populate(world, 4, minority=2)
    target = tmp_path / "thong-ke.xlsx"
    command("--user", world.viewer_commune_a.username, "--format", "xlsx", "--output", str(target))
    assert rows_of(target.read_bytes())["Đảng viên dân tộc thiểu số"].value == "—"


def test_interfaces_ask_for_the_statistics_a_user_may_see() -> None:
    """Pages, API and command reach the figures only through ``statistics_for``."""
    package = Path(__file__).resolve().parents[2]
    for module in ("web/views.py", "organizations/api/reads.py", "reports/management/commands/report.py"):
        text = (package / module).read_text(encoding="utf-8")
        assert "statistics_for(" in text and "organization_statistics(" not in text, module
