"""``ketnap digest --as-of YYYY-MM-DD [--org CODE] [--send] [--language en]``: the daily reminder mail.

For each user holding a role, the work-queue items of their scope (case deadlines,
probationary members' recognition reviews, expiring awareness certificates) reached
30, 15 or 7 days ahead, or newly overdue, in one mail: the same items ``ketnap queue``
lists for that scope. Without ``--send`` it prints what it would send
and writes nothing; with it, each reminder is claimed before sending, so a re-run (a
cron retry, two cron hosts) sends nothing twice. Safe to run every day. The mails are
written in LANGUAGE_CODE (Vietnamese) unless ``--language`` says otherwise.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from ketnap.admission.reminders import digest_body, digest_run, digest_subject
from ketnap.core import policy
from ketnap.core.commands import add_language_argument, in_language, organization_for, parse_date


class Command(BaseCommand):
    help = "Gửi thư nhắc việc hằng ngày (30, 15, 7 ngày trước hạn và khi quá hạn) cho người có vai trò."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="Ngày nhắc, dạng YYYY-MM-DD (mặc định hôm nay).")
        parser.add_argument("--org", help="Chỉ nhắc các việc thuộc tổ chức này và cấp dưới.")
        parser.add_argument("--send", action="store_true", help="Gửi thật; không có thì chỉ in ra.")
        add_language_argument(parser)

    def handle(self, *args: Any, language: str | None = None, **options: Any) -> None:
        with in_language(language):
            self.run(**options)

    def run(self, *, as_of: str | None, org: str | None, send: bool, **rest: Any) -> None:
        date = parse_date(as_of) if as_of else policy.today()
        organization = organization_for(org, None) if org else None
        mails = digest_run(date, organization, send=send)
        reminders = {due.key for digest in mails for due in digest.dues}
        for digest in mails:
            subject, body = digest_subject(date, digest.dues), digest_body(date, digest.dues)
            if send and digest.user.email:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [digest.user.email])
            elif send:
                self.stderr.write(_("Bỏ qua %(user)s: chưa có địa chỉ thư.") % {"user": digest.user.username})
            else:
                self.stdout.write(f"{_('Đến')}: {digest.user.username} <{digest.user.email}>\n{subject}\n\n{body}")
        verb = _("Đã gửi") if send else _("Sẽ gửi")
        self.stdout.write(
            _("%(verb)s %(mails)s thư, %(items)s lời nhắc.")
            % {"verb": verb, "mails": len(mails), "items": len(reminders)}
        )
