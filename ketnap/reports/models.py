"""Reports sent upward, frozen as they were sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    CHANGE = "change", _("Tăng, giảm đảng viên")
    NEW_MEMBERS = "new_members", _("Đảng viên mới kết nạp")
    FUNNEL = "funnel", _("Quy trình phát triển đảng viên")


class FrozenReport(models.Model):
    """A report as it was sent to the upper committee: its figures (the report's own
    JSON), the period it covers, who sent it and when. Never edited: a corrected report
    is sent again, and the later one stands beside the first."""

    kind = models.CharField(_("báo cáo"), max_length=24, choices=ReportKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("tổ chức")
    )
    first = models.DateField(_("từ ngày"))
    last = models.DateField(_("đến ngày"))
    figures = models.JSONField()
    note = models.TextField(_("ghi chú"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    sent_at = models.DateTimeField(_("thời điểm gửi"))

    scope_path = "organization__path"

    class Meta:
        verbose_name = _("báo cáo đã gửi")
        verbose_name_plural = _("báo cáo đã gửi")
        indexes = [models.Index(fields=["organization", "kind", "sent_at"])]
        constraints = [models.CheckConstraint(condition=Q(first__lte=models.F("last")), name="frozen_report_period")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first:%d/%m/%Y}–{self.last:%d/%m/%Y}"
