"""Training classes (lớp bồi dưỡng): who organized them, who was enrolled, who attended,
completed and received a certificate. The certificate of a party-awareness class kept
here is the one the admission checks read (rule 3)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketnap.organizations.models import Organization
from ketnap.people.models import Person

MAX_SESSIONS = 100


class ClassKind(models.TextChoices):
    AWARENESS = "awareness", _("Bồi dưỡng nhận thức về Đảng")
    NEW_MEMBER = "new_member", _("Bồi dưỡng đảng viên mới")
    GENERAL = "general", _("Bồi dưỡng chung, cập nhật kiến thức")
    CELL_LEADERS = "cell_leaders", _("Bồi dưỡng chuyên đề cho cấp ủy, bí thư chi bộ")


class TrainingClass(models.Model):
    """One class held by an organization over a period, in a number of sessions."""

    organizer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="training_classes", verbose_name=_("đơn vị tổ chức")
    )
    kind = models.CharField(_("loại lớp"), max_length=16, choices=ClassKind.choices)
    name = models.CharField(_("tên lớp"), max_length=255)
    start = models.DateField(_("khai giảng"))
    end = models.DateField(_("bế giảng"))
    sessions = models.PositiveSmallIntegerField(_("số buổi học"), default=1)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    scope_path = "organizer__path"

    class Meta:
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("lớp bồi dưỡng")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="training_class_period_order"),
            models.CheckConstraint(
                condition=Q(sessions__gte=1, sessions__lte=MAX_SESSIONS), name="training_class_sessions_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """A person enrolled in a class; attendance overall, completion and the certificate."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("lớp")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("học viên"))
    attended_sessions = models.PositiveSmallIntegerField(_("số buổi có mặt"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=64, blank=True)
    certificate_issued_on = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)

    scope_path = "training_class__organizer__path"

    class Meta:
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        constraints = [
            models.UniqueConstraint(fields=["training_class", "person"], name="training_enrolment_once"),
            models.CheckConstraint(
                condition=Q(certificate_issued_on__isnull=True) | Q(completed_on__isnull=False),
                name="training_certificate_after_completion",
            ),
        ]
        indexes = [models.Index(fields=["person", "certificate_issued_on"], name="training_enrolment_cert")]

    def __str__(self) -> str:
        return f"{self.person} — {self.training_class}"


class Attendance(models.Model):
    """Presence of one enrolled person at one session of the class."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    session = models.PositiveSmallIntegerField(_("buổi"))
    present = models.BooleanField(_("có mặt"), default=True)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)

    scope_path = "enrolment__training_class__organizer__path"

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["enrolment", "session"], name="training_attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.session}"
