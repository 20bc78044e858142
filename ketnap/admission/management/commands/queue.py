"""``ketnap queue --org CODE --as-of YYYY-MM-DD --format json|text [--horizon 30] [--user NAME] [--language en]``.

Prints the work queue of an organization's subtree: what is due within the horizon or
overdue, with the rule behind each item. Runs as the system operator unless ``--user``
names a user; then the one permission policy decides, exactly as for pages and the API.
Written in LANGUAGE_CODE (Vietnamese) unless ``--language`` says otherwise; the findings
too.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ketnap.admission.queue import DEFAULT_HORIZON_DAYS, as_dict, work_queue
from ketnap.admission.types import QueueItem
from ketnap.core import policy
from ketnap.core.commands import add_language_argument, find_user, in_language, organization_for, parse_date
from ketnap.organizations.models import Organization


class Command(BaseCommand):
    help = "In danh sách việc đến hạn và quá hạn của một tổ chức đảng và các tổ chức trực thuộc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="Mã tổ chức, ví dụ muong-lat.")
        parser.add_argument("--as-of", dest="as_of", help="Ngày xem, dạng YYYY-MM-DD (mặc định hôm nay).")
        parser.add_argument("--format", choices=("json", "text"), default="text", dest="output_format")
        parser.add_argument(
            "--horizon", type=int, default=DEFAULT_HORIZON_DAYS, help="Số ngày tới cần xem (mặc định 30)."
        )
        parser.add_argument("--user", help="Chạy với quyền của người dùng này.")
        add_language_argument(parser)

    def handle(self, *args: Any, language: str | None = None, **options: Any) -> None:
        with in_language(language):
            self.run(**options)

    def run(
        self, *, org: str, as_of: str | None, output_format: str, horizon: int, user: str | None, **rest: Any
    ) -> None:
        date = parse_date(as_of) if as_of else policy.today()
        if horizon < 0:
            raise CommandError(_("Số ngày xem trước không được âm."))
        organization = organization_for(org, find_user(user))
        items = work_queue(organization, date, horizon_days=horizon)
        if output_format == "json":
            payload = {
                "organization": organization.code,
                "as_of": date.isoformat(),
                "items": [as_dict(i) for i in items],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(render_text(organization, date, horizon, items))


def render_text(organization: Organization, as_of: dt.date, horizon: int, items: list[QueueItem]) -> str:
    """A plain table for a terminal or an email: one line per item, its rule below it."""
    title = _("Việc đến hạn và quá hạn: %(org)s (%(code)s), ngày %(date)s, xem trước %(days)s ngày") % {
        "org": organization.name,
        "code": organization.code,
        "date": f"{as_of:%d/%m/%Y}",
        "days": horizon,
    }
    lines = [title, ""]
    if not items:
        return "\n".join([*lines, _("Không có việc nào đến hạn hoặc quá hạn.")]) + "\n"
    header = (_("Hạn"), _("Tình trạng"), _("Họ và tên"), _("Tổ chức"))
    rows = [(f"{i.due_on:%d/%m/%Y}", _state(i), i.person_name, i.organization_name) for i in items]
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(4)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for item, row in zip(items, rows, strict=True):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        lines.append(f"    {item.message}")
        lines.append(f"    {_('Căn cứ')}: {item.citation}")
    overdue = sum(1 for i in items if i.overdue)
    lines += ["", _("Tổng: %(total)s việc, trong đó %(overdue)s quá hạn.") % {"total": len(items), "overdue": overdue}]
    return "\n".join(lines) + "\n"


def _state(item: QueueItem) -> str:
    return _("Quá hạn") if item.overdue else _("Đến hạn")
