"""Spreadsheets of the training lists: classes and a class's enrolment. Only formatting:
the rows come from the same selectors as the pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ketnap.lib.spreadsheet import CellValue, put, sheet_title
from ketnap.training.models import Enrolment, TrainingClass


def workbook(title: str, header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(title)
    for column, label in enumerate(header, 1):
        put(sheet, 1, column, label).font = Font(bold=True)
    for row_number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            cell = put(sheet, row_number, column, value)
            if hasattr(value, "year"):
                cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def classes_xlsx(classes: Iterable[TrainingClass]) -> bytes:
    header = [
        _("Tên lớp"),
        _("Loại lớp"),
        _("Đơn vị tổ chức"),
        _("Khai giảng"),
        _("Bế giảng"),
        _("Số buổi"),
        _("Số học viên"),
    ]
    rows = (
        [c.name, c.get_kind_display(), c.organizer.name, c.start, c.end, c.sessions, getattr(c, "enrolled", 0)]
        for c in classes
    )
    return workbook(_("Lớp bồi dưỡng"), header, rows)


def enrolments_xlsx(training_class: TrainingClass, enrolments: Iterable[Enrolment]) -> bytes:
    header = [
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Số buổi có mặt"),
        _("Ngày hoàn thành"),
        _("Số giấy chứng nhận"),
        _("Ngày cấp giấy chứng nhận"),
    ]
    rows = (
        [
            e.person.full_name,
            e.person.birth_date,
            e.attended_sessions,
            e.completed_on,
            e.certificate_number,
            e.certificate_issued_on,
        ]
        for e in enrolments
    )
    return workbook(training_class.name, header, rows)
