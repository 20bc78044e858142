"""``ketnap cells sweep [--as-of YYYY-MM-DD] [--org CODE]``: raise a removal review for every
member who reaches the trigger (3 months without activity or dues in the year, no valid
reason) on the date. For a monthly cron: a member, finding and year get one review however
often it runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from ketnap.cells import services
from ketnap.core import policy
from ketnap.core.commands import domain_errors_reported, organization_for, parse_date
from ketnap.organizations.models import Organization


class Command(BaseCommand):
    help = "Sinh hoạt chi bộ: sweep — tạo việc xem xét xóa tên cho đảng viên bỏ sinh hoạt, không đóng đảng phí."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sweep = actions.add_parser("sweep", help="Tạo việc xem xét xóa tên tại một ngày.")
        sweep.add_argument("--as-of", dest="as_of", help="Ngày xét, dạng YYYY-MM-DD (mặc định hôm nay).")
        sweep.add_argument("--org", help="Mã tổ chức (mặc định toàn bộ cây).")

    def handle(self, *args: Any, action: str, as_of: str | None, org: str | None, **rest: Any) -> None:
        date = parse_date(as_of) if as_of else policy.today()
        roots = [organization_for(org, None)] if org else list(Organization.objects.get_root_nodes())
        raised = 0
        with domain_errors_reported():
            for root in roots:
                raised += services.review_sweep(org=root, on=date, progress=self._progress)
        self.stdout.write(_("Đã tạo %(count)s việc xem xét xóa tên.") % {"count": raised})

    def _progress(self, done: int, total: int) -> None:
        if done % 500 == 0 or done == total:
            self.stderr.write(_("… %(done)s/%(total)s đảng viên") % {"done": done, "total": total})
