"""``ketnap sweep [--as-of YYYY-MM-DD]``: refresh the stored stage and deadline of every open case.

For a daily cron before ``ketnap digest``: a deadline turns overdue, a probation ends,
a holiday correction moves a due date, without anybody touching the case. The case
service recomputes from the steps, so running it twice gives the same rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from ketnap.admission import services
from ketnap.admission.models import AdmissionCase
from ketnap.core import policy
from ketnap.core.commands import domain_errors_reported, parse_date
from ketnap.rules.editions import edition_on

PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = "Tính lại giai đoạn và hạn kế tiếp của mọi hồ sơ kết nạp đang mở (chạy hằng ngày)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="Ngày tính, dạng YYYY-MM-DD (mặc định hôm nay).")

    def handle(self, *args: Any, as_of: str | None, **rest: Any) -> None:
        date = parse_date(as_of) if as_of else policy.today()
        with domain_errors_reported():
            edition_on(date)  # a date no regulation covers is refused before any case is touched
            self._sweep(date)

    def _sweep(self, date: dt.date) -> None:
        ids = list(AdmissionCase.objects.filter(closed_on__isnull=True).order_by("pk").values_list("pk", flat=True))
        changed = 0
        for done, pk in enumerate(ids, 1):
            case = AdmissionCase.objects.get(pk=pk)
            before = (case.stage, case.due_on, case.due_code)
            case = services.case_refresh(case, on=date) or AdmissionCase.objects.get(pk=pk)
            changed += before != (case.stage, case.due_on, case.due_code)
            if done % PROGRESS_EVERY == 0:
                self.stderr.write(_("… %(done)s/%(total)s hồ sơ") % {"done": done, "total": len(ids)})
        self.stdout.write(
            _("Đã tính lại %(total)s hồ sơ đang mở, %(changed)s thay đổi.") % {"total": len(ids), "changed": changed}
        )
