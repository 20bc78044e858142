"""The period of a report page (dd/mm/yyyy, ISO from links), the draft to check and
the report to send upward."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import ValidationFailed
from ketnap.lib.dates import dmy
from ketnap.reports.consistency import DRAFT_MAX_LENGTH
from ketnap.reports.models import ReportKind
from ketnap.web.forms import FIRST_DATE, DayField


def _defaults(data: QueryDict) -> QueryDict:
    """This year to today when no period is given; ISO dates from links shown dd/mm/yyyy."""
    data = data.copy()
    today = timezone.localdate()
    data.setdefault("tu", data.get("first") or dmy(today.replace(month=1, day=1)))
    data.setdefault("den", data.get("last") or dmy(today))
    return data


class PeriodForm(forms.Form):
    tu = DayField(label=_("Từ ngày"), named=True)
    den = DayField(label=_("Đến ngày"), named=True)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(_defaults(data), **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("tu"), cleaned.get("den")
        if first and first < FIRST_DATE:
            self.add_error("tu", _("Từ ngày: không được trước năm 1930, năm thành lập Đảng."))
        if first and last and first > last:
            self.add_error("tu", _("Từ ngày phải trước hoặc bằng đến ngày."))
        return cleaned

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period; an invalid one is refused with the message naming the field."""
        if not self.is_valid():
            errors = {name: [str(m) for m in messages] for name, messages in self.errors.items()}
            raise ValidationFailed(errors, message=" ".join(m for ms in errors.values() for m in ms))
        return self.cleaned_data["tu"], self.cleaned_data["den"]


class DraftForm(forms.Form):
    van_ban = forms.CharField(
        label=_("Dự thảo báo cáo (đoạn văn hoặc bảng)"),
        max_length=DRAFT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
    )


class SendForm(forms.Form):
    bao_cao = forms.ChoiceField(label=_("Báo cáo"), choices=ReportKind.choices)
    ghi_chu = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
