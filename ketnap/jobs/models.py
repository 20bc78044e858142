"""A job the user sees: a long report, export, import or rebuild run in the background
by a worker, with its progress, its outcome (a file or a summary) or the reason it
failed, in words for people."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATES = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """One run of a registered job kind (``ketnap.jobs.kinds``) about one organization.

    The result file is kept in the row (a few megabytes at most, ``JOBS_MAX_FILE_BYTES``)
    so that every application server and worker sees it without shared disk, and
    ``ketnap jobs purge`` removes it with the row."""

    scope_path = "organization__path"

    kind = models.CharField(_("loại việc"), max_length=64)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("người yêu cầu"),
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("tổ chức")
    )
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    state = models.CharField(_("trạng thái"), max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    message = models.CharField(_("kết quả"), max_length=500, blank=True)
    error = models.TextField(_("lý do không thành công"), blank=True)
    cancel_requested = models.BooleanField(_("đã yêu cầu hủy"), default=False)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=128, blank=True)
    content = models.BinaryField(_("nội dung tệp"), null=True, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng tệp"), default=0)
    task_id = models.CharField(_("mã trong hàng đợi"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # Written when a worker claims the job and at each progress report: a running job
    # silent for too long lost its worker (``job_fail_stale``).
    heartbeat_at = models.DateTimeField(_("báo tiến độ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="jobs_owner_created"),
            models.Index(fields=["finished_at"], name="jobs_finished"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")) | Q(total=0), name="jobs_done_le_total"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def label(self) -> str:
        """The kind's name for people."""
        from ketnap.jobs.kinds import kind_label

        return kind_label(self.kind)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def has_file(self) -> bool:
        return self.state == JobState.DONE and bool(self.file_name)

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
