"""``ketnap report statistics --org CODE --as-of YYYY-MM-DD --format json|xlsx``, and the
reports other apps add (``ketnap report plan``, ``ketnap report coverage``…).

Runs as the system operator unless ``--user`` names a user, in which case the one
permission policy decides what that user may see, as it does for pages and the API.

An app adds reports with a ``cli`` module whose ``add_report_parsers(reports)`` adds
sub-parsers to ``reports`` (an argparse sub-parser collection), each with
``set_defaults(run=function)``; ``function(command, **options)`` writes to
``command.stdout`` and raises ``CommandError`` for bad input.
"""

from __future__ import annotations

import json
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ketnap.core.commands import find_user, organization_for, parse_date
from ketnap.core.errors import NotValidOnDate
from ketnap.reports.exports import statistics_xlsx
from ketnap.reports.selectors import statistics_for


class Command(BaseCommand):
    help = "Xuất báo cáo (hiện có: statistics — thống kê tổ chức đảng và đảng viên)."

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        statistics = reports.add_parser("statistics", help="Thống kê tổ chức đảng và đảng viên tại một ngày.")
        statistics.add_argument("--org", required=True, help="Mã tổ chức, ví dụ lai-chau.")
        statistics.add_argument("--as-of", required=True, dest="as_of", help="Ngày báo cáo, dạng YYYY-MM-DD.")
        statistics.add_argument("--format", choices=("json", "xlsx"), default="json", dest="output_format")
        statistics.add_argument("--output", help="Tệp kết quả (xlsx; mặc định statistics-<mã>-<ngày>.xlsx).")
        statistics.add_argument("--user", help="Chạy với quyền của người dùng này.")
        statistics.set_defaults(run=_statistics)
        for config in apps.get_app_configs():
            if config.name.startswith("ketnap.") and find_spec(f"{config.name}.cli"):
                import_module(f"{config.name}.cli").add_report_parsers(reports)

    def handle(self, *args: Any, report: str, run: Any, **options: Any) -> None:
        run(self, **options)


def _statistics(
    command: BaseCommand, *, org: str, as_of: str, output_format: str, output: str | None, user: str | None, **rest: Any
) -> None:
    date = parse_date(as_of)
    viewer = find_user(user)
    organization = organization_for(org, viewer)
    try:
        stats = statistics_for(viewer, organization, date)
    except NotValidOnDate as error:
        raise CommandError(str(error.message)) from error
    if output_format == "json":
        command.stdout.write(json.dumps(stats.as_dict(), ensure_ascii=False))
        return
    path = Path(output or f"statistics-{organization.code}-{date.isoformat()}.xlsx")
    path.write_bytes(statistics_xlsx(stats))
    command.stderr.write(_("Đã ghi %(path)s.") % {"path": path})
