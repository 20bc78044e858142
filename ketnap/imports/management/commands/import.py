"""``ketnap import members|candidates FILE.xlsx --org CODE [--dry-run] [--sheet NAME] [--user NAME]``
and ``ketnap import template members|candidates --output FILE.xlsx``.

An import prints every error with its row and column and exits non-zero when any row
is bad, writing nothing; when all rows are good it writes them (unless ``--dry-run``)
and prints the counts. Runs as the system operator (an administrator of the whole
tree, recorded in the audit log without a login) unless ``--user`` names a user; then
the one permission policy decides, as for pages and the API.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ketnap.core.commands import add_language_argument, domain_errors_reported, find_user, in_language, organization_for
from ketnap.imports.columns import Kind
from ketnap.imports.report import Report
from ketnap.imports.services import CommitProgress, ImportRefused, import_check, import_commit
from ketnap.imports.sheets import template_bytes

PROGRESS_EVERY = 1000
PERCENT_STEP = 10


def command_actor(username: str | None) -> Any:
    """The user named, or the system operator: unsaved, so no login is named in the audit log."""
    found = find_user(username)
    return found or get_user_model()(username="ketnap-import", is_superuser=True, is_active=True)


class Command(BaseCommand):
    help = "Nhập danh sách đảng viên, người vào Đảng từ tệp Excel; tải mẫu nhập."
    _shown = -1

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="what", required=True, metavar="members|candidates|template")
        for kind in Kind:
            sub = kinds.add_parser(kind.value, help=_("Nhập từ tệp .xlsx."))
            sub.add_argument("file")
            sub.add_argument("--org", required=True, help="Mã tổ chức nhận danh sách.")
            sub.add_argument("--dry-run", action="store_true", dest="dry_run", help="Chỉ kiểm tra, không ghi.")
            sub.add_argument("--sheet", default="", help="Tên trang tính (mặc định trang đầu).")
            sub.add_argument("--user", help="Chạy với quyền của người dùng này.")
            add_language_argument(sub)
        template = kinds.add_parser("template", help="Ghi tệp mẫu nhập.")
        template.add_argument("kind", choices=[k.value for k in Kind])
        template.add_argument("--output", required=True)
        add_language_argument(template)

    def handle(self, *args: Any, what: str, language: str | None = None, **options: Any) -> None:
        with in_language(language):
            if what == "template":
                Path(options["output"]).write_bytes(template_bytes(Kind(options["kind"])))
                self.stdout.write(_("Đã ghi %(path)s.") % {"path": options["output"]})
                return
            self._import(Kind(what), **options)

    def _import(
        self, kind: Kind, *, file: str, org: str, dry_run: bool, sheet: str, user: str | None, **_rest: Any
    ) -> None:
        actor = command_actor(user)
        organization = organization_for(org, find_user(user))
        try:
            content = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(_("Không đọc được tệp %(path)s.") % {"path": file}) from error
        args: dict[str, Any] = {"actor": actor, "organization": organization, "kind": kind, "content": content}
        args["sheet_name"], args["progress"] = sheet, self._progress if dry_run else self._commit_progress
        self._shown = -1
        with domain_errors_reported():
            try:
                report = import_check(**args) if dry_run else import_commit(**args, filename=Path(file).name)
            except ImportRefused as refused:
                report = refused.report
        self._print(report)
        if not report.ok:
            raise CommandError(_("Tệp có %(count)s lỗi; chưa ghi gì.") % {"count": len(report.errors)})

    def _progress(self, done: int, total: int) -> None:
        """A progress line on stderr every ``PROGRESS_EVERY`` rows of a long file."""
        if done % PROGRESS_EVERY == 0 or (done == total and total >= PROGRESS_EVERY):
            self.stderr.write(_("%(done)s/%(total)s dòng") % {"done": done, "total": total})

    def _commit_progress(self, done: int, total: int) -> None:
        """For a file of ``PROGRESS_EVERY`` rows or more, a line on stderr at every
        ``PERCENT_STEP`` percent of the commit, saying whether it is checking or writing."""
        if total < 2 * PROGRESS_EVERY:
            return
        percent = 100 * done // total
        if percent // PERCENT_STEP == self._shown:
            return
        self._shown = percent // PERCENT_STEP
        if CommitProgress.is_writing(done, total):
            self.stderr.write(_("Đang ghi các dòng: %(percent)s%%") % {"percent": percent})
        else:
            self.stderr.write(_("Đang đọc và kiểm tra các dòng: %(percent)s%%") % {"percent": percent})

    def _print(self, report: Report) -> None:
        for issue in report.issues:
            (self.stderr if issue.error else self.stdout).write(str(issue))
        self.stdout.write(json.dumps({"sheet": report.sheet, **report.counts()}, ensure_ascii=False))
