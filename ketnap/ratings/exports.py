"""A year's ratings of a subtree as an .xlsx workbook."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ketnap.lib.dates import dmy
from ketnap.lib.spreadsheet import put
from ketnap.organizations.models import Organization
from ketnap.ratings.models import Rating


def ratings_xlsx(org: Organization, year: int, ratings: Iterable[Rating]) -> bytes:
    book = Workbook()
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = _("Xếp loại")
    put(sheet, 1, 1, _("XẾP LOẠI CHẤT LƯỢNG NĂM %(year)s") % {"year": year}).font = Font(bold=True, size=14)
    put(sheet, 2, 1, org.name)
    headings = (_("Tổ chức"), _("Đảng viên"), _("Mức xếp loại"), _("Điểm"), _("Ngày xếp loại"), _("Quy định"))
    for column, heading in enumerate(headings, start=1):
        put(sheet, 4, column, heading).font = Font(bold=True)
    for row, rating in enumerate(ratings, start=5):
        put(sheet, row, 1, rating.organization.name)
        put(sheet, row, 2, rating.person.full_name if rating.person else "")
        put(sheet, row, 3, str(rating.get_level_display()))
        put(sheet, row, 4, rating.points)
        put(sheet, row, 5, dmy(rating.rated_on))
        put(sheet, row, 6, rating.edition)
    sheet.column_dimensions["A"].width = 40
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
