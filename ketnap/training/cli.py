"""``ketnap report training --org CODE --from YYYY-MM-DD --to YYYY-MM-DD``: the classes
held in a subtree over a period, per kind, and new-member training coverage (JSON)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ketnap.core.commands import find_user, organization_for, parse_date
from ketnap.training import selectors


def add_report_parsers(reports: Any) -> None:
    parser = reports.add_parser("training", help="Lớp bồi dưỡng của một tổ chức (cả cấp dưới) trong một thời kỳ.")
    parser.add_argument("--org", required=True, help="Mã tổ chức, ví dụ muong-lat.")
    parser.add_argument("--from", required=True, dest="first", help="Ngày đầu, dạng YYYY-MM-DD.")
    parser.add_argument("--to", required=True, dest="last", help="Ngày cuối, dạng YYYY-MM-DD.")
    parser.add_argument("--user", help="Chạy với quyền của người dùng này.")
    parser.set_defaults(run=training_report)


def training_report(command: BaseCommand, *, org: str, first: str, last: str, user: str | None, **rest: Any) -> None:
    """Write the summary as JSON: ``classes``, ``enrolled``, ``rows`` per kind and the coverage."""
    start, end = parse_date(first), parse_date(last)
    if end < start:
        raise CommandError(_("Ngày cuối không được trước ngày đầu."))
    organization = organization_for(org, find_user(user))
    summary = selectors.summary(organization, start, end)
    coverage = selectors.new_member_coverage(organization, start, end, end)
    result = {
        "org": organization.code,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "classes": summary.classes,
        "enrolled": summary.enrolled,
        "rows": [
            {"kind": r.kind, "classes": r.classes, "enrolled": r.enrolled, "completed": r.completed}
            for r in summary.rows
        ],
        "new_member_admitted": coverage.admitted,
        "new_member_trained": coverage.trained,
        "new_member_percent": None if coverage.percent is None else int(coverage.percent),
    }
    command.stdout.write(json.dumps(result, ensure_ascii=False))
