"""``ketnap jobs worker|run|list|purge``: the background workers, one job in the
foreground for scripts, the list of jobs, and the removal of old ones."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from ketnap.core.commands import domain_errors_reported, find_user, organization_for, parse_date
from ketnap.jobs import services
from ketnap.jobs.kinds import kind_label, kinds
from ketnap.jobs.models import Job, JobState
from ketnap.jobs.runner import run_job
from ketnap.jobs.selectors import job_file, jobs_list


class Command(BaseCommand):
    help = "Việc chạy nền: worker (tiến trình chạy việc), run (chạy một việc ngay), list, purge."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        worker = sub.add_parser("worker", help="Chạy các việc trong hàng đợi (dừng bằng Ctrl-C hoặc SIGTERM).")
        worker.add_argument("--processes", type=_positive, default=1, help="Số tiến trình chạy song song.")
        worker.add_argument("--interval", type=float, default=1.0, help="Giây chờ giữa hai lần xem hàng đợi trống.")
        worker.add_argument("--batch", action="store_true", help="Chạy hết các việc đang chờ rồi dừng.")
        worker.set_defaults(run=self.worker)
        run = sub.add_parser("run", help="Chạy một việc ngay, in tiến độ; ghi tệp kết quả.")
        run.add_argument("kind", choices=[item.kind for item in kinds()], help="Loại việc.")
        run.add_argument("--org", required=True, help="Mã tổ chức, ví dụ lai-chau.")
        run.add_argument("--as-of", dest="as_of", help="Ngày báo cáo, dạng YYYY-MM-DD (bảng thống kê).")
        run.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="Tham số khác của việc.")
        run.add_argument("--user", help="Chạy với quyền của người dùng này.")
        run.add_argument("--output", help="Tệp kết quả (mặc định: tên tệp của việc, trong thư mục hiện tại).")
        run.set_defaults(run=self.run_one)
        listing = sub.add_parser("list", help="Danh sách việc, mới nhất trước.")
        listing.add_argument("--user", help="Chỉ những việc người dùng này thấy.")
        listing.add_argument("--limit", type=_positive, default=50)
        listing.set_defaults(run=self.list_jobs)
        purge = sub.add_parser(
            "purge", help="Xóa các việc đã kết thúc và tệp của chúng; báo lỗi các việc mất tiến trình chạy."
        )
        purge.add_argument("--older-than", dest="days", type=_non_negative, default=settings.JOBS_KEEP_DAYS)
        purge.set_defaults(run=self.purge)

    def handle(self, *args: Any, action: str, run: Any, **options: Any) -> None:
        with domain_errors_reported():
            run(**options)

    # --- worker -----------------------------------------------------------------------

    def worker(self, *, processes: int, interval: float, batch: bool, **rest: Any) -> None:
        if processes > 1:
            self._spawn(processes, interval, batch)
            return
        from django_tasks_db.management.commands.db_worker import Worker

        self._log_to_stdout()
        self.stdout.write(_("Tiến trình chạy việc đã bắt đầu; Ctrl-C để dừng."))
        worker = Worker(
            queue_names=["default"],
            backend_name="default",
            excluded_queue_names=[],
            interval=interval,
            batch=batch,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=get_random_string(32),
        )
        worker.configure_signals()
        worker.run()

    def _log_to_stdout(self) -> None:
        for name in ("ketnap.jobs", "django_tasks_db"):
            logger = logging.getLogger(name)
            logger.setLevel(logging.INFO)
            logger.addHandler(logging.StreamHandler(self.stdout))
            logger.propagate = False

    def _spawn(self, processes: int, interval: float, batch: bool) -> None:
        """``processes`` workers as child processes; a stop signal is passed on to each."""
        command = [sys.executable, "-m", "ketnap", "jobs", "worker", "--interval", str(interval)]
        children = [subprocess.Popen(command + (["--batch"] if batch else [])) for _n in range(processes)]

        def forward(signum: int, frame: Any) -> None:
            for child in children:
                child.send_signal(signum)

        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, forward)
        codes = [child.wait() for child in children]
        if any(codes):
            raise CommandError(_("Có tiến trình chạy việc dừng với mã lỗi: %(codes)s") % {"codes": codes})

    # --- one job in the foreground ------------------------------------------------------

    def run_one(
        self,
        *,
        kind: str,
        org: str,
        as_of: str | None,
        param: list[str],
        user: str | None,
        output: str | None,
        **rest: Any,
    ) -> None:
        actor = find_user(user)
        organization = organization_for(org, actor)
        params = _params(param)
        if as_of is not None:
            params["as_of"] = parse_date(as_of).isoformat()
        job = services.job_start(actor=actor, kind=kind, organization=organization, params=params, queue=False)
        run_job(job.pk, echo=self._progress)
        job.refresh_from_db()
        self._report(job, output)

    def _progress(self, job: Job, done: int, total: int) -> None:
        self.stderr.write(
            _("Việc #%(id)s (%(kind)s): %(done)s/%(total)s")
            % {"id": job.pk, "kind": kind_label(job.kind), "done": done, "total": total}
        )

    def _report(self, job: Job, output: str | None) -> None:
        if job.state != JobState.DONE:
            raise CommandError(job.error or job.get_state_display())
        if not job.has_file:
            self.stdout.write(job.message)
            return
        path = Path(output or job.file_name)
        path.write_bytes(job_file(job))
        self.stderr.write(_("Đã ghi %(path)s.") % {"path": path})

    # --- list and purge -----------------------------------------------------------------

    def list_jobs(self, *, user: str | None, limit: int, **rest: Any) -> None:
        viewer = find_user(user)
        rows = (jobs_list(viewer) if viewer else Job.objects.select_related("organization", "owner").defer("content"))[
            :limit
        ]
        for job in rows:
            owner = job.owner.get_username() if job.owner else "-"
            progress = f"{job.done}/{job.total}"
            created = job.created_at.isoformat(timespec="seconds")
            self.stdout.write(
                f"{job.pk}\t{job.kind}\t{job.organization.code}\t{owner}\t{job.state}\t{progress}\t{created}"
            )

    def purge(self, *, days: int, **rest: Any) -> None:
        stale = services.job_fail_stale(silent_minutes=settings.JOBS_STALE_MINUTES)
        if stale:
            self.stdout.write(_("Đã đánh dấu không thành công %(count)s việc mất tiến trình chạy.") % {"count": stale})
        count = services.job_purge(older_than_days=days)
        self.stdout.write(_("Đã xóa %(count)s việc đã kết thúc trước %(days)s ngày.") % {"count": count, "days": days})


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def _params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CommandError(_("Tham số phải có dạng KEY=VALUE: %(item)s") % {"item": item})
        params[key.strip()] = value
    return params
