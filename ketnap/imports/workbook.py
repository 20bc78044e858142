"""Reading a workbook as committees keep it: a title above the header row, several
sheets, merged cells, hidden rows and formulas.

Decisions, said on the dry-run report:

- the header row is the row among the first ``HEADER_SCAN_ROWS`` with the most
  recognized headers;
- a range merged down one column (a cell code written once for a group of rows)
  gives its value to every row of the range; a range merged across several columns
  of data is an error naming the range;
- a hidden row is skipped and listed as skipped;
- a formula gives the value Excel last computed (kept in the file); a formula with no
  computed value (a file never opened in Excel) is an error.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.imports.columns import Kind, recognize

HEADER_SCAN_ROWS = 10
MAX_COLUMNS = 60


# What a workbook may unpack to: some 200,000 rows of the template.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
# A formula in a worksheet's XML: an ``f`` element, with or without a namespace prefix.
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


class UnreadableFile(ValueError):
    """Not an xlsx workbook."""


class TooLarge(UnreadableFile):
    """A workbook that unpacks to more than ``MAX_UNPACKED_BYTES``."""


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # column letter -> value
    hidden: bool = False
    formula_without_value: list[str] = field(default_factory=list)  # column letters
    merged_across: dict[str, str] = field(default_factory=dict)  # column letter -> range


@dataclass
class Sheet:
    name: str
    header_row: int
    headers: dict[str, str]  # column letter -> header text
    rows: list[Row]


@dataclass
class Book:
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet:
        return next((s for s in self.sheets if s.name == name), self.sheets[0])


def open_book(content: bytes, kind: Kind) -> Book:
    """Every visible sheet with a header row, read with formulas and their values."""
    _check_unpacked_size(content)
    try:
        values = load_workbook(io.BytesIO(content), data_only=True)
        # Read a second time, for the formulas, only when there are some (half the time).
        formulas = load_workbook(io.BytesIO(content), data_only=False) if _has_formulas(content) else values
    except Exception as error:  # openpyxl raises many kinds on a file that is not xlsx
        raise UnreadableFile(str(error)) from error
    return Book([_sheet(values[name], formulas[name], kind) for name in _sheet_names(values)])


def _check_unpacked_size(content: bytes) -> None:
    """A workbook is a zip: one that unpacks to more than ``MAX_UNPACKED_BYTES`` (a
    "zip bomb", or far more rows than any committee keeps) is refused before it is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile(str(error)) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise TooLarge(unpacked)


def _has_formulas(content: bytes) -> bool:
    """Whether a worksheet of the (already opened) file holds a formula."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")]
        return any(_FORMULA.search(archive.read(name)) for name in sheets)


def _sheet_names(book: Workbook) -> list[str]:
    return [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]


def _header_row(sheet: Worksheet, kind: Kind) -> int:
    best, best_count = 1, 0
    for number in range(1, min(HEADER_SCAN_ROWS, sheet.max_row) + 1):
        count = sum(1 for text in _row_texts(sheet, number).values() if recognize(text, kind))
        if count > best_count:
            best, best_count = number, count
    return best


def _row_texts(sheet: Worksheet, number: int) -> dict[str, str]:
    width = min(sheet.max_column, MAX_COLUMNS)
    cells = (sheet.cell(row=number, column=c) for c in range(1, width + 1))
    return {cell.column_letter: " ".join(str(cell.value).split()) for cell in cells if cell.value not in (None, "")}


def _sheet(values: Worksheet, formulas: Worksheet, kind: Kind) -> Sheet:
    header_row = _header_row(values, kind)
    headers = _row_texts(values, header_row)
    fill, across = _merged(values, header_row)
    rows = [row for row in _rows(values, formulas, header_row, headers, fill, across) if _has_data(row)]
    return Sheet(name=values.title, header_row=header_row, headers=headers, rows=rows)


def _merged(sheet: Worksheet, header_row: int) -> tuple[dict[tuple[int, int], Any], dict[tuple[int, int], str]]:
    """Cells below the header inside merged ranges: the range's value for a range down
    one column, the range's name for a range across columns."""
    fill: dict[tuple[int, int], Any] = {}
    across: dict[tuple[int, int], str] = {}
    for merged in sheet.merged_cells.ranges:
        if merged.max_row <= header_row:
            continue
        value = sheet.cell(row=merged.min_row, column=merged.min_col).value
        for row, column in merged.cells:
            if row <= header_row:
                continue
            if merged.min_col == merged.max_col:
                fill[(row, column)] = value
            else:
                across[(row, column)] = merged.coord
    return fill, across


def _rows(
    values: Worksheet,
    formulas: Worksheet,
    header_row: int,
    headers: dict[str, str],
    fill: dict[tuple[int, int], Any],
    across: dict[tuple[int, int], str],
) -> Iterator[Row]:
    columns = [(letter, _index(letter)) for letter in headers]
    for number in range(header_row + 1, values.max_row + 1):
        row = Row(number=number, values={}, hidden=bool(values.row_dimensions[number].hidden))
        for letter, index in columns:
            _read_cell(row, values, formulas, index, letter, fill, across)
        yield row


def _read_cell(
    row: Row,
    values: Worksheet,
    formulas: Worksheet,
    index: int,
    letter: str,
    fill: dict[tuple[int, int], Any],
    across: dict[tuple[int, int], str],
) -> None:
    key = (row.number, index)
    if key in across:
        row.merged_across[letter] = across[key]
        row.values[letter] = values.cell(row=row.number, column=index).value
        return
    value = fill[key] if key in fill else values.cell(row=row.number, column=index).value
    source = formulas.cell(row=row.number, column=index)
    if value is None and source.data_type == "f":
        row.formula_without_value.append(letter)
    row.values[letter] = value


def _index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return int(column_index_from_string(letter))


def _has_data(row: Row) -> bool:
    return any(v not in (None, "") and str(v).strip() for v in row.values.values()) or bool(row.formula_without_value)


def letter_of(index: int) -> str:
    return str(get_column_letter(index))
