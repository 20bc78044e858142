"""``ketnap audit verify|checkpoint``: check the audit log's hash chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ketnap.audit.selectors import Checkpoint, chain_problem, checkpoint


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký thay đổi, hoặc lập mốc kiểm tra để giữ ngoài cơ sở dữ liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help=_("Kiểm tra chuỗi; báo dòng đầu tiên bị sửa, xoá, chèn hoặc đảo."))
        verify.add_argument("--checkpoint", type=Path, help=_("Tệp mốc kiểm tra đã lập bằng 'audit checkpoint'."))
        point = sub.add_parser("checkpoint", help=_("In mã băm đầu chuỗi và số dòng."))
        point.add_argument("--output", type=Path, help=_("Ghi mốc kiểm tra vào tệp này."))

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['verb']}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        kept = _read_checkpoint(options["checkpoint"]) if options["checkpoint"] else None
        problem = chain_problem(kept)
        if problem is not None:
            raise CommandError(problem.message, returncode=2)
        self.stdout.write(_("Chuỗi nhật ký toàn vẹn: %(rows)s dòng.") % {"rows": checkpoint().rows})

    def _checkpoint(self, options: dict[str, Any]) -> None:
        point = checkpoint()
        text = json.dumps(point.as_dict(), indent=2) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        self.stdout.write(text, ending="")


def _read_checkpoint(path: Path) -> Checkpoint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head_id = None if data["head_id"] is None else int(data["head_id"])
        return Checkpoint(rows=int(data["rows"]), head_id=head_id, head_hash=str(data["head_hash"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CommandError(_("Không đọc được tệp mốc kiểm tra %(path)s.") % {"path": path}) from error
