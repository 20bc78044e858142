"""The candidate source, admission cases and their steps, deadlines and settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ketnap.admission.steps import Stage, StepKind
from ketnap.core.models import Dated, DatedQuerySet
from ketnap.lib.vntext import clean_name
from ketnap.rules.facts import Basis, Body, Relation, UpperKind

STEP_CHOICES = [(kind.value, kind.value) for kind in StepKind]


class Origin(models.TextChoices):
    """Where a candidate in the source came from (Mường Ảng broadcast, May 2020)."""

    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    WOMEN_UNION = "women_union", _("Hội Phụ nữ")
    VETERANS = "veterans", _("Hội Cựu chiến binh")
    FARMERS = "farmers", _("Hội Nông dân")
    SCHOOL = "school", _("Trường học")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    MILITARY_AGE_YOUTH = "military_age_youth", _("Thanh niên trong độ tuổi nghĩa vụ quân sự")
    OTHER = "other", _("Khác")


class Prospect(models.Model):
    """An outstanding mass member (quần chúng ưu tú) in a cell's source.

    ``cell`` is the cell that follows the person: for a village with no member or
    no cell, the cell the upper committee assigned to help (``HelpingCell``).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="prospects")
    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="prospects")
    origin = models.CharField(_("nguồn"), max_length=24, choices=Origin.choices)
    noted_on = models.DateField(_("ngày đưa vào nguồn"))
    left_on = models.DateField(_("ngày ra khỏi nguồn"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    scope_path = "cell__path"
    scope_also = ("person__organization__path",)  # the source shows its person

    class Meta:
        verbose_name = _("quần chúng ưu tú")
        verbose_name_plural = _("quần chúng ưu tú")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_on__isnull=True), name="one_open_prospect_per_person"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class SympathiserListing(Dated):
    """On the cell's sympathiser list (danh sách cảm tình Đảng) from one cell resolution
    until another takes the person off."""

    prospect = models.ForeignKey(Prospect, on_delete=models.PROTECT, related_name="listings")
    added_by_resolution = models.CharField(_("nghị quyết đưa vào"), max_length=64)
    removed_by_resolution = models.CharField(_("nghị quyết đưa ra"), max_length=64, blank=True)

    objects = DatedQuerySet.as_manager()
    scope_path = "prospect__cell__path"
    scope_also = ("prospect__person__organization__path",)  # as the source entry itself

    class Meta(Dated.Meta):
        verbose_name = _("danh sách cảm tình Đảng")
        verbose_name_plural = _("danh sách cảm tình Đảng")


class TestTask(models.Model):
    """A task the cell gives a sympathiser to test them."""

    prospect = models.ForeignKey(Prospect, on_delete=models.PROTECT, related_name="tasks")
    assigned_on = models.DateField(_("ngày giao"))
    description = models.TextField(_("nhiệm vụ"))
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    scope_path = "prospect__cell__path"
    scope_also = ("prospect__person__organization__path",)  # as the source entry itself

    class Meta:
        verbose_name = _("nhiệm vụ thử thách")
        verbose_name_plural = _("nhiệm vụ thử thách")

    def __str__(self) -> str:
        return self.description[:60]


class HelperPurpose(models.TextChoices):
    SOURCE = "source", _("Giúp đỡ quần chúng")
    PROBATION = "probation", _("Giúp đỡ đảng viên dự bị")


class HelperAssignment(Dated):
    """An official member assigned by cell resolution to help a sympathiser or a
    probationary member (Charter art. 5.1)."""

    prospect = models.ForeignKey(Prospect, on_delete=models.PROTECT, null=True, blank=True, related_name="helpers")
    case = models.ForeignKey("AdmissionCase", on_delete=models.PROTECT, null=True, blank=True, related_name="helpers")
    helper = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="helping")
    purpose = models.CharField(_("mục đích"), max_length=16, choices=HelperPurpose.choices)
    resolution = models.CharField(_("nghị quyết phân công"), max_length=64, blank=True)

    objects = DatedQuerySet.as_manager()
    scope_path = "helper__organization__path"

    class Meta(Dated.Meta):
        verbose_name = _("phân công giúp đỡ")
        verbose_name_plural = _("phân công giúp đỡ")
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(prospect__isnull=False) | Q(case__isnull=False), name="helper_has_a_subject"
            ),
        ]


class ProgressNote(models.Model):
    """A helper's report on a sympathiser, heard at a monthly cell meeting."""

    prospect = models.ForeignKey(Prospect, on_delete=models.PROTECT, related_name="notes")
    meeting_on = models.DateField(_("ngày sinh hoạt chi bộ"))
    reported_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(_("nội dung"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "prospect__cell__path"
    scope_also = ("prospect__person__organization__path",)  # as the source entry itself

    class Meta:
        verbose_name = _("báo cáo giúp đỡ")
        verbose_name_plural = _("báo cáo giúp đỡ")

    def __str__(self) -> str:
        return f"{self.prospect} {self.meeting_on:%d/%m/%Y}"


class HelpingCell(Dated):
    """The cell the direct upper committee assigns to a village with no member or no
    cell: it propagandises, helps and, when the candidate qualifies, files the
    admission (QĐ 24-QĐ/TW 3.4)."""

    locality = models.ForeignKey("organizations.Locality", on_delete=models.PROTECT, related_name="helping_cells")
    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="helped_localities")
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)

    objects = DatedQuerySet.as_manager()
    scope_path = "cell__path"

    class Meta(Dated.Meta):
        verbose_name = _("chi bộ được giao giúp đỡ thôn, bản")
        verbose_name_plural = _("chi bộ được giao giúp đỡ thôn, bản")


class AwarenessCertificate(models.Model):
    """Certificate of the party-awareness class (CN-NTVĐ), valid 60 months (HD 06 5.4)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="certificates")
    issued_on = models.DateField(_("ngày cấp"))
    number = models.CharField(_("số"), max_length=64, blank=True)
    issuer = models.CharField(_("nơi cấp"), max_length=255, blank=True)

    scope_path = "person__organization__path"

    class Meta:
        verbose_name = _("giấy chứng nhận lớp nhận thức về Đảng")
        verbose_name_plural = _("giấy chứng nhận lớp nhận thức về Đảng")
        indexes = [models.Index(fields=["issued_on"])]

    def __str__(self) -> str:
        return f"{self.person} {self.issued_on:%d/%m/%Y}"


class CaseKind(models.TextChoices):
    # A context of their own: "Kết nạp lại" is also a membership event ("Readmitted").
    ADMISSION = "admission", pgettext_lazy("case kind", "Kết nạp")
    READMISSION = "readmission", pgettext_lazy("case kind", "Kết nạp lại")


class Outcome(models.TextChoices):
    RECOGNIZED = "recognized", _("Đã công nhận chính thức, phát thẻ")
    REMOVED = "removed", _("Xóa tên khỏi danh sách đảng viên dự bị")
    WITHDRAWN = "withdrawn", _("Dừng xem xét")


class AdmissionCase(models.Model):
    """One person's way from dossier to official member (or removal).

    ``stage``, ``due_on`` and ``due_code`` are derived from the steps by the service
    after each change, so the work queue is one indexed query. ``version`` grows with
    each recorded step: a form carries it, and a stale form is refused plainly.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField(_("loại"), max_length=16, choices=CaseKind.choices, default=CaseKind.ADMISSION)
    opened_on = models.DateField(_("ngày mở hồ sơ"))
    stage = models.CharField(_("giai đoạn"), max_length=16, choices=Stage.choices, default=Stage.DOSSIER)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices, blank=True)
    due_on = models.DateField(_("hạn kế tiếp"), null=True, blank=True)
    due_code = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=0)
    pinned_editions = models.JSONField(default=dict, blank=True)
    # Facts about the candidate the personal-history record does not hold.
    village_elder = models.BooleanField(_("già làng, trưởng bản, người có uy tín"), default=False)
    fisherman_at_sea = models.BooleanField(_("ngư dân thường xuyên làm việc trên biển"), default=False)
    health_and_prestige = models.BooleanField(_("có sức khỏe và uy tín (trên 60 tuổi)"), default=False)
    base_condition = models.BooleanField(_("cơ sở chưa có tổ chức đảng, đảng viên"), default=False)
    over_60_approved_on = models.DateField(_("ngày Ban Thường vụ đồng ý bằng văn bản"), null=True, blank=True)
    youth_union_organisation_exists = models.BooleanField(_("nơi làm việc có tổ chức Đoàn"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "cell__path"
    # A case shows its person: readable only by those who may also see the person.
    scope_also = ("person__organization__path",)

    class Meta:
        verbose_name = _("hồ sơ kết nạp")
        verbose_name_plural = _("hồ sơ kết nạp")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(closed_on__isnull=True), name="one_open_case_per_person"
            )
        ]
        indexes = [models.Index(fields=["closed_on", "due_on"]), models.Index(fields=["stage"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"


class CaseStep(models.Model):
    """One recorded step of a case, append-only.

    A step recorded by mistake is corrected by a new step that ``supersedes`` it (or
    by a void step of the same kind with ``void`` set), never by editing or deleting.
    ``findings`` keeps what the rules said when it was recorded; ``override_reason``
    is set when an approver recorded it despite blocking findings.
    """

    case = models.ForeignKey(AdmissionCase, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("bước"), max_length=40, choices=STEP_CHOICES)
    occurred_on = models.DateField(_("ngày"))
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    edition = models.CharField(max_length=32, blank=True)
    findings = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(_("lý do vượt quy tắc"), blank=True)
    void = models.BooleanField(default=False)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    # The membership event this step wrote (decision, ceremony, recognition, removal), so a
    # correction of the step supersedes the event too.
    membership_event = models.ForeignKey(
        "people.MembershipEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "case__cell__path"
    scope_also = ("case__person__organization__path",)  # as the case itself

    class Meta:
        verbose_name = _("bước hồ sơ")
        verbose_name_plural = _("bước hồ sơ")
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on:%d/%m/%Y}"


class Relative(models.Model):
    """A relative declared on the personal history, for the verification scope (HD 01 3.4)."""

    case = models.ForeignKey(AdmissionCase, on_delete=models.PROTECT, related_name="relatives")
    full_name = models.CharField(_("họ và tên"), max_length=255)
    relation = models.CharField(_("quan hệ"), max_length=16, choices=[(r.value, r.value) for r in Relation])
    party_member = models.BooleanField(_("là đảng viên"), default=False)
    fully_declared = models.BooleanField(_("đã khai đầy đủ"), default=True)
    full_civil_capacity = models.BooleanField(_("có đủ năng lực hành vi dân sự"), default=True)
    abroad = models.BooleanField(_("ở nước ngoài"), default=False)
    residence = models.CharField(_("nơi cư trú"), max_length=255, blank=True)

    scope_path = "case__cell__path"
    scope_also = ("case__person__organization__path",)  # as the case itself

    class Meta:
        verbose_name = _("người thân")
        verbose_name_plural = _("người thân")

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        self.full_name = clean_name(self.full_name)


class VerificationRequest(models.Model):
    """A written request to verify the candidate or a relative, and its reply."""

    case = models.ForeignKey(AdmissionCase, on_delete=models.PROTECT, related_name="verifications")
    relative = models.ForeignKey(
        Relative, on_delete=models.PROTECT, null=True, blank=True, related_name="verifications"
    )
    addressee = models.CharField(_("gửi đến"), max_length=255)
    via_upper_committee = models.BooleanField(_("qua cấp ủy cấp trên, Đảng ủy Ngoài nước"), default=False)
    sent_on = models.DateField(_("ngày gửi"))
    document_number = models.CharField(_("số công văn"), max_length=64, blank=True)
    replied_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    scope_path = "case__cell__path"
    scope_also = ("case__person__organization__path",)  # as the case itself

    class Meta:
        verbose_name = _("thẩm tra lý lịch")
        verbose_name_plural = _("thẩm tra lý lịch")

    def __str__(self) -> str:
        return f"{self.addressee} {self.sent_on:%d/%m/%Y}"


class Introducer(models.Model):
    """An official member introducing the candidate (Charter art. 4; QĐ 24 3.2)."""

    case = models.ForeignKey(AdmissionCase, on_delete=models.PROTECT, related_name="introducers")
    member = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="introductions")
    basis = models.CharField(_("cùng"), max_length=16, choices=[(b.value, b.value) for b in Basis])
    together_since = models.DateField(_("cùng công tác, học tập, cư trú từ"))
    introduced_on = models.DateField(_("ngày giới thiệu"))
    replacement = models.BooleanField(_("người giới thiệu thay thế"), default=False)
    withdrawn_on = models.DateField(_("ngày thôi giới thiệu"), null=True, blank=True)

    scope_path = "case__cell__path"
    scope_also = ("case__person__organization__path",)  # as the case itself

    class Meta:
        verbose_name = _("người giới thiệu")
        verbose_name_plural = _("người giới thiệu")

    def __str__(self) -> str:
        return str(self.member)


class AuthoritySetting(Dated):
    """Who decides admissions and recognitions for the cells under ``organization``.

    Settings hang on the tree and the nearest ancestor's setting valid on the date
    wins, so the 2025 reform is a new dated row, not a code change (QĐ 294).
    """

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="authority_settings"
    )
    body = models.CharField(_("cơ quan quyết định"), max_length=32, choices=[(b.value, b.value) for b in Body])
    deciding_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("cấp ủy quyết định")
    )
    upper_kind = models.CharField(max_length=16, choices=[(u.value, u.value) for u in UpperKind])
    grassroots_authorised = models.BooleanField(_("đảng ủy cơ sở được ủy quyền"), default=False)

    objects = DatedQuerySet.as_manager()
    scope_path = "organization__path"

    class Meta(Dated.Meta):
        verbose_name = _("thẩm quyền quyết định kết nạp")
        verbose_name_plural = _("thẩm quyền quyết định kết nạp")


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")
    NOT_A_HOLIDAY = "not_a_holiday", _("Không phải ngày nghỉ")


class CalendarDay(models.Model):
    """A correction of the statutory calendar decided each year by the Prime Minister:
    an extra day off, a swapped working Saturday, or a statutory day cancelled."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    document = models.CharField(_("văn bản"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class Reminder(models.Model):
    """A reminder of one work-queue item, sent 30, 15 or 7 days before its due date and
    once when it has passed (``days_before`` 0). Keyed by the item (the person, the rule
    behind it, its due date), not by a case: probationary members known from imported
    history and prospects' certificates have none. Claimed with a conditional update so a
    re-run, or two runs at once, never send it twice."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="reminders")
    case = models.ForeignKey(AdmissionCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    due_code = models.CharField(max_length=64)  # the rule, e.g. "probation", "certificate"
    due_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(null=True)

    scope_path = "person__organization__path"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "due_code", "due_on", "days_before"], name="one_reminder_per_item_lead"
            )
        ]

    def __str__(self) -> str:
        return f"{self.due_code} {self.due_on:%d/%m/%Y} ({self.days_before})"
