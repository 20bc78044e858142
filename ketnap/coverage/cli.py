"""``ketnap report coverage --org CODE --as-of YYYY-MM-DD --format json|xlsx``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ketnap.core.commands import find_user, organization_for, parse_date
from ketnap.coverage.exports import coverage_xlsx
from ketnap.coverage.selectors import coverage_for


def add_report_parsers(reports: Any) -> None:
    parser = reports.add_parser("coverage", help="Độ phủ đảng viên, chi bộ ở thôn, bản và trưởng thôn là đảng viên.")
    parser.add_argument("--org", required=True, help="Mã tổ chức, ví dụ lai-chau.")
    parser.add_argument("--as-of", required=True, dest="as_of", help="Ngày báo cáo, dạng YYYY-MM-DD.")
    parser.add_argument("--format", choices=("json", "xlsx"), default="json", dest="output_format")
    parser.add_argument("--output", help="Tệp kết quả (xlsx; mặc định coverage-<mã>-<ngày>.xlsx).")
    parser.add_argument("--user", help="Chạy với quyền của người dùng này.")
    parser.set_defaults(run=coverage_report)


def coverage_report(
    command: BaseCommand, *, org: str, as_of: str, output_format: str, output: str | None, user: str | None, **rest: Any
) -> None:
    date = parse_date(as_of)
    viewer = find_user(user)
    coverage = coverage_for(viewer, organization_for(org, viewer), date)
    if output_format == "json":
        command.stdout.write(json.dumps(coverage.as_dict(), ensure_ascii=False))
        return
    path = Path(output or f"coverage-{coverage.org.code}-{date.isoformat()}.xlsx")
    path.write_bytes(coverage_xlsx(coverage, "all"))
    command.stderr.write(_("Đã ghi %(path)s.") % {"path": path})
