"""``ketnap report statistics``: output formats, refusals, and scoping through the policy."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ketnap.core.testing import World, build_world, make_member, make_org
from ketnap.organizations.models import OrgKind
from ketnap.reports.exports import statistics_xlsx
from ketnap.reports.selectors import organization_statistics


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    make_member(world.cell_a, gender="female", ethnicity="thai")
    make_member(world.cell_a, ceremony=dt.date(2023, 9, 1), official=False)
    make_member(world.cell_b)
    return world


def report(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("report", "statistics", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_is_one_object_with_integer_figures(world: World) -> None:
    data = report("--org", "tinh-a", "--as-of", "2024-01-01", "--format", "json")
    assert {k: data[k] for k in ("members", "probationary", "women", "ethnic_minority")} == {
        "members": 2,
        "probationary": 1,
        "women": 1,
        "ethnic_minority": 1,
    }
    assert data["grassroots_organizations"] == 1
    assert data["organizations_by_kind"]["subordinate_cell"] == 1
    assert data["as_of"] == "2024-01-01"


def test_xlsx_can_be_read_back(world: World, tmp_path: Path) -> None:
    target = tmp_path / "thong-ke.xlsx"
    call_command("report", "statistics", "--org", "tinh-a", "--as-of", "2024-01-01", "--format", "xlsx",
                 "--output", str(target), stdout=StringIO(), stderr=StringIO())  # fmt: skip
    sheet = load_workbook(target).active
    assert "Đảng bộ tỉnh A" in sheet["A2"].value
    assert "01/01/2024" in sheet["A2"].value
    rows = {row[0].value: row[1] for row in sheet.iter_rows(min_row=4) if row[0].value}
    assert rows["Tổng số đảng viên"].value == 2
    assert rows["Đảng viên dự bị"].value == 1
    assert rows["Tổng số đảng viên"].number_format == "#,##0"


def test_xlsx_default_file_name(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    call_command("report", "statistics", "--org", "xa-a", "--as-of", "2024-01-01", "--format", "xlsx",
                 stdout=StringIO(), stderr=StringIO())  # fmt: skip
    assert (tmp_path / "statistics-xa-a-2024-01-01.xlsx").stat().st_size > 0


def test_exporter_returns_xlsx_bytes(world: World) -> None:
    data = statistics_xlsx(organization_statistics(world.province_a, dt.date(2024, 1, 1)))
    assert data[:2] == b"PK"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--org", "khong-co", "--as-of", "2024-01-01"), "Không tìm thấy tổ chức"),
        (("--org", "tinh-a", "--as-of", "31/12/2021"), "không phải một ngày dạng YYYY-MM-DD"),
        (("--org", "tinh-a", "--as-of", "2021-02-30"), "Ngày 2021-02-30 không tồn tại"),
        (("--org", "tinh-a", "--as-of", "20211231"), "không phải một ngày dạng YYYY-MM-DD"),
        (("--org", "tinh-a", "--as-of", "9999-12-31"), "nằm ngoài khoảng ngày được hỗ trợ"),
    ],
)
def test_refuses_unknown_code_and_bad_date(world: World, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        report(*args)


def test_refuses_an_organization_that_did_not_exist_on_the_date(world: World) -> None:
    make_org(world.district_a, "xa-cu", OrgKind.GRASSROOTS_COMMITTEE, valid_to=dt.date(2020, 1, 1))
    assert report("--org", "xa-cu", "--as-of", "2019-12-31")["members"] == 0
    with pytest.raises(CommandError, match="không tồn tại vào ngày 01/01/2020"):
        report("--org", "xa-cu", "--as-of", "2020-01-01")


def test_user_without_a_role_is_told_not_found(world: World) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        report("--org", "tinh-a", "--as-of", "2024-01-01", "--user", world.nobody.username)


def test_user_with_a_role_in_scope_gets_the_report(world: World) -> None:
    assert report("--org", "tinh-a", "--as-of", "2024-01-01", "--user", world.editor_a.username)["members"] == 2
    assert report("--org", "xa-a", "--as-of", "2024-01-01", "--user", world.viewer_commune_a.username)["members"] == 2


def test_user_with_a_role_on_a_sibling_is_told_not_found(world: World) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        report("--org", "tinh-a", "--as-of", "2024-01-01", "--user", world.outsider_b.username)
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        report("--org", "tinh-a", "--as-of", "2024-01-01", "--user", world.viewer_commune_a.username)


def test_unknown_user_is_refused(world: World) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy người dùng"):
        report("--org", "tinh-a", "--as-of", "2024-01-01", "--user", "khong-ai")
