"""``ketnap report cells --org CODE --from YYYY-MM-DD --to YYYY-MM-DD --format json``: the
monthly regularity of the cells of a subtree, the dues share and the flags, as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ketnap.cells import selectors
from ketnap.core.commands import find_user, organization_for, parse_date
from ketnap.rules.cell_life import month_start


def add_report_parsers(reports: Any) -> None:
    cells = reports.add_parser("cells", help="Sinh hoạt chi bộ: thường kỳ, đảng phí, cảnh báo.")
    cells.add_argument("--org", required=True, help="Mã tổ chức.")
    cells.add_argument("--from", required=True, dest="date_from", help="Từ ngày, dạng YYYY-MM-DD.")
    cells.add_argument("--to", required=True, dest="date_to", help="Đến ngày, dạng YYYY-MM-DD.")
    cells.add_argument("--format", choices=("json",), default="json", dest="output_format")
    cells.add_argument("--user", help="Chạy với quyền của người dùng này.")
    cells.set_defaults(run=cells_report)


def cells_report(
    command: BaseCommand, *, org: str, date_from: str, date_to: str, user: str | None = None, **rest: Any
) -> None:
    first, last = parse_date(date_from), parse_date(date_to)
    if last < first:
        raise CommandError(_("Đến ngày phải sau từ ngày."))
    organization = organization_for(org, find_user(user))
    command.stdout.write(json.dumps(report(organization, first, last), ensure_ascii=False))


def report(organization: Any, first: Any, last: Any) -> dict[str, Any]:
    rows = selectors.regularity(organization, first, last)
    share = selectors.dues_share(organization, month_start(last), last)
    flags = selectors.composition_flags(organization, last) + selectors.away_flags(organization, last)
    return {
        "organization": organization.code,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "cells": len(rows),
        "cells_missing_a_month": sum(1 for r in rows if r.missed),
        "dues_members": share.members,
        "dues_paid": share.paid,
        "flags": [{"cell": f.cell.code, "code": f.finding.code} for f in flags],
        "rows": [
            {
                "code": r.cell.code,
                "name": r.cell.name,
                "months": r.months,
                "held": r.held,
                "missed": [f"{m:%Y-%m}" for m in r.missed],
            }
            for r in rows
        ],
    }
