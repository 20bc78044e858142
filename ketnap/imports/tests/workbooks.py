"""Workbooks built in the tests: the template filled with rows, and committees' own
layouts with titles, merged cells, hidden rows, formulas and several sheets."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook, load_workbook

from ketnap.imports.columns import Kind
from ketnap.imports.sheets import template_bytes

MEMBER_HEADERS = ["Họ và tên", "Ngày sinh", "Giới tính", "Quê quán", "Giáo dục phổ thông", "Ngày vào Đảng"]


def good_member(name: str = "Lò Văn Minh", **over: Any) -> dict[str, Any]:
    row = {
        "Họ và tên": name,
        "Ngày sinh": "12/03/1990",
        "Giới tính": "Nam",
        "Quê quán": "Mường Lý",
        "Giáo dục phổ thông": "Trung học phổ thông",
        "Ngày vào Đảng": "05/06/2015",
    }
    return row | over


def book_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def simple(rows: list[dict[str, Any]], headers: list[str] | None = None, title: str | None = None) -> bytes:
    """One sheet: an optional title row, the header row, then the rows."""
    headers = headers or list(rows[0]) if rows else (headers or MEMBER_HEADERS)
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    return book_bytes(book)


def filled_template(kind: Kind, rows: list[list[Any]]) -> bytes:
    book = load_workbook(io.BytesIO(template_bytes(kind)))
    sheet = book.worksheets[0]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    return book_bytes(book)


D = dt.date
