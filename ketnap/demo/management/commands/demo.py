"""``ketnap demo [--reset] [--only PROVINCE]``: load the demonstration data set."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from ketnap.accounts.models import Role
from ketnap.demo import loader
from ketnap.demo.users import PASSWORD, logins


class Command(BaseCommand):
    help = "Nạp bộ dữ liệu mẫu (Lai Châu 2021, Thanh Hóa, Điện Biên) và các tài khoản dùng thử."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Xóa dữ liệu mẫu hiện có rồi tạo lại (tất cả hoặc không gì cả)."
        )
        parser.add_argument(
            "--only", action="append", choices=sorted(loader.PROVINCES), default=[], help="Chỉ tạo tỉnh này (lặp được)."
        )

    def handle(self, *args: Any, reset: bool, only: list[str], **options: Any) -> None:
        started = time.monotonic()
        built = (loader.reset if reset else loader.load)(echo=self._echo, only=only)
        elapsed = time.monotonic() - started
        if built:
            self._echo(self.style.SUCCESS(f"Đã tạo {', '.join(built)} trong {elapsed:.1f} giây."))
        else:
            self._echo("Dữ liệu mẫu đã có sẵn; không thay đổi gì.")
        self._print_logins()

    def _echo(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def _print_logins(self) -> None:
        rows = [(login.username, login.role, login.organization, PASSWORD) for login in logins()]
        header = ("Tên đăng nhập", "Vai trò", "Tổ chức", "Mật khẩu")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self._echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
        self._print_two_factor_note()

    def _print_two_factor_note(self) -> None:
        roles = [str(Role(code).label) if code in Role.values else code for code in settings.TWO_FACTOR_REQUIRED_ROLES]
        if roles:
            self._echo(
                _(
                    "Vai trò %(roles)s và quản trị viên hệ thống phải đăng ký xác thực hai bước "
                    "(ứng dụng xác thực trên điện thoại) ở lần đăng nhập đầu tiên."
                )
                % {"roles": ", ".join(roles)}
            )
