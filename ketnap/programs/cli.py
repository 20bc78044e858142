"""``ketnap report program --code CODE --as-of YYYY-MM-DD``: every target of a program
beside its measured value, its supporters and households (JSON)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ketnap.core.commands import find_user, parse_date
from ketnap.core.errors import DomainError
from ketnap.organizations.models import Program
from ketnap.programs import selectors


def add_report_parsers(reports: Any) -> None:
    parser = reports.add_parser("program", help="Chỉ tiêu và kết quả thực hiện của một chương trình.")
    parser.add_argument("--code", required=True, help="Mã chương trình, ví dụ kl50-muong-lat-2023.")
    parser.add_argument("--as-of", required=True, dest="as_of", help="Ngày đo kết quả, dạng YYYY-MM-DD.")
    parser.add_argument("--user", help="Chạy với quyền của người dùng này.")
    parser.set_defaults(run=program_report)


def program_report(command: BaseCommand, *, code: str, as_of: str, user: str | None, **rest: Any) -> None:
    date = parse_date(as_of)
    viewer = find_user(user)
    program = Program.objects.select_related("owner").filter(code=code).first()
    if program is not None and viewer is not None:
        try:
            program = selectors.program_get(viewer, code)
        except DomainError:
            program = None  # out of the user's view: answered like a missing one
    if program is None:
        raise CommandError(_("Không tìm thấy chương trình có mã này."))
    households = selectors.households(program, date)
    result = {
        "code": program.code,
        "as_of": date.isoformat(),
        "targets": [
            {
                "kind": row.target.kind,
                "year": row.target.year,
                "minimum": row.target.minimum,
                "maximum": row.target.maximum,
                "value": None if row.value is None else float(row.value),
                "outcome": row.outcome.value,
            }
            for row in selectors.target_rows(program, date)
        ],
        "supporters": [
            {"kind": s.kind, "members": s.members, "cells": s.cells} for s in selectors.supporters(program, date)
        ],
        "households": {"members": households.members, "households": households.households, "cells": households.cells},
    }
    command.stdout.write(json.dumps(result, ensure_ascii=False))
