"""Forms of the training pages: the class list filters, a new class, enrolment,
attendance, completion and the certificate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import NotFound
from ketnap.core.limits import text_field
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.training.models import MAX_SESSIONS, ClassKind, TrainingClass
from ketnap.web.forms import DayField

YEARS = (1930, 2100)


def _organization(user: Any, code: str) -> Organization | None:
    code = code.strip()
    if not code:
        return None
    try:
        return organization_get(user, code)
    except NotFound as error:
        raise forms.ValidationError(_("Không tìm thấy tổ chức có mã này.")) from error


class ClassFilterForm(forms.Form):
    to_chuc = text_field(Organization, "code", label=_("Mã tổ chức (cả cấp dưới)"), required=False)
    loai = forms.ChoiceField(label=_("Loại lớp"), required=False, choices=[("", _("Tất cả")), *ClassKind.choices])
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=YEARS[0], max_value=YEARS[1])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_to_chuc(self) -> Organization | None:
        return _organization(self.user, self.cleaned_data["to_chuc"])


class ClassForm(forms.Form):
    organizer = text_field(Organization, "code", label=_("Mã đơn vị tổ chức lớp"))
    kind = forms.ChoiceField(label=_("Loại lớp"), choices=ClassKind.choices)
    name = text_field(TrainingClass, "name", label=_("Tên lớp"))
    start = DayField(label=_("Khai giảng"))
    end = DayField(label=_("Bế giảng"))
    sessions = forms.IntegerField(label=_("Số buổi học"), min_value=1, max_value=MAX_SESSIONS, initial=1)
    place = text_field(TrainingClass, "place", label=_("Địa điểm"), required=False)
    note = text_field(TrainingClass, "note", label=_("Ghi chú"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_organizer(self) -> Organization | None:
        return _organization(self.user, self.cleaned_data["organizer"])


class EnrolForm(forms.Form):
    person = forms.IntegerField(
        label=_("Số hồ sơ của người học"),
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Số ở cuối địa chỉ trang của người đó."),
    )


class AttendanceForm(forms.Form):
    session = forms.IntegerField(label=_("Buổi"), min_value=1, max_value=MAX_SESSIONS)
    present = forms.BooleanField(label=_("Có mặt"), required=False)
    reason = forms.CharField(label=_("Lý do vắng"), max_length=255, required=False)


class OverallAttendanceForm(forms.Form):
    attended_sessions = forms.IntegerField(label=_("Số buổi có mặt"), min_value=0, max_value=MAX_SESSIONS)


class CompletionForm(forms.Form):
    completed_on = DayField(label=_("Ngày hoàn thành"))


class CertificateForm(forms.Form):
    number = forms.CharField(label=_("Số giấy chứng nhận"), max_length=64)
    issued_on = DayField(label=_("Ngày cấp"))
