"""What a program (``organizations.Program``) sets out to do and who carries it out:
its targets, each measured from the data, and the members assigned to households.

Members taking part in the program's cells (steering committee, border posts, police,
military, schools) are ``people.SupportAssignment`` rows on those cells; they are not
kept twice here.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketnap.core.models import Dated, DatedQuerySet
from ketnap.organizations.models import Organization, Program
from ketnap.people.models import Person


class TargetKind(models.TextChoices):
    CELLS_GOOD = "cells_good", _("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên (%)")
    ADMISSIONS = "admissions", _("Số đảng viên được kết nạp")
    ADMISSIONS_WOMEN = "admissions_women", _("Số đảng viên nữ được kết nạp")
    CELLS_WITH_COMMITTEE = "cells_committee", _("Số chi bộ có chi ủy")
    CANDIDATES_TRAINED = "candidates_trained", _("Số quần chúng được bồi dưỡng nhận thức về Đảng")
    COVERAGE_EARLIER = "coverage_earlier", _("Tỷ lệ đảng viên kết nạp các năm trước được bồi dưỡng đảng viên mới (%)")
    COVERAGE_YEAR = "coverage_year", _("Tỷ lệ đảng viên kết nạp trong năm được bồi dưỡng đảng viên mới (%)")
    OTHER = "other", _("Chỉ tiêu khác")


PERCENT_KINDS = frozenset({TargetKind.CELLS_GOOD, TargetKind.COVERAGE_EARLIER, TargetKind.COVERAGE_YEAR})


class ProgramTarget(models.Model):
    """One target of a program for one year: a value to reach, or a range (10–15)."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="targets", verbose_name=_("chương trình")
    )
    kind = models.CharField(_("loại chỉ tiêu"), max_length=24, choices=TargetKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    minimum = models.PositiveIntegerField(_("tối thiểu"))
    maximum = models.PositiveIntegerField(_("tối đa"), null=True, blank=True)
    description = models.CharField(_("nội dung"), max_length=255, blank=True)

    scope_path = "program__owner__path"

    class Meta:
        verbose_name = _("chỉ tiêu của chương trình")
        verbose_name_plural = _("chỉ tiêu của chương trình")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=models.F("minimum")), name="program_target_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class HouseholdAssignment(Dated):
    """A member assigned by a program to follow a number of households of a village
    cell's area (Lai Châu: border-post members, 315 of them for 1,781 households)."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="household_assignments", verbose_name=_("chương trình")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="household_assignments", verbose_name=_("đảng viên")
    )
    cell = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="household_assignments", verbose_name=_("chi bộ")
    )
    households = models.PositiveIntegerField(_("số hộ phụ trách"))

    objects = DatedQuerySet.as_manager()
    scope_path = "cell__path"

    class Meta(Dated.Meta):
        verbose_name = _("đảng viên phụ trách hộ gia đình")
        verbose_name_plural = _("đảng viên phụ trách hộ gia đình")
        constraints = [
            *Dated.Meta.constraints,
            models.CheckConstraint(condition=Q(households__gte=1), name="household_assignment_households"),
        ]
