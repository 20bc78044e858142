"""Spreadsheet export of the statistics row: formatting only, no figures computed here.

The page, the API download and the ``report`` command all serve these same bytes.
Every value goes in through ``ketnap.lib.spreadsheet.put``, so no text becomes a formula.
"""

from __future__ import annotations

from io import BytesIO

from django.db import models
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.lib.dates import dmy
from ketnap.lib.spreadsheet import put
from ketnap.organizations.models import OrgKind
from ketnap.people.choices import Education, PoliticalTheory, Professional
from ketnap.reports.selectors import AGE_BANDS, Statistics

COUNT_FORMAT = "#,##0"
WITHHELD = "—"  # a figure withheld from this user (see the note under the table)
SHARE_FORMAT = "0.0%"
_BOLD = Font(bold=True)
_HEADING_FILL = PatternFill("solid", fgColor="DDE6F0")
_THIN = Side(style="thin", color="999999")


def _age_label(low: int, high: int | None) -> str:
    return (
        _("Trên %(n)s tuổi") % {"n": low - 1} if high is None else _("Từ %(a)s đến %(b)s tuổi") % {"a": low, "b": high}
    )


Line = tuple[str, int | None]


def _sections(stats: Statistics) -> list[tuple[str, list[Line], bool]]:
    """(heading, [(label, count)], shares of all members?) in the order of the statistical form."""
    by_kind = stats.organizations_by_kind
    kinds: list[Line] = [(str(kind.label), by_kind[kind.value]) for kind in OrgKind if by_kind.get(kind.value)]
    members: list[Line] = [
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


def _choice_rows(choices: type[models.TextChoices], counts: dict[str, int]) -> list[Line]:
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
    for warning in [*stats.warnings, *([stats.suppression_note] if stats.suppression_note else [])]:
        put(sheet, row, 1, _("Lưu ý: %(w)s") % {"w": warning}).font = Font(italic=True, color="B00000")
        row += 1
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 12
    sheet.freeze_panes = "A4"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(sheet: Worksheet, stats: Statistics) -> None:
    put(sheet, 1, 1, _("THỐNG KÊ TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN")).font = Font(bold=True, size=14)
    subtitle = _("%(org)s — tính đến ngày %(date)s") % {"org": stats.organization_name, "date": dmy(stats.as_of)}
    put(sheet, 2, 1, subtitle).font = Font(italic=True)
    for column, text in enumerate((_("Chỉ tiêu"), _("Số lượng"), _("Tỷ lệ")), start=1):
        cell = put(sheet, 3, column, text)
        cell.font = _BOLD
        cell.fill = _HEADING_FILL
        cell.border = Border(bottom=_THIN)
        cell.alignment = Alignment(horizontal="center")


def _section(sheet: Worksheet, row: int, heading: str, lines: list[Line], base: int) -> int:
    """Write a heading and its lines from ``row``; shares against ``base`` when given."""
    put(sheet, row, 1, heading).font = _BOLD
    row += 1
    for label, count in lines:
        put(sheet, row, 1, label).alignment = Alignment(indent=1)
        _count(sheet, row, count, base)
        row += 1
    return row + 1


def _count(sheet: Worksheet, row: int, count: int | None, base: int) -> None:
    """A count and its share of ``base`` (when given); a dash for a withheld count."""
    if count is None:
        put(sheet, row, 2, WITHHELD).alignment = Alignment(horizontal="right")
        return
    put(sheet, row, 2, count).number_format = COUNT_FORMAT
    if base:
        put(sheet, row, 3, count / base).number_format = SHARE_FORMAT
