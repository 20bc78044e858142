"""``ketnap user create|grant|revoke|list|reset-password|deactivate``: user management
for scripted set-ups.

Runs as the system operator unless ``--user`` names a user; then the same policy
as the pages and the API decides: an administrator of an organization manages the
users and the roles strictly below it. A refusal is a message in Vietnamese (or
``--language``) and a non-zero exit status.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ketnap.accounts import selectors, services
from ketnap.accounts.models import Role, RoleAssignment
from ketnap.core import policy
from ketnap.core.commands import add_language_argument, find_user, in_language, organization_for, parse_date
from ketnap.core.errors import DomainError, NotFound, ValidationFailed

# The option each service field comes from, so a refusal names what to fix.
OPTION_OF_FIELD = {
    "username": "USERNAME",
    "email": "--email",
    "full_name": "--name",
    "password": "--password-stdin",
    "organization": "--org",
    "role": "--role",
    "valid_from": "--from",
    "valid_to": "--on",
}


def explain(error: DomainError) -> str:
    """A domain refusal as lines for a terminal, each naming its option."""
    if not isinstance(error, ValidationFailed):
        return str(error.message)
    lines = [str(error.message)]
    for field, messages in error.errors.items():
        lines += [f"  {OPTION_OF_FIELD.get(field, field)}: {message}" for message in messages]
    return "\n".join(lines)


def _common(parser: CommandParser) -> None:
    parser.add_argument("--user", dest="acting", help=_("Chạy với quyền của người dùng này."))
    add_language_argument(parser)


class Command(BaseCommand):
    help = "Tạo người dùng, cấp và kết thúc vai trò, liệt kê người dùng và quyền truy cập."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help=_("Tạo người dùng; mật khẩu dùng một lần được in ra một lần."))
        create.add_argument("username")
        create.add_argument("--email", required=True)
        create.add_argument("--name", required=True, help=_("Họ và tên."))
        create.add_argument("--org", help=_("Mã tổ chức quản lý người dùng."))
        create.add_argument("--password-stdin", action="store_true", help=_("Đọc mật khẩu từ dòng đầu của stdin."))
        grant = sub.add_parser("grant", help=_("Cấp một vai trò tại một tổ chức."))
        revoke = sub.add_parser("revoke", help=_("Kết thúc một vai trò đang có."))
        dates = (
            (grant, "--from", _("Ngày bắt đầu, dạng YYYY-MM-DD (mặc định hôm nay).")),
            (revoke, "--on", _("Ngày kết thúc, dạng YYYY-MM-DD (mặc định hôm nay).")),
        )
        for verb, date_option, date_help in dates:
            verb.add_argument("username")
            verb.add_argument("--role", required=True, choices=Role.values)
            verb.add_argument("--org", required=True, help=_("Mã tổ chức."))
            verb.add_argument(date_option, dest="date", help=date_help)
        listing = sub.add_parser("list", help=_("Liệt kê người dùng, hoặc quyền truy cập một tổ chức (--org)."))
        listing.add_argument("--org", help=_("Mã tổ chức: những ai có quyền tại đó và qua vai trò nào."))
        listing.add_argument("--history", action="store_true", help=_("Cả các vai trò đã kết thúc (với --org)."))
        listing.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
        reset = sub.add_parser("reset-password", help=_("Đặt lại mật khẩu; mật khẩu tạo ra được in một lần."))
        reset.add_argument("username")
        reset.add_argument("--password-stdin", action="store_true", help=_("Đọc mật khẩu từ dòng đầu của stdin."))
        deactivate = sub.add_parser("deactivate", help=_("Khóa tài khoản và thu hồi các khóa API."))
        deactivate.add_argument("username")
        for verb in (create, grant, revoke, listing, reset, deactivate):
            _common(verb)

    def handle(self, *args: Any, language: str | None = None, **options: Any) -> None:
        with in_language(language):
            actor = find_user(options["acting"])
            try:
                getattr(self, "_" + options["verb"].replace("-", "_"))(actor, options)
            except DomainError as error:
                raise CommandError(explain(error)) from error

    def _password(self, options: dict[str, Any]) -> str | None:
        if not options.get("password_stdin"):
            return None
        stream = options.get("stdin") or sys.stdin
        password = stream.readline().rstrip("\r\n")
        if not password:
            raise CommandError(_("Không đọc được mật khẩu từ stdin."))
        return str(password)

    def _target(self, actor: Any, username: str) -> Any:
        try:
            if actor is None:
                return get_user_model().objects.get(username=username)
            return selectors.user_get(actor, username)
        except (NotFound, get_user_model().DoesNotExist) as error:
            raise CommandError(_("Không tìm thấy người dùng «%(name)s».") % {"name": username}) from error

    def _show_password(self, password: str | None) -> None:
        if password:
            self.stdout.write(password)
            self.stderr.write(_("Hãy chuyển mật khẩu này cho người dùng ngay: không thể hiển thị lại."))

    def _create(self, actor: Any, options: dict[str, Any]) -> None:
        org = organization_for(options["org"], actor) if options["org"] else None
        user, generated = services.user_create(
            actor=actor,
            username=options["username"],
            email=options["email"],
            full_name=options["name"],
            organization=org,
            password=self._password(options),
        )
        self.stderr.write(_("Đã tạo người dùng %(name)s.") % {"name": user.get_username()})
        self._show_password(generated)

    def _grant(self, actor: Any, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        org = organization_for(options["org"], actor)
        start = parse_date(options["date"]) if options["date"] else policy.today()
        row = services.role_grant(actor=actor, user=user, organization=org, role=options["role"], valid_from=start)
        self.stdout.write(
            _("Đã cấp vai trò %(role)s tại %(org)s cho %(name)s từ %(date)s (mã %(id)s).")
            % {"role": row.get_role_display(), "org": org.code, "name": user, "date": f"{start:%d/%m/%Y}", "id": row.pk}
        )

    def _revoke(self, actor: Any, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        org = organization_for(options["org"], actor)
        on = parse_date(options["date"]) if options["date"] else policy.today()
        rows = RoleAssignment.objects.filter(user=user, organization=org, role=options["role"], valid_to__isnull=True)
        row = rows.first()
        if row is None:
            raise CommandError(
                _("%(name)s không có vai trò %(role)s đang mở tại %(org)s.")
                % {"name": user, "role": Role(options["role"]).label, "org": org.code}
            )
        services.role_end(actor=actor, assignment=row, on=on)
        self.stdout.write(
            _("Đã kết thúc vai trò %(role)s tại %(org)s của %(name)s từ %(date)s.")
            % {"role": row.get_role_display(), "org": org.code, "name": user, "date": f"{on:%d/%m/%Y}"}
        )

    def _reset_password(self, actor: Any, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        generated = services.user_password_reset(actor=actor, user=user, password=self._password(options))
        self.stderr.write(_("Đã đặt lại mật khẩu của %(name)s.") % {"name": user})
        self._show_password(generated)

    def _deactivate(self, actor: Any, options: dict[str, Any]) -> None:
        user = services.user_deactivate(actor=actor, user=self._target(actor, options["username"]))
        self.stdout.write(_("Đã khóa tài khoản %(name)s và thu hồi các khóa API.") % {"name": user})

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        if options["org"]:
            rows = self._access_rows(actor, options)
            header = ("username", "role", "organization", "valid_from", "valid_to")
        else:
            if actor is not None:
                selectors.require_administrator(actor)
            rows = [_user_row(user) for user in selectors.user_list(actor)]
            header = ("username", "full_name", "email", "is_active", "home_organization")
        if options["output_format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write("\t".join(_cell(row[key]) for key in header))

    def _access_rows(self, actor: Any, options: dict[str, Any]) -> list[dict[str, Any]]:
        org = organization_for(options["org"], actor)
        rows = selectors.organization_access(actor, org, as_of=None if options["history"] else policy.today())
        return [
            {
                "id": row.pk,
                "username": row.user.get_username(),
                "role": row.role,
                "organization": row.organization.code,
                "valid_from": row.valid_from.isoformat(),
                "valid_to": row.valid_to.isoformat() if row.valid_to else None,
            }
            for row in rows
        ]


def _user_row(user: Any) -> dict[str, Any]:
    account = getattr(user, "account", None)
    home = account.home_organization if account is not None else None
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email,
        "is_active": user.is_active,
        "home_organization": home.code if home is not None else None,
    }


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return _("đang hoạt động") if value else _("đã khóa")
    return str(value)
