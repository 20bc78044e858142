"""People, their membership events and the status periods projected from them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketnap.core.models import Dated, DatedQuerySet
from ketnap.lib.vntext import clean_name
from ketnap.people import status
from ketnap.people.choices import (
    ETHNIC_GROUPS,
    EVENT_CHOICES,
    MAJORITY_ETHNICITY,
    STATUS_CHOICES,
    Education,
    Gender,
    Occupation,
    PoliticalTheory,
    Professional,
    Religion,
)


class PersonQuerySet(models.QuerySet):
    def in_subtree(self, org: models.Model) -> PersonQuerySet:
        return self.filter(organization__path__startswith=org.path)  # type: ignore[attr-defined]


class Person(models.Model):
    """Someone known to a party organization: a source, a candidate or a member.

    ``organization`` is where the person is recorded now (home cell for a member, the
    recording cell for a candidate); it decides who may see the record. The name is
    kept in its three parts because Vietnamese order sorts by given name first.
    """

    family_name = models.CharField(_("họ"), max_length=64)
    middle_name = models.CharField(_("tên đệm"), max_length=128, blank=True)
    given_name = models.CharField(_("tên"), max_length=64)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    ethnicity = models.CharField(_("dân tộc"), max_length=16, choices=ETHNIC_GROUPS, default=MAJORITY_ETHNICITY)
    religion = models.CharField(_("tôn giáo"), max_length=16, choices=Religion.choices, default=Religion.NONE)
    hometown = models.CharField(_("quê quán"), max_length=255, blank=True)
    residence = models.CharField(_("nơi cư trú"), max_length=255, blank=True)
    residence_locality = models.ForeignKey(
        "organizations.Locality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("thôn, bản cư trú"),
    )
    education = models.CharField(_("giáo dục phổ thông"), max_length=16, choices=Education.choices)
    professional = models.CharField(
        _("chuyên môn, nghiệp vụ"), max_length=16, choices=Professional.choices, default=Professional.NONE
    )
    political_theory = models.CharField(
        _("lý luận chính trị"), max_length=16, choices=PoliticalTheory.choices, default=PoliticalTheory.NONE
    )
    occupation = models.CharField(_("nghề nghiệp"), max_length=32, choices=Occupation.choices, default=Occupation.OTHER)
    youth_union_member = models.BooleanField(_("đoàn viên"), default=False)
    citizen_id = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    verification_notes = models.TextField(_("ghi chú thẩm tra"), blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("tổ chức quản lý"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("người")
        # The duplicate check before a person is created looks people up by folded
        # name and birth date, and by citizen ID, anywhere in the tree.
        indexes = [
            models.Index(fields=["search_name", "birth_date"], name="person_name_birth_date"),
            models.Index(fields=["citizen_id"], name="person_citizen_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen_id="") | Q(citizen_id__regex=r"^[0-9]{12}$"),
                name="person_citizen_id_12_digits",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        self.normalize_names()

    def normalize_names(self) -> None:
        """Store the name parts in their one form (NFC, no zero-width characters)."""
        self.family_name = clean_name(self.family_name)
        self.middle_name = clean_name(self.middle_name)
        self.given_name = clean_name(self.given_name)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.family_name, self.middle_name, self.given_name) if part)

    @property
    def is_ethnic_minority(self) -> bool:
        return self.ethnicity != MAJORITY_ETHNICITY

    @property
    def citizen_id_masked(self) -> str:
        if not self.citizen_id:
            return ""
        return "•" * (len(self.citizen_id) - 3) + self.citizen_id[-3:]


# The personal-history fields the statistics count, kept over time in ``Profile``.
PROFILE_FIELDS = ("education", "professional", "political_theory", "religion", "occupation", "youth_union_member")


class ProfileQuerySet(DatedQuerySet):
    def open(self) -> ProfileQuerySet:
        return self.filter(valid_to__isnull=True)


class Profile(Dated):
    """What a person's education, training, religion, occupation and Youth Union
    membership were over [valid_from, valid_to), so a report on any date counts the
    values held on that date, and a change recorded today does not rewrite it.

    The person's first row starts on the birth date: it is "as recorded", because
    what came earlier is not known. A change closes the open row on its effective
    date and opens a new one; a correction of a mistake rewrites the open row (see
    ``person_update``). The same fields on ``Person`` mirror the open row, for display
    and filters.
    """

    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="profiles")
    education = models.CharField(_("giáo dục phổ thông"), max_length=16, choices=Education.choices)
    professional = models.CharField(_("chuyên môn, nghiệp vụ"), max_length=16, choices=Professional.choices)
    political_theory = models.CharField(_("lý luận chính trị"), max_length=16, choices=PoliticalTheory.choices)
    religion = models.CharField(_("tôn giáo"), max_length=16, choices=Religion.choices)
    occupation = models.CharField(_("nghề nghiệp"), max_length=32, choices=Occupation.choices)
    youth_union_member = models.BooleanField(_("đoàn viên"))

    objects = ProfileQuerySet.as_manager()
    scope_path = "person__organization__path"

    class Meta(Dated.Meta):
        verbose_name = _("lý lịch theo thời gian")
        verbose_name_plural = _("lý lịch theo thời gian")
        indexes = [models.Index(fields=["person", "valid_from"])]
        constraints = [
            *Dated.Meta.constraints,
            models.UniqueConstraint(fields=["person"], condition=Q(valid_to__isnull=True), name="one_open_profile"),
        ]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "…"
        return f"{self.valid_from:%d/%m/%Y}–{end}"

    @classmethod
    def first_for(cls, person: Person) -> Profile:
        """The person's first row, from the birth date, with the values on ``person``."""
        return cls(person=person, valid_from=person.birth_date, **{f: getattr(person, f) for f in PROFILE_FIELDS})


