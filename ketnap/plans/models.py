"""Admission plans: the document that set them and the targets per organization.

A target covers one organization and a span of years: one year (2023–2023) or a
term (2023–2025). Targets are never edited: a revision is a new row that supersedes
the old one (``supersedes``; the old row is only marked no longer current, who and
when are kept on both), so the
plan as it stood on any date can be shown again: the revision in force on a date is
the latest one whose ``set_on`` is not after it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The sub-targets of a plan, in the order of the forms (Biểu 12-BTCTW composition).
SUB_TARGETS: tuple[tuple[str, object], ...] = (
    ("women", _("Nữ")),
    ("youth", _("Đoàn viên thanh niên")),
    ("ethnic_minority", _("Dân tộc thiểu số")),
    ("rural", _("Nông thôn (kết nạp ở xã)")),
    ("religious", _("Có tôn giáo")),
    ("students", _("Học sinh, sinh viên")),
    ("private_enterprise", _("Doanh nghiệp ngoài nhà nước")),
)
SUB_TARGET_KEYS: tuple[str, ...] = tuple(key for key, _label in SUB_TARGETS)


class PlanDocument(models.Model):
    """The letter, plan or resolution that set targets (số, ngày, cơ quan ban hành)."""

    scope_path = "issuer__path"

    number = models.CharField(_("số văn bản"), max_length=64)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="plan_documents",
        verbose_name=_("cấp ban hành"),
    )
    title = models.CharField(_("trích yếu"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản giao chỉ tiêu")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class TargetQuerySet(models.QuerySet["Target"]):
    def current(self) -> TargetQuerySet:
        return self.filter(current=True)

    def as_of(self, date: dt.date) -> TargetQuerySet:
        """The revisions set by ``date``; the latest of each chain is the one in force."""
        return self.filter(set_on__lte=date)

    def for_year(self, year: int) -> TargetQuerySet:
        """Targets of exactly the one year (not a term that contains it)."""
        return self.filter(first_year=year, last_year=year)


class Target(models.Model):
    """The admissions an organization is to make over ``first_year``..``last_year``."""

    scope_path = "organization__path"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="targets", verbose_name=_("tổ chức")
    )
    first_year = models.PositiveSmallIntegerField(_("từ năm"))
    last_year = models.PositiveSmallIntegerField(_("đến năm"))
    document = models.ForeignKey(
        PlanDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="targets", verbose_name=_("văn bản")
    )
    set_on = models.DateField(_("ngày giao"))
    total = models.PositiveIntegerField(_("chỉ tiêu kết nạp"))
    women = models.PositiveIntegerField(_("nữ"), null=True, blank=True)
    youth = models.PositiveIntegerField(_("đoàn viên thanh niên"), null=True, blank=True)
    ethnic_minority = models.PositiveIntegerField(_("dân tộc thiểu số"), null=True, blank=True)
    rural = models.PositiveIntegerField(_("nông thôn"), null=True, blank=True)
    religious = models.PositiveIntegerField(_("có tôn giáo"), null=True, blank=True)
    students = models.PositiveIntegerField(_("học sinh, sinh viên"), null=True, blank=True)
    private_enterprise = models.PositiveIntegerField(_("doanh nghiệp ngoài nhà nước"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    # A revision points at the row it replaces; the replaced row stays, only no longer current.
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    current = models.BooleanField(default=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu kết nạp")
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="plans_target_years_order"),
            models.UniqueConstraint(
                fields=["organization", "first_year", "last_year"],
                condition=Q(current=True),
                name="plans_one_current_target",
            ),
        ]
        indexes = [models.Index(fields=["organization", "first_year", "last_year"], name="plans_target_org_years")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.first_year}–{self.last_year}: {self.total}"

    @property
    def period_label(self) -> str:
        return str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"

    def sub_targets(self) -> dict[str, int | None]:
        return {key: getattr(self, key) for key in SUB_TARGET_KEYS}
