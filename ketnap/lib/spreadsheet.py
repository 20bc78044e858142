"""The one way a value enters an xlsx cell, so that text always stays text.

A text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
taken by a spreadsheet program for a formula (CSV/formula injection: an organization
named ``=HYPERLINK(…)`` runs when the file is opened). Every exporter writes through
``put``: text is stored as a string cell, and such text also gets the "quote prefix"
style, so programs that re-evaluate the cell on editing keep it as text too. The
visible value is unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CellValue = str | int | float | Decimal | dt.date | dt.datetime | None

# Excel refuses these in a sheet's name (openpyxl raises), and names of 32 characters or more.
_NOT_IN_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")
SHEET_TITLE_MAX = 31


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put(sheet: Worksheet, row: int, column: int, value: CellValue) -> Cell:
    """Write ``value`` at (row, column); a text is never a formula."""
    cell: Cell = sheet.cell(row=row, column=column)
    set_value(cell, value)
    return cell


def set_value(cell: Cell, value: CellValue) -> None:
    cell.value = value
    if isinstance(value, str):
        # openpyxl marks any text starting with "=" as a formula ('f'): force a string.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True


def sheet_title(text: str) -> str:
    """A sheet name Excel accepts made from ``text`` (a class or organization name):
    the characters it refuses become "-", the apostrophes it forbids at the ends go,
    and the name is cut to 31 characters."""
    title = _NOT_IN_SHEET_TITLE.sub("-", text).strip("'")[:SHEET_TITLE_MAX].strip()
    return title or "-"
