"""Spreadsheet export of the statistics row: formatting only, no figures computed here.

The page, the API download and the ``report`` command all serve these same bytes.
"""

from __future__ import annotations

from io import BytesIO

from django.db import models
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.lib.dates import dmy
from ketnap.organizations.models import OrgKind
from ketnap.people.choices import Education, PoliticalTheory, Professional
from ketnap.reports.selectors import AGE_BANDS, Statistics

COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
_BOLD = Font(bold=True)
_HEADING_FILL = PatternFill("solid", fgColor="DDE6F0")
_THIN = Side(style="thin", color="999999")


def _age_label(low: int, high: int | None) -> str:
    return (
        _("Trên %(n)s tuổi") % {"n": low - 1} if high is None else _("Từ %(a)s đến %(b)s tuổi") % {"a": low, "b": high}
    )


def _sections(stats: Statistics) -> list[tuple[str, list[tuple[str, int]], bool]]:
    """(heading, [(label, count)], shares of all members?) in the order of the statistical form."""
    by_kind = stats.organizations_by_kind
    kinds = [(str(kind.label), by_kind[kind.value]) for kind in OrgKind if by_kind.get(kind.value)]
    members = [
        (_("Tổng số đảng viên"), stats.members),
        (_("Đảng viên chính thức"), stats.official),
        (_("Đảng viên dự bị"), stats.probationary),
        (_("Miễn công tác và sinh hoạt"), stats.exempted),
        (_("Đảng viên nữ"), stats.women),
        (_("Đảng viên dân tộc thiểu số"), stats.ethnic_minority),
        (_("Đảng viên có tôn giáo"), stats.religious),
        (_("Đảng viên là đoàn viên"), stats.youth_union),
    ]
    return [
        (_("I. Tổ chức đảng"), [(_("Tổ chức cơ sở đảng"), stats.grassroots_organizations), *kinds], False),
        (_("II. Đảng viên"), members, True),
        (_("III. Độ tuổi"), [(_age_label(lo, hi), stats.age_bands.get(key, 0)) for key, lo, hi in AGE_BANDS], True),
        (_("IV. Giáo dục phổ thông"), _choice_rows(Education, stats.education), True),
        (_("V. Chuyên môn, nghiệp vụ"), _choice_rows(Professional, stats.professional), True),
        (_("VI. Lý luận chính trị"), _choice_rows(PoliticalTheory, stats.political_theory), True),
    ]


def _choice_rows(choices: type[models.TextChoices], counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices.choices]


def statistics_xlsx(stats: Statistics) -> bytes:
    """The statistics of one organization on one date as an .xlsx workbook."""
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = _("Thống kê")
    _title(sheet, stats)
    row = 4
    for heading, lines, shares in _sections(stats):
        row = _section(sheet, row, heading, lines, stats.members if shares else 0)
    for warning in stats.warnings:
        sheet.cell(row=row, column=1, value=_("Lưu ý: %(w)s") % {"w": warning}).font = Font(italic=True, color="B00000")
        row += 1
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 12
    sheet.freeze_panes = "A4"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(sheet: Worksheet, stats: Statistics) -> None:
    sheet["A1"] = _("THỐNG KÊ TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = _("%(org)s — tính đến ngày %(date)s") % {
        "org": stats.organization_name,
        "date": dmy(stats.as_of),
    }
    sheet["A2"].font = Font(italic=True)
    for column, text in zip("ABC", (_("Chỉ tiêu"), _("Số lượng"), _("Tỷ lệ")), strict=True):
        cell = sheet[f"{column}3"]
        cell.value = text
        cell.font = _BOLD
        cell.fill = _HEADING_FILL
        cell.border = Border(bottom=_THIN)
        cell.alignment = Alignment(horizontal="center")


def _section(sheet: Worksheet, row: int, heading: str, lines: list[tuple[str, int]], base: int) -> int:
    """Write a heading and its lines from ``row``; shares against ``base`` when given."""
    sheet.cell(row=row, column=1, value=heading).font = _BOLD
    row += 1
    for label, count in lines:
        sheet.cell(row=row, column=1, value=label).alignment = Alignment(indent=1)
        sheet.cell(row=row, column=2, value=count).number_format = COUNT_FORMAT
        if base:
            share = sheet.cell(row=row, column=3, value=count / base)
            share.number_format = SHARE_FORMAT
        row += 1
    return row + 1
