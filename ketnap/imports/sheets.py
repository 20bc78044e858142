"""The import templates and the exports in the same layout, so a list exported and
imported again reads back as the same records."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.imports.columns import Column, Kind, choice_labels, columns_for
from ketnap.lib.spreadsheet import put
from ketnap.people import status
from ketnap.people.models import MembershipEvent, Person

DATA_ROWS = 2000  # rows the lists and formats are prepared for in a blank template
DATE_FORMAT = "dd/mm/yyyy"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _instructions(kind: Kind) -> list[str]:
    lines = [
        _("Hướng dẫn nhập danh sách"),
        _("Mỗi người một dòng, bắt đầu từ dòng 2 của trang «Danh sách»; không đổi tên cột."),
        _("Cột có dấu * là bắt buộc. Ngày ghi dạng dd/mm/yyyy, ví dụ 12/03/1990."),
        _("Họ và tên ghi đủ, ví dụ Lò Văn Minh."),
        _("Số CCCD gồm 12 chữ số, ô đã định dạng văn bản để giữ số 0 ở đầu."),
        _("Mã chi bộ: mã tổ chức trong ketnap; để trống thì nhập vào tổ chức đã chọn khi tải lên."),
        _("Các cột có danh sách: chọn một giá trị trong danh sách."),
        _("Dòng bị ẩn không được nhập."),
        _("Người đã có hồ sơ (cùng họ tên, ngày sinh, quê quán hoặc số CCCD) được báo trùng."),
    ]
    if kind is Kind.MEMBERS:
        lines.append(_("Ngày vào Đảng là ngày kết nạp; ngày chính thức để trống nếu còn là đảng viên dự bị."))
    return lines


def _header(column: Column) -> str:
    return f"{column.header} *" if column.required else str(column.header)


def template_columns(kind: Kind, *, sensitive: bool = True) -> tuple[Column, ...]:
    """The columns of the template; without the sensitive-data permission the sensitive
    ones are left out, not emptied."""
    return tuple(c for c in columns_for(kind) if sensitive or not c.sensitive)


def blank_workbook(kind: Kind, *, sensitive: bool = True) -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Danh sách")
    columns = template_columns(kind, sensitive=sensitive)
    for index, column in enumerate(columns, start=1):
        cell = put(sheet, 1, index, _header(column))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = 24 if column.key != "full_name" else 28
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(_("Hướng dẫn"))
    for row, line in enumerate(_instructions(kind), start=1):
        put(notes, row, 1, line)
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 110
    _add_lists(book, sheet, columns)
    return book, sheet


def _add_lists(book: Workbook, sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    """A list to choose from for every closed field (on a hidden sheet: the 54 ethnic
    groups do not fit in an inline list), and text format for IDs and codes."""
    lists = book.create_sheet("_lists")
    lists.sheet_state = "hidden"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        labels = choice_labels(column.key)
        if labels:
            for row, label in enumerate(labels, start=1):
                put(lists, row, index, label)
            source = f"{quote_sheetname('_lists')}!${letter}$1:${letter}${len(labels)}"
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            sheet.add_data_validation(validation)
        if column.text:
            for row in range(2, DATA_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        elif column.key.endswith(("_date", "_on")):
            for row in range(2, DATA_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT


def template_bytes(kind: Kind) -> bytes:
    book, _sheet = blank_workbook(kind)
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _admission_dates(person_ids: list[int]) -> dict[int, dict[str, dt.date]]:
    """Admission and official dates of each person, from the events that still count."""
    dates: dict[int, dict[str, dt.date]] = {}
    by_person: dict[int, list[status.Event]] = {}
    for row in MembershipEvent.objects.filter(person_id__in=person_ids):  # corrections and voids too
        by_person.setdefault(row.person_id, []).append(row.as_event())
    wanted = {status.EventKind.ADMITTED: "admitted_on", status.EventKind.RECOGNIZED: "official_on"}
    for pk, rows in by_person.items():
        for event in status.effective_events(rows):
            key = wanted.get(event.kind)
            if key is not None:
                value = event.effective_date or event.date if key == "official_on" else event.date
                dates.setdefault(pk, {}).setdefault(key, value)
    return dates


def _value(person: Person, column: Column, dates: dict[str, dt.date]) -> Any:
    key = column.key
    if key == "full_name":
        return person.full_name
    if key == "organization":
        return person.organization.code
    if key in ("admitted_on", "official_on"):
        return dates.get(key)
    if key == "youth_union_member":
        return _("Có") if person.youth_union_member else _("Không")
    display: Callable[[], str] | None = getattr(person, f"get_{key}_display", None)
    return display() if display is not None else getattr(person, key)


def export_bytes(
    people: QuerySet[Person], kind: Kind, *, sensitive: bool, progress: Callable[[int, int], None] | None = None
) -> bytes:
    """The people in the template of ``kind``; the sensitive columns only with ``sensitive``."""
    book, sheet = blank_workbook(kind, sensitive=sensitive)
    columns = template_columns(kind, sensitive=sensitive)
    rows = list(people.select_related("organization"))
    dates = _admission_dates([p.pk for p in rows]) if kind is Kind.MEMBERS else {}
    for number, person in enumerate(rows, start=2):
        _write_person(sheet, number, person, columns, dates.get(person.pk, {}))
        if progress is not None:
            progress(number - 1, len(rows))
    return _save(book)


def _write_person(
    sheet: Worksheet, number: int, person: Person, columns: Iterable[Column], dates: dict[str, dt.date]
) -> None:
    for index, column in enumerate(columns, start=1):
        cell = put(sheet, number, index, _value(person, column, dates))
        if isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT
