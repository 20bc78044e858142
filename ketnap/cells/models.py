"""Cell life: meetings with their attendance and resolutions, party dues per member and
month, members away for months, the party-group pilot setting, and the review tasks the
removal trigger raises."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketnap.core.models import Dated, DatedQuerySet


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Thường kỳ")
    THEMED = "themed", _("Chuyên đề")
    MODEL = "model", _("Mẫu")
    GROUP = "group", _("Theo tổ đảng")


class Meeting(models.Model):
    """One meeting of a cell (or, under the pilot, of one of its party groups)."""

    cell = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("chi bộ")
    )
    date = models.DateField(_("ngày họp"))
    kind = models.CharField(_("hình thức"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    topic = models.CharField(_("nội dung, chủ đề"), max_length=255)
    party_group = models.CharField(_("tổ đảng"), max_length=128, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "cell__path"

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("buổi sinh hoạt chi bộ")
        indexes = [models.Index(fields=["cell", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Absence(models.TextChoices):
    PRESENT = "", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không lý do")


class Attendance(models.Model):
    """A member at a meeting: present, or absent with or without a valid reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cell_attendance")
    absence = models.CharField(_("vắng mặt"), max_length=16, choices=Absence.choices, blank=True, default="")
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    scope_path = "meeting__cell__path"

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="cells_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_absence_display()}"


class ResolutionKind(models.TextChoices):
    EXEMPTION = "exemption", _("Miễn công tác và sinh hoạt đảng")
    EXEMPTION_END = "exemption_end", _("Trở lại sinh hoạt")
    REMOVAL_PROPOSAL = "removal_proposal", _("Đề nghị xóa tên")
    OTHER = "other", _("Nghị quyết khác")


class Resolution(models.Model):
    """A resolution adopted at a meeting, in the cell's resolution book."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    kind = models.CharField(_("loại nghị quyết"), max_length=24, choices=ResolutionKind.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đảng viên")
    )
    document_number = models.CharField(_("số nghị quyết"), max_length=64, blank=True)
    text = models.TextField(_("nội dung"))
    ledger_event = models.OneToOneField(
        "people.MembershipEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    valid_until = models.DateField(_("đến ngày"), null=True, blank=True)

    scope_path = "meeting__cell__path"

    class Meta:
        verbose_name = _("nghị quyết chi bộ")
        verbose_name_plural = _("nghị quyết chi bộ")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.meeting.date:%d/%m/%Y}"


class DuesPayment(models.Model):
    """Party dues of one member for one month (``month`` is its first day)."""

    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="dues")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="dues")
    month = models.DateField(_("tháng"))
    paid = models.BooleanField(_("đã đóng"))
    amount = models.PositiveIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    scope_path = "cell__path"

    class Meta:
        verbose_name = _("đảng phí")
        verbose_name_plural = _("đảng phí")
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="cells_dues_once_a_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="cells_dues_month_first_day"),
        ]
        indexes = [models.Index(fields=["cell", "month"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%m/%Y}"


class AwayRecord(Dated):
    """A member working or living far away for months, with or without a valid reason."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="away_records")
    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="away_records")
    place = models.CharField(_("nơi đến"), max_length=255)
    excused = models.BooleanField(_("có lý do chính đáng"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = DatedQuerySet.as_manager()
    scope_path = "cell__path"

    class Meta(Dated.Meta):
        verbose_name = _("đảng viên đi làm ăn xa")
        verbose_name_plural = _("đảng viên đi làm ăn xa")

    def __str__(self) -> str:
        return f"{self.person_id} {self.place}"


class GroupPilot(Dated):
    """The party-group pilot (HD 03-HD/TW 2022) set on a cell for a period: its group
    meetings may stand for the cell's monthly meeting."""

    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="group_pilots")
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)

    objects = DatedQuerySet.as_manager()
    scope_path = "cell__path"

    class Meta(Dated.Meta):
        verbose_name = _("thí điểm sinh hoạt theo tổ đảng")
        verbose_name_plural = _("thí điểm sinh hoạt theo tổ đảng")

    def __str__(self) -> str:
        return f"{self.cell_id} {self.valid_from:%d/%m/%Y}"


class ReviewState(models.TextChoices):
    OPEN = "open", _("Chờ chi bộ xem xét")
    CLOSED = "closed", _("Đã xem xét")


class ReviewTask(models.Model):
    """A removal review the cell must take up: raised once per member, finding and period."""

    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="review_tasks")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="review_tasks")
    code = models.CharField(max_length=64)
    period = models.DateField(_("kỳ xét"))  # first month of the year or window judged
    raised_on = models.DateField(_("ngày phát sinh"))
    due_on = models.DateField(_("hạn xem xét"))
    message = models.TextField()
    params = models.JSONField(default=dict)
    state = models.CharField(_("tình trạng"), max_length=8, choices=ReviewState.choices, default=ReviewState.OPEN)
    closed_on = models.DateField(_("ngày xem xét"), null=True, blank=True)
    outcome = models.TextField(_("kết quả"), blank=True)

    scope_path = "cell__path"

    class Meta:
        verbose_name = _("việc xem xét xóa tên")
        verbose_name_plural = _("việc xem xét xóa tên")
        constraints = [
            models.UniqueConstraint(fields=["person", "code", "period"], name="cells_review_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.code} {self.raised_on:%d/%m/%Y}"
