"""``ketnap report plan --org CODE --year YYYY --as-of YYYY-MM-DD --format json``: the plan
achievement of an organization and of each child, as the plan page shows it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ketnap.core.commands import domain_errors_reported, find_user, organization_for, parse_date


def add_report_parsers(reports: Any) -> None:
    plan = reports.add_parser("plan", help="Kết quả kết nạp so với kế hoạch của tổ chức và từng tổ chức trực thuộc.")
    plan.add_argument("--org", required=True, help="Mã tổ chức, ví dụ tho-xuan.")
    plan.add_argument("--year", required=True, type=_year, help="Năm kế hoạch, ví dụ 2023.")
    plan.add_argument("--as-of", required=True, dest="as_of", help="Tính đến ngày, dạng YYYY-MM-DD.")
    plan.add_argument("--format", choices=("json", "xlsx"), default="json", dest="output_format")
    plan.add_argument("--output", help="Tệp kết quả (xlsx; mặc định plan-<mã>-<năm>-<ngày>.xlsx).")
    plan.add_argument("--user", help="Chạy với quyền của người dùng này.")
    plan.set_defaults(run=report_plan)


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(_("Năm phải có dạng YYYY, ví dụ 2023."))
    return int(text)


def report_plan(
    command: BaseCommand,
    *,
    org: str,
    year: int,
    as_of: str,
    output_format: str,
    output: str | None,
    user: str | None,
    **rest: Any,
) -> None:
    from ketnap.plans.exports import achievement_xlsx
    from ketnap.plans.selectors import achievement

    date = parse_date(as_of)
    viewer = find_user(user)
    organization = organization_for(org, viewer)
    with domain_errors_reported():
        result = achievement(viewer, organization, year, date)
    if output_format == "json":
        command.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    path = Path(output or f"plan-{organization.code}-{year}-{date.isoformat()}.xlsx")
    path.write_bytes(achievement_xlsx(result))
    command.stderr.write(_("Đã ghi %(path)s.") % {"path": path})
