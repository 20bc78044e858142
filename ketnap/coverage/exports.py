"""The coverage figures and the villages behind one of them as an .xlsx workbook."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.coverage.selectors import Coverage, VillageRow, rows_of
from ketnap.lib.dates import dmy
from ketnap.lib.spreadsheet import CellValue, put


def figure_lines(coverage: Coverage) -> list[tuple[str, int, object]]:
    """(label, count, percent or None) of each figure, the same on the page and in the file."""
    return [
        (_("Thôn, bản, tổ dân phố"), coverage.villages, None),
        (_("Chưa có đảng viên"), coverage.without_member, None),
        (_("Chưa có chi bộ riêng"), coverage.without_own_cell, None),
        (_("Do chi bộ ghép phụ trách"), coverage.joint, None),
        (_("Tái trắng đảng viên"), coverage.relapsed, None),
        (_("Có trưởng thôn, bản"), coverage.with_head, None),
        (_("Trưởng thôn, bản là đảng viên"), coverage.heads_members, coverage.heads_members_percent),
        (_("Bí thư chi bộ kiêm trưởng thôn, bản"), coverage.heads_secretaries, coverage.secretaries_heads_percent),
    ]


def village_line(row: VillageRow) -> list[CellValue]:
    return [
        row.locality.name,
        row.locality.commune.name,
        ", ".join(cell.name for cell in row.cells),
        _("có") if row.joint_cells else "",
        row.members,
        row.head.full_name if row.head else "",
        _("có") if row.head_is_member else "",
        _("có") if row.head_is_secretary else "",
        dmy(row.relapsed_on) if row.relapsed_on else "",
    ]


def village_headings() -> list[str]:
    return [
        _("Thôn, bản"),
        _("Đảng bộ xã, phường"),
        _("Chi bộ phụ trách"),
        _("Chi bộ ghép"),
        _("Đảng viên"),
        _("Trưởng thôn, bản"),
        _("Là đảng viên"),
        _("Kiêm bí thư"),
        _("Tái trắng từ"),
    ]


def coverage_xlsx(coverage: Coverage, which: str) -> bytes:
    """Sheet one: the figures; sheet two: the villages of list ``which``."""
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = _("Độ phủ")
    put(sheet, 1, 1, _("ĐỘ PHỦ ĐẢNG VIÊN, CHI BỘ Ở THÔN, BẢN")).font = Font(bold=True, size=14)
    put(sheet, 2, 1, _("%(org)s — tính đến ngày %(date)s") % {"org": coverage.org.name, "date": dmy(coverage.as_of)})
    for row, (label, count, share) in enumerate(figure_lines(coverage), start=4):
        put(sheet, row, 1, label)
        put(sheet, row, 2, count)
        put(sheet, row, 3, f"{share}%".replace(".", ",") if share is not None else "")
    sheet.column_dimensions["A"].width = 42
    villages: Worksheet = book.create_sheet(_("Danh sách"))
    for column, heading in enumerate(village_headings(), start=1):
        put(villages, 1, column, heading).font = Font(bold=True)
    for index, line in enumerate(rows_of(coverage, which), start=2):
        for column, value in enumerate(village_line(line), start=1):
            put(villages, index, column, value)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
