"""Forms of cell life: a meeting (its attendance lines are read beside it, one per member),
a resolution, a member away, the pilot, a review's outcome, and the period and month
filters of the lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.cells.models import Absence, MeetingKind, ResolutionKind
from ketnap.core.errors import DomainError
from ketnap.lib.dates import DateInputError, DateStyle, parse_date
from ketnap.rules.cell_life import ExemptionReason, month_start
from ketnap.web.forms import DayField

EXEMPTION_REASONS = [
    (ExemptionReason.OLD_OR_WEAK, _("Tuổi cao, sức yếu")),
    (ExemptionReason.LONG_TREATMENT, _("Điều trị bệnh dài ngày")),
    (ExemptionReason.ABROAD_PRIVATE, _("Ra nước ngoài giải quyết việc riêng")),
    (ExemptionReason.REMOTE_WORK, _("Làm việc một mình nơi chưa có tổ chức đảng")),
    (ExemptionReason.MOBILE_WORK, _("Làm việc lưu động dưới 1 năm")),
    (ExemptionReason.MATERNITY, _("Nghỉ thai sản")),
]


class BadFilter(DomainError):
    """A period or month on a list page that cannot be read (400)."""

    code = "invalid_filter"


class MeetingForm(forms.Form):
    date = DayField(label=_("Ngày họp"))
    kind = forms.ChoiceField(label=_("Hình thức"), choices=MeetingKind.choices, initial=MeetingKind.REGULAR)
    topic = forms.CharField(label=_("Nội dung, chủ đề"), max_length=255)
    party_group = forms.CharField(label=_("Tổ đảng (sinh hoạt theo tổ)"), max_length=128, required=False)
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResolutionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại nghị quyết"), choices=ResolutionKind.choices)
    person = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int, required=False, empty_value=None)
    document_number = forms.CharField(label=_("Số nghị quyết"), max_length=64, required=False)
    text = forms.CharField(label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    valid_until = DayField(label=_("Đến ngày"), required=False)
    reason = forms.ChoiceField(label=_("Lý do miễn sinh hoạt"), choices=[("", "—"), *EXEMPTION_REASONS], required=False)
    application = forms.BooleanField(label=_("Có đơn của đảng viên"), required=False)
    medical_certificate = forms.BooleanField(label=_("Có giấy xác nhận của cơ sở y tế"), required=False)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—"), *members]  # type: ignore[attr-defined]


class AwayForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int)
    valid_from = DayField(label=_("Đi từ ngày"))
    valid_to = DayField(label=_("Về ngày"), required=False)
    place = forms.CharField(label=_("Nơi đến"), max_length=255)
    excused = forms.BooleanField(label=_("Có lý do chính đáng (đã báo cáo chi bộ)"), required=False, initial=True)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = members  # type: ignore[attr-defined]


class PilotForm(forms.Form):
    valid_from = DayField(label=_("Áp dụng từ ngày"))
    valid_to = DayField(label=_("Đến ngày (không kể)"), required=False)
    document_number = forms.CharField(label=_("Số văn bản"), max_length=64, required=False)


class ReviewCloseForm(forms.Form):
    closed_on = DayField(label=_("Ngày chi bộ xem xét"))
    outcome = forms.CharField(label=_("Kết quả"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


def attendance_choices() -> list[tuple[str, Any]]:
    return [(value or "present", label) for value, label in Absence.choices]


def read_absence(value: str | None) -> str:
    """The attendance select's value as stored: "present" is the empty code."""
    return "" if value in (None, "", "present") else str(value)


def _day(value: str, label: Any) -> dt.date:
    try:
        return parse_date(value, DateStyle.PAGE)
    except DateInputError as error:
        raise BadFilter(f"{label}: {error.message}", field=str(label)) from error


def period(params: Any) -> tuple[dt.date, dt.date]:
    """``?tu=&den=`` (dd/mm/yyyy or YYYY-MM-DD); by default the year to today."""
    today = timezone.localdate()
    first = _day(params["tu"], _("Từ ngày")) if params.get("tu") else today.replace(month=1, day=1)
    last = _day(params["den"], _("Đến ngày")) if params.get("den") else today
    if last < first:
        raise BadFilter(_("Đến ngày phải sau từ ngày."), field="den")
    if (last - first).days > 3700:
        raise BadFilter(_("Khoảng thời gian tối đa 10 năm."), field="den")
    return first, last


def month_param(params: Any) -> dt.date:
    """``?thang=`` as YYYY-MM or MM/YYYY; this month by default."""
    value = str(params.get("thang") or "").strip()
    if not value:
        return month_start(timezone.localdate())
    parts = value.split("/") if "/" in value else list(reversed(value.split("-")))
    try:
        month, year = int(parts[0]), int(parts[1])
        if len(parts) != 2 or not 1930 <= year <= 2100:
            raise ValueError(value)
        return dt.date(year, month, 1)
    except (ValueError, IndexError) as error:
        raise BadFilter(_("Tháng: nhập theo dạng mm/yyyy."), field="thang") from error
