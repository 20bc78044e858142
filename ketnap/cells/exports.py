"""The lists of cell life as .xlsx workbooks: every value goes in through
``ketnap.lib.spreadsheet.put``, so no text becomes a formula; dates as dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ketnap.cells.models import Meeting
from ketnap.cells.selectors import RegularityRow, Trigger
from ketnap.lib.dates import dmy
from ketnap.lib.spreadsheet import CellValue, put, sheet_title
from ketnap.organizations.models import Organization
from ketnap.rules import message

_BOLD = Font(bold=True)


def _book(title: str, heading: str, columns: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(title)
    put(sheet, 1, 1, heading).font = _BOLD
    for col, name in enumerate(columns, 1):
        put(sheet, 3, col, name).font = _BOLD
    for r, row in enumerate(rows, 4):
        for col, value in enumerate(row, 1):
            put(sheet, r, col, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading(org: Organization, first: dt.date, last: dt.date) -> str:
    return f"{org.name} · {dmy(first)} – {dmy(last)}"


def meetings_xlsx(org: Organization, first: dt.date, last: dt.date, meetings: Iterable[Meeting]) -> bytes:
    columns = [_("Ngày họp"), _("Chi bộ"), _("Hình thức"), _("Nội dung, chủ đề"), _("Tổ đảng")]
    rows = [(dmy(m.date), m.cell.name, str(m.get_kind_display()), m.topic, m.party_group) for m in meetings]
    return _book(_("Sinh hoạt chi bộ"), _heading(org, first, last), columns, rows)


def regularity_xlsx(org: Organization, first: dt.date, last: dt.date, rows: Iterable[RegularityRow]) -> bytes:
    columns = [_("Mã"), _("Chi bộ"), _("Số tháng"), _("Tháng có sinh hoạt"), _("Tháng không sinh hoạt")]
    lines = [(r.cell.code, r.cell.name, r.months, r.held, ", ".join(f"{m:%m/%Y}" for m in r.missed)) for r in rows]
    return _book(_("Sinh hoạt thường kỳ"), _heading(org, first, last), columns, lines)


def flags_xlsx(
    org: Organization, on: dt.date, flags: Iterable[dict[str, Any]], triggers: Iterable[Trigger], language: str
) -> bytes:
    columns = [_("Chi bộ"), _("Đảng viên"), _("Cảnh báo")]
    lines: list[Sequence[CellValue]] = [
        (f["cell"].name, f["person"].full_name if f["person"] else "", f["message"]) for f in flags
    ]
    for trigger in triggers:
        lines += [(trigger.cell.name, trigger.person.full_name, message(f, language)) for f in trigger.findings]
    return _book(_("Cảnh báo"), f"{org.name} · {dmy(on)}", columns, lines)
