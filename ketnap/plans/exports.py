"""The plan achievement table as a spreadsheet: formatting only, the figures are the
selector's rows, so the page, the API download and the command serve the same bytes.
Every value goes in through ``ketnap.lib.spreadsheet.put``, so no text becomes a formula."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.lib.dates import dmy
from ketnap.lib.spreadsheet import put
from ketnap.plans.selectors import Achievement, Row

WITHHELD = "—"


def _headings() -> list[str]:
    return [_("Mã"), _("Tổ chức"), _("Chỉ tiêu"), _("Đã kết nạp"), _("Tỷ lệ (%)")]


def _line(sheet: Worksheet, index: int, row: Row, bold: bool = False) -> None:
    values = [row.code, row.name, row.plan, row.admitted, row.percent]
    values += [WITHHELD if s.admitted is None else s.admitted for s in row.sub]
    for column, value in enumerate(values, 1):
        cell = put(sheet, index, column, "" if value is None else value)
        cell.font = Font(bold=bold)


def achievement_xlsx(result: Achievement) -> bytes:
    """The organization's row, then one row per child, with the sub-targets' admissions."""
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = _("Kế hoạch kết nạp")
    title = _("Kết quả kết nạp đảng viên năm %(year)s so với kế hoạch · %(org)s · tính đến ngày %(date)s") % {
        "year": result.year,
        "org": result.organization.name,
        "date": dmy(result.as_of),
    }
    put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    headings = _headings() + [f.label for f in result.total.sub]
    for column, text in enumerate(headings, 1):
        put(sheet, 3, column, text).font = Font(bold=True)
    _line(sheet, 4, result.total, bold=True)
    for index, row in enumerate(result.rows, 5):
        _line(sheet, index, row)
    for offset, warning in enumerate(result.warnings, len(result.rows) + 6):
        put(sheet, offset, 1, _("Lưu ý: %(w)s") % {"w": warning}).font = Font(italic=True, color="B00000")
    sheet.column_dimensions["B"].width = 48
    out = BytesIO()
    book.save(out)
    return out.getvalue()