class MembershipEvent(models.Model):
    """A dated fact in a person's membership: the ledger status is derived from.

    Events are never edited or deleted. A mistake is corrected by a new event that
    ``supersedes`` it (a ``void`` event when the mistaken one simply should not count).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=24, choices=EVENT_CHOICES)
    date = models.DateField(_("ngày"))
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tổ chức"),
    )
    other_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tổ chức chuyển đến, nơi sinh hoạt tạm thời"),
    )
    arrives_as = models.CharField(max_length=16, blank=True, choices=STATUS_CHOICES)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    document_number = models.CharField(_("số văn bản"), max_length=64, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    # An event belongs to its person; its own organization may be the far side of a transfer.
    scope_path = "person__organization__path"

    class Meta:
        verbose_name = _("sự kiện đảng tịch")
        verbose_name_plural = _("sự kiện đảng tịch")
        indexes = [models.Index(fields=["person", "date"]), models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def as_event(self) -> status.Event:
        return status.Event(
            id=self.pk,
            kind=status.EventKind(self.kind),
            date=self.date,
            organization_id=self.organization_id,
            other_organization_id=self.other_organization_id,
            effective_date=self.effective_date,
            arrives_as=status.Status(self.arrives_as) if self.arrives_as else None,
            supersedes_id=self.supersedes_id,
        )


class StatusPeriodQuerySet(models.QuerySet):
    def as_of(self, date: dt.date) -> StatusPeriodQuerySet:
        return self.filter(Q(start__lte=date) & (Q(end__isnull=True) | Q(end__gt=date)))

    def members(self) -> StatusPeriodQuerySet:
        return self.filter(status__in=[s.value for s in status.MEMBER_STATUSES])


class StatusPeriod(models.Model):
    """Projection of the events: status and home organization over [start, end).

    Rebuilt from the events in the same transaction as any event change; never
    written by hand. Reports read this table.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="periods")
    status = models.CharField(max_length=16, choices=STATUS_CHOICES)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, related_name="member_periods"
    )
    host_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, null=True, related_name="hosted_periods"
    )
    start = models.DateField()
    end = models.DateField(null=True)

    objects = StatusPeriodQuerySet.as_manager()
    # Scoped by the organization the person belonged to during the period, so a list
    # on a past date shows the members of the subtree then, wherever they are now.
    scope_path = "organization__path"

    class Meta:
        indexes = [
            models.Index(fields=["organization", "start", "end"]),
            models.Index(fields=["start", "end", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="period_order")
        ]

    def __str__(self) -> str:
        end = f"{self.end:%d/%m/%Y}" if self.end else "…"
        return f"{self.get_status_display()} {self.start:%d/%m/%Y}–{end}"


class PositionKind(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING_MEMBER = "standing_member", _("Ủy viên Ban Thường vụ")
    COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên")


class Position(Dated):
    """A dated office in an organization (secretary, deputy, committee member)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="positions")
    kind = models.CharField(_("chức vụ"), max_length=24, choices=PositionKind.choices)

    objects = DatedQuerySet.as_manager()

    class Meta(Dated.Meta):
        verbose_name = _("chức vụ đảng")
        verbose_name_plural = _("chức vụ đảng")


class SupportKind(models.TextChoices):
    BORDER_GUARD = "border_guard", _("Bộ đội biên phòng")
    POLICE = "police", _("Công an")
    MILITARY = "military", _("Quân sự")
    TEACHER = "teacher", _("Giáo viên")
    STEERING = "steering", _("Ban chỉ đạo phân công")
    OTHER = "other", _("Khác")


class SupportAssignment(Dated):
    """A member taking part in another cell's work, e.g. a border guard in a village cell.

    The member stays counted at home; the host cell lists the supporter separately.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="support_assignments")
    cell = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="supporters")
    kind = models.CharField(_("lực lượng"), max_length=16, choices=SupportKind.choices)
    households = models.PositiveIntegerField(_("số hộ phụ trách"), default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()
    # Visible to the host cell, which lists its supporters.
    scope_path = "cell__path"

    class Meta(Dated.Meta):
        verbose_name = _("đảng viên tham gia sinh hoạt, giúp đỡ")
        verbose_name_plural = _("đảng viên tham gia sinh hoạt, giúp đỡ")
