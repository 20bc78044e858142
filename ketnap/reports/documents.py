"""The reports as files: a spreadsheet laid out like the committees' forms, a PDF, and
the narrative as a Word document. Formatting only: every figure is the report's own,
through the one table of ``tables.py``, so screen, API and files agree.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.lib.spreadsheet import put
from ketnap.organizations.models import Organization
from ketnap.reports.consistency import check_draft
from ketnap.reports.funnel import funnel_for
from ketnap.reports.narrative import Narrative, narrative_for
from ketnap.reports.newmembers import new_members_for
from ketnap.reports.period import change_for
from ketnap.reports.tables import WITHHELD, ReportTable, display, table_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"xlsx": XLSX, "pdf": PDF, "docx": DOCX}
# Counts written 30.044 whatever the reader's Excel locale: the dot is a literal in
# the format (an unescaped "#.##0" would be a decimal point), thousands and millions.
COUNT_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
SIGNED_FORMAT = "+0;-0;0"
SHARE_FORMAT = "0.00%"
DAYS_FORMAT = "0.#"
_FORMATS = {"count": COUNT_FORMAT, "signed": SIGNED_FORMAT, "share": SHARE_FORMAT, "days": DAYS_FORMAT}
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def report_for(name: str, user: Any, org: Organization, first: dt.date, last: dt.date, draft: str = "") -> Any:
    """The report ``name`` of ``org`` for [first, last] as ``user`` may see it."""
    if name == "change":
        return change_for(user, org, first, last)
    if name == "new-members":
        return new_members_for(user, org, first, last)
    if name == "funnel":
        return funnel_for(user, org, first, last)
    if name == "narrative":
        return narrative_for(user, org, first, last)
    return check_draft(user, org, first, last, draft)


def filename(name: str, report: Any, extension: str) -> str:
    first, last = getattr(report, "first", None), getattr(report, "last", None)
    if first is None:  # new members: the period is the current composition's
        first, last = report.current.first, report.current.last
    return f"{name}-{report.organization_code}-{first:%Y-%m-%d}-{last:%Y-%m-%d}.{extension}"


def render(name: str, output_format: str, report: Any) -> tuple[bytes, str]:
    """The file of the report in ``output_format`` and its name."""
    if output_format == "docx":
        return narrative_docx(report), filename(name, report, "docx")
    table = table_of(name, report)
    content = table_xlsx(table) if output_format == "xlsx" else table_pdf(table)
    return content, filename(name, report, output_format)


def _header(sheet: Worksheet, table: ReportTable, width: int) -> int:
    """The form's heading: issuing committee left, the Party right, title, subtitle."""
    half = max(1, width // 2)
    heading = [(1, 1, half, _("BAN TỔ CHỨC")), (1, half + 1, width, _("ĐẢNG CỘNG SẢN VIỆT NAM"))]
    heading += [(3, 1, width, table.title), (4, 1, width, table.subtitle)]
    for row, start, end, text in heading:
        if end > start:
            sheet.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        cell = put(sheet, row, start, text)
        cell.alignment = _CENTER
        cell.font = Font(bold=row != 4, italic=row == 4, size=14 if row == 3 else 11)
    return 6


def _column_headers(sheet: Worksheet, table: ReportTable, row: int) -> int:
    if table.groups:
        column = 1
        for label, span in table.groups:
            if span > 1:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
            elif not label:  # the label column's header spans both rows
                sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
            for offset in range(span):
                sheet.cell(row=row, column=column + offset).border = _BOX
            put(sheet, row, column, label or table.columns[column - 1].label)
            sheet.cell(row=row, column=column).alignment = _CENTER
            sheet.cell(row=row, column=column).font = Font(bold=True)
            column += span
        row += 1
    for index, column_spec in enumerate(table.columns, start=1):
        if table.groups and index == 1:
            sheet.cell(row=row, column=index).border = _BOX
            continue
        cell = put(sheet, row, index, column_spec.label)
        cell.font, cell.alignment, cell.border = Font(bold=True), _CENTER, _BOX
    return row + 1


def _body(sheet: Worksheet, table: ReportTable, row: int) -> int:
    for line in table.rows:
        for index, (value, column) in enumerate(zip(line.values, table.columns, strict=True), start=1):
            _value_cell(sheet, row, index, value, column.kind)
            cell = sheet.cell(row=row, column=index)
            cell.border = _BOX
            if line.heading:
                cell.font = Font(bold=True)
            if index == 1 and line.indent:
                cell.alignment = Alignment(indent=2 * line.indent, wrap_text=True)
        row += 1
    return row


def _value_cell(sheet: Worksheet, row: int, column: int, value: Any, kind: str) -> None:
    if kind == "text" or isinstance(value, str):
        put(sheet, row, column, value if value is not None else "")
        return
    if value is None:
        put(sheet, row, column, WITHHELD if kind != "days" else "").alignment = Alignment(horizontal="right")
        return
    put(sheet, row, column, value).number_format = _FORMATS.get(kind, COUNT_FORMAT)


def _signature(sheet: Worksheet, table: ReportTable, row: int, width: int) -> None:
    """Notes, then the place and date line and the signature block on the right."""
    for note in table.notes:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        put(sheet, row, 1, _("Ghi chú: %(n)s") % {"n": note}).alignment = Alignment(wrap_text=True)
        sheet.row_dimensions[row].height = 45
        row += 1
    start = max(1, width - 2) if width > 2 else width
    lines = [
        (_("……, ngày …… tháng …… năm ……"), Font(italic=True)),
        (_("T/M BAN THƯỜNG VỤ"), Font(bold=True)),
        (_("(Ký, ghi rõ họ tên, đóng dấu)"), Font(italic=True)),
    ]
    for offset, (text, font) in enumerate(lines, start=1):
        if width > start:
            sheet.merge_cells(start_row=row + offset, start_column=start, end_row=row + offset, end_column=width)
        cell = put(sheet, row + offset, start, text)
        cell.font, cell.alignment = font, _CENTER
    put(sheet, row + 1, 1, _("Nơi nhận:")).font = Font(bold=True, italic=True)


def table_xlsx(table: ReportTable) -> bytes:
    """The table on an A4 sheet laid out like the statistical forms."""
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = _("Báo cáo")
    width = len(table.columns)
    row = _column_headers(sheet, table, _header(sheet, table, width))
    sheet.freeze_panes = sheet.cell(row=row, column=2)
    row = _body(sheet, table, row)
    _signature(sheet, table, row + 1, width)
    sheet.column_dimensions["A"].width = 52
    for index in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 13
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_context(table: ReportTable) -> dict[str, Any]:
    """The table with every cell formatted as the page and the PDF show it."""
    rows = [
        {
            "cells": [display(v, c.kind) for v, c in zip(row.values, table.columns, strict=True)],
            "heading": row.heading,
            "indent": row.indent,
        }
        for row in table.rows
    ]
    return {"table": table, "rows": rows}


def table_pdf(table: ReportTable) -> bytes:
    # WeasyPrint is heavy to import (Pango, fonts); load it only when a PDF is made.
    from weasyprint import HTML

    html = render_to_string("reports/documents/table_pdf.html", table_context(table))
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def narrative_docx(narrative: Narrative) -> bytes:
    """The narrative as a Word document, paragraphs ready to paste."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(14)  # type: ignore[attr-defined]
    document.add_heading(_("Tình hình công tác phát triển đảng viên"), level=1)
    for paragraph in narrative.paragraphs:
        document.add_paragraph(paragraph)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
