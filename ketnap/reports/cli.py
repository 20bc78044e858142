"""``ketnap report change|new-members|funnel|narrative|check --org CODE --from DATE --to DATE``.

Each writes the report's JSON (the same figures as the page and the API) to standard
output, or with ``--format xlsx|pdf|docx`` the file (``--output``, default a name of
the report, the organization and the period). Runs as the system operator unless
``--user`` names a user, whose view the one policy then decides.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ketnap.core.commands import domain_errors_reported, find_user, organization_for, parse_date

# name: (help, formats)
REPORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "change": ("Tăng, giảm đảng viên trong kỳ (đầu kỳ, tăng, giảm, cuối kỳ).", ("json", "xlsx", "pdf")),
    "new-members": ("Đảng viên mới kết nạp theo các chỉ tiêu, so với cùng kỳ năm trước.", ("json", "xlsx", "pdf")),
    "funnel": (
        "Quy trình phát triển đảng viên: số người, tỷ lệ chuyển, số ngày, trường hợp chậm.",
        ("json", "xlsx", "pdf"),
    ),
    "narrative": ("Đoạn văn báo cáo với số liệu của kỳ.", ("json", "docx")),
    "check": ("Đối chiếu số liệu trong dự thảo báo cáo với dữ liệu.", ("json",)),
}


def add_report_parsers(reports: Any) -> None:
    for name, (help_text, formats) in REPORTS.items():
        parser = reports.add_parser(name, help=help_text)
        parser.add_argument("--org", required=True, help="Mã tổ chức, ví dụ lai-chau.")
        parser.add_argument("--from", required=True, dest="first", help="Ngày đầu kỳ, dạng YYYY-MM-DD.")
        parser.add_argument("--to", required=True, dest="last", help="Ngày cuối kỳ, dạng YYYY-MM-DD.")
        parser.add_argument("--format", choices=formats, default="json", dest="output_format")
        parser.add_argument("--output", help="Tệp kết quả (mặc định theo tên báo cáo, mã tổ chức và kỳ).")
        parser.add_argument("--user", help="Chạy với quyền của người dùng này.")
        if name == "check":
            parser.add_argument("--draft", required=True, help="Tệp văn bản dự thảo (UTF-8); - đọc từ đầu vào chuẩn.")
        parser.set_defaults(run=_runner(name))


def _runner(name: str) -> Callable[..., None]:
    def run(command: BaseCommand, **options: Any) -> None:
        _run(command, name, **options)

    return run


def _read_draft(path: str) -> str:
    import sys

    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(_("Không đọc được tệp dự thảo %(path)s.") % {"path": path}) from error


def _run(
    command: BaseCommand,
    name: str,
    *,
    org: str,
    first: str,
    last: str,
    output_format: str,
    output: str | None,
    user: str | None,
    draft: str | None = None,
    **rest: Any,
) -> None:
    from ketnap.reports import documents

    start, end = parse_date(first), parse_date(last)
    viewer = find_user(user)
    organization = organization_for(org, viewer)
    with domain_errors_reported():
        report = documents.report_for(name, viewer, organization, start, end, _read_draft(draft) if draft else "")
    if output_format == "json":
        command.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, default=str))
        return
    content, filename = documents.render(name, output_format, report)
    path = Path(output or filename)
    path.write_bytes(content)
    command.stderr.write(_("Đã ghi %(path)s.") % {"path": path})
