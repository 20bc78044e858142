"""``ketnap token create|revoke|list``: manage API tokens from the command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.accounts.models import ApiToken
from ketnap.accounts.tokens import token_create, token_revoke
from ketnap.core.errors import DomainError
from ketnap.lib.vntext import normalize_username


class Command(BaseCommand):
    help = "Tạo, thu hồi hoặc liệt kê khóa API. Khóa chỉ được in ra một lần, khi tạo."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help=_("Tạo một khóa và in ra một lần."))
        create.add_argument("--user", required=True, help=_("Tên đăng nhập mà khóa thay mặt."))
        create.add_argument("--label", required=True, help=_("Khóa dùng vào việc gì."))
        create.add_argument(
            "--expires-days", type=int, default=None, help=_("Số ngày đến khi khóa hết hạn (mặc định: API_TOKEN_DAYS).")
        )
        revoke = sub.add_parser("revoke", help=_("Thu hồi khóa có tiền tố này."))
        revoke.add_argument("prefix")
        sub.add_parser("list", help=_("Liệt kê các khóa (tiền tố, người dùng, nhãn, tình trạng)."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['verb']}")(options)
        except DomainError as error:
            raise CommandError(str(error.message)) from error

    def _create(self, options: dict[str, Any]) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(normalize_username(options["user"]))
        except get_user_model().DoesNotExist as error:
            raise CommandError(_("Không có người dùng tên %(name)r.") % {"name": options["user"]}) from error
        days = options["expires_days"]
        if days is not None and days < 1:
            raise CommandError(_("--expires-days phải từ 1 trở lên."))
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        _token, raw = token_create(actor=None, user=user, label=options["label"], expires_at=expires_at)
        self.stdout.write(raw)
        self.stderr.write(_("Hãy lưu khóa này ngay: không thể hiển thị lại."))

    def _revoke(self, options: dict[str, Any]) -> None:
        matches = list(ApiToken.objects.filter(prefix=options["prefix"])[:2])
        if not matches:
            raise CommandError(_("Không có khóa nào có tiền tố %(prefix)r.") % {"prefix": options["prefix"]})
        if len(matches) > 1:
            raise CommandError(
                _("Nhiều khóa có chung tiền tố %(prefix)r; hãy thu hồi trong trang quản trị.")
                % {"prefix": options["prefix"]}
            )
        if matches[0].revoked_at is not None:
            self.stdout.write(_("Khóa %(prefix)s đã bị thu hồi trước đó.") % {"prefix": matches[0].prefix})
            return
        token = token_revoke(actor=None, token=matches[0])
        self.stdout.write(
            _("Đã thu hồi khóa %(prefix)s (%(label)s, %(user)s).")
            % {"prefix": token.prefix, "label": token.label, "user": token.user.get_username()}
        )

    def _list(self, options: dict[str, Any]) -> None:
        now = timezone.now()
        for token in ApiToken.objects.select_related("user").order_by("created_at"):
            if token.revoked_at:
                state = _("đã thu hồi")
            elif token.expires_at and token.expires_at <= now:
                state = _("hết hạn")
            else:
                state = _("đang dùng")
            self.stdout.write(f"{token.prefix}\t{token.user.get_username()}\t{token.label}\t{state}")
