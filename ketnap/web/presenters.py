"""Labels for the statistics row: the page shows the same numbers the exports do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ketnap.organizations.models import OrgKind
from ketnap.people.choices import Education, PoliticalTheory, Professional
from ketnap.people.disclosure import MASKED, SENSITIVE_FIELDS, UNMASKED
from ketnap.people.models import Person
from ketnap.reports.selectors import Statistics

AGE_BAND_LABELS: dict[str, Promise] = {
    "18_30": _("Từ 18 đến 30 tuổi"),
    "31_35": _("Từ 31 đến 35 tuổi"),
    "36_40": _("Từ 36 đến 40 tuổi"),
    "41_45": _("Từ 41 đến 45 tuổi"),
    "46_50": _("Từ 46 đến 50 tuổi"),
    "51_55": _("Từ 51 đến 55 tuổi"),
    "56_60": _("Từ 56 đến 60 tuổi"),
    "over_60": _("Trên 60 tuổi"),
}


@dataclass(frozen=True)
class Figure:
    label: object
    value: int | None  # None: withheld from this user, shown as a dash
    share: float | None = None  # percent of all members, when meaningful


@dataclass(frozen=True)
class Section:
    title: object
    figures: list[Figure]


def _share(value: int | None, total: int) -> float | None:
    return 100 * value / total if total and value is not None else None


def _breakdown(title: object, counts: dict[str, int], labels: dict[str, object], total: int) -> Section:
    return Section(title, [Figure(labels.get(key, key), value, _share(value, total)) for key, value in counts.items()])


def key_figures(stats: Statistics) -> list[Figure]:
    total = stats.members
    return [
        Figure(_("Đảng viên"), total),
        Figure(_("Đảng viên chính thức"), stats.official, _share(stats.official, total)),
        Figure(_("Đảng viên dự bị"), stats.probationary, _share(stats.probationary, total)),
        Figure(_("Miễn công tác và sinh hoạt"), stats.exempted, _share(stats.exempted, total)),
        Figure(_("Nữ"), stats.women, _share(stats.women, total)),
        Figure(_("Dân tộc thiểu số"), stats.ethnic_minority, _share(stats.ethnic_minority, total)),
        Figure(_("Có tôn giáo"), stats.religious, _share(stats.religious, total)),
        Figure(_("Đoàn viên"), stats.youth_union, _share(stats.youth_union, total)),
        Figure(_("Tổ chức cơ sở đảng"), stats.grassroots_organizations),
    ]


def breakdowns(stats: Statistics) -> list[Section]:
    total = stats.members
    sections = [
        Section(
            _("Tổ chức đảng trực thuộc theo loại"),
            # Only kinds that can occur below this organization: a commune's own kind
            # or a province's level would always show 0.
            [
                Figure(kind.label, stats.organizations_by_kind[kind.value])
                for kind in OrgKind.below(stats.organization_kind)
            ],
        ),
        _breakdown(_("Độ tuổi"), stats.age_bands, dict(AGE_BAND_LABELS), total),
        _breakdown(_("Giáo dục phổ thông"), stats.education, dict(Education.choices), total),
        _breakdown(_("Chuyên môn, nghiệp vụ"), stats.professional, dict(Professional.choices), total),
        _breakdown(_("Lý luận chính trị"), stats.political_theory, dict(PoliticalTheory.choices), total),
    ]
    return [section for section in sections if section.figures]  # a cell has no organizations below


@dataclass(frozen=True)
class SensitiveRow:
    label: object
    value: str


def sensitive_rows(person: Person, revealed: dict[str, Any] | None) -> list[SensitiveRow]:
    """The sensitive fields as shown: masked (citizen ID keeps its last three digits)
    unless ``revealed`` holds the values ``person_reveal`` returned (the one mask of
    ``ketnap.people.disclosure``)."""
    disclosure = MASKED if revealed is None else UNMASKED
    return [
        SensitiveRow(Person._meta.get_field(name).verbose_name, disclosure.field(person, name))  # type: ignore[union-attr]
        for name in SENSITIVE_FIELDS
    ]
