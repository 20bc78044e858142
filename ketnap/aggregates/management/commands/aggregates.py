"""``ketnap aggregates verify|rebuild``: check the member aggregates against the raw
tables, or rebuild them from the raw tables."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ketnap.aggregates.checks import check, default_dates
from ketnap.aggregates.services import rebuild
from ketnap.core import policy
from ketnap.core.commands import organization_for, parse_date
from ketnap.lib.dates import dmy
from ketnap.organizations.models import Organization


class Command(BaseCommand):
    help = "Kiểm tra số liệu tổng hợp đảng viên với dữ liệu gốc, hoặc tính lại từ dữ liệu gốc."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help=_("Tính lại từ dữ liệu gốc và báo mọi chênh lệch."))
        verify.add_argument("--org", help=_("Mã tổ chức; mặc định: tổ chức gốc."))
        verify.add_argument("--as-of", dest="as_of", help=_("Ngày, dạng YYYY-MM-DD; mặc định: một số ngày."))
        again = sub.add_parser("rebuild", help=_("Tính lại số liệu tổng hợp từ dữ liệu gốc."))
        again.add_argument("--org", help=_("Mã tổ chức; mặc định: toàn bộ cây."))

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['verb']}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        orgs = (
            [organization_for(options["org"], None)] if options["org"] else list(Organization.objects.filter(depth=1))
        )
        dates = [parse_date(options["as_of"])] if options["as_of"] else default_dates(policy.today())
        found = check(orgs, dates)
        for item in found:
            self.stdout.write(
                _("%(code)s %(date)s %(figure)s: tổng hợp %(aggregate)s, dữ liệu gốc %(raw)s")
                % {
                    "code": item.organization.code,
                    "date": dmy(item.as_of),
                    "figure": item.figure,
                    "aggregate": item.aggregate,
                    "raw": item.raw,
                }
            )
        checked = {"orgs": len(orgs), "dates": len(dates)}
        if found:
            message = _("%(n)s chênh lệch (%(orgs)s tổ chức, %(dates)s ngày).") % {"n": len(found), **checked}
            raise CommandError(message, returncode=1)
        self.stdout.write(_("Khớp dữ liệu gốc: %(orgs)s tổ chức, %(dates)s ngày.") % checked)

    def _rebuild(self, options: dict[str, Any]) -> None:
        org = organization_for(options["org"], None) if options["org"] else None

        def progress(done: int, total: int) -> None:
            self.stderr.write(_("Đã xong %(done)s/%(total)s bước.") % {"done": done, "total": total})

        rows = rebuild(org, progress=progress)
        self.stdout.write(_("Đã tính lại: %(rows)s dòng tổng hợp.") % {"rows": rows})
