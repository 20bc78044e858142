"""Annual quality ratings of organizations and members (kiểm điểm, đánh giá, xếp loại)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RatingLevel(models.TextChoices):
    """The four levels; the values are those of ``ketnap.rules.ratings.Level``."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


class Rating(models.Model):
    """One year's rating of an organization (``person`` empty) or of a member, who is
    rated in ``organization``, the cell holding them on the rating date. ``edition`` is
    the rating regulation applied (version pinning, §11 rule 32); ``rated_by`` the
    organization whose committee decided it."""

    year = models.PositiveSmallIntegerField(_("năm"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="ratings", verbose_name=_("tổ chức")
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="ratings")
    level = models.CharField(_("mức xếp loại"), max_length=16, choices=RatingLevel.choices)
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    excellent_conditions_met = models.BooleanField(_("đủ điều kiện xuất sắc"), default=False)
    rated_on = models.DateField(_("ngày xếp loại"))
    edition = models.CharField(_("quy định áp dụng"), max_length=16)
    rated_by = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="ratings_given")
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "organization__path"

    class Meta:
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], condition=Q(person__isnull=True), name="rating_one_per_org_year"
            ),
            models.UniqueConstraint(
                fields=["person", "year"], condition=Q(person__isnull=False), name="rating_one_per_member_year"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | (Q(points__gte=0) & Q(points__lte=100)), name="rating_points_range"
            ),
        ]
        indexes = [models.Index(fields=["year", "organization"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_level_display()}"
