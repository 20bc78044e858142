"""Spreadsheets of the programs: the list, and a program's targets beside their values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from ketnap.organizations.models import Program
from ketnap.programs.selectors import Outcome, TargetRow
from ketnap.training.exports import workbook


def programs_xlsx(programs: Iterable[Program]) -> bytes:
    header = [_("Mã"), _("Tên chương trình"), _("Cấp ủy chủ trì"), _("Bắt đầu"), _("Kết thúc"), _("Số tổ chức")]
    rows = ([p.code, p.name, p.owner.name, p.start, p.end, getattr(p, "cells", 0)] for p in programs)
    return workbook(_("Chương trình"), header, rows)


def _outcome(outcome: Outcome) -> str:
    return {
        Outcome.MET: _("Đạt"),
        Outcome.NOT_MET: _("Chưa đạt"),
        Outcome.NO_DATA: _("Chưa có dữ liệu"),
    }[outcome]


def program_xlsx(program: Program, as_of: dt.date, rows: Iterable[TargetRow]) -> bytes:
    header = [_("Năm"), _("Chỉ tiêu"), _("Nội dung"), _("Mức tối thiểu"), _("Mức tối đa"), _("Thực hiện"), _("Kết quả")]
    lines = (
        [
            r.target.year,
            r.target.get_kind_display(),
            r.target.description,
            r.target.minimum,
            r.target.maximum,
            r.value,
            _outcome(r.outcome),
        ]
        for r in rows
    )
    return workbook(program.code, header, lines)
