"""Forms of the plan pages: the year and date of the plan page, and the allocation of
a year's plan among an organization's children (one form for all of them, a formset)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.plans.models import SUB_TARGETS
from ketnap.plans.selectors import FIRST_YEAR, LAST_YEAR
from ketnap.web.forms import AsOfForm, DayField

MAX_TARGET = 1_000_000


def year_field(required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm kế hoạch"), required=required, min_value=FIRST_YEAR, max_value=LAST_YEAR)


class PlanQueryForm(AsOfForm):
    """``?nam=2023&ngay=31/07/2023``: the plan year (that of the date by default) and the date."""

    nam = year_field()

    @property
    def year(self) -> int:
        value: int | None = self.cleaned_data.get("nam") if self.is_valid() else None
        return value or self.as_of.year

    @property
    def year_error(self) -> str:
        self.is_valid()
        return " ".join(str(message) for message in self.errors.get("nam", []))


def _target_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=MAX_TARGET)


class ShareForm(forms.Form):
    """One child's row: its code (hidden) and its targets for the year."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=64)
    total = _target_field(_("Chỉ tiêu"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in SUB_TARGETS:
            self.fields[key] = _target_field(label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total = data.get("total")
        for key, _label in SUB_TARGETS:
            value = data.get(key)
            if value is not None and (total is None or value > total):
                self.add_error(key, _("Chỉ tiêu thành phần không được lớn hơn tổng chỉ tiêu."))
        return data


ShareFormSet = forms.formset_factory(ShareForm, extra=0, max_num=500, absolute_max=500, validate_max=True)


class AllocationForm(forms.Form):
    """The date and document of an allocation."""

    nam = year_field(required=True)
    ngay_giao = DayField(label=_("Ngày giao chỉ tiêu"), required=True)
    so_van_ban = forms.CharField(label=_("Số văn bản (nếu có)"), required=False, max_length=64)
    trich_yeu = forms.CharField(label=_("Trích yếu văn bản"), required=False, max_length=255)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("so_van_ban") and not data.get("trich_yeu"):
            self.add_error("trich_yeu", _("Nhập trích yếu của văn bản."))
        return data


def allocation_initial(year: int) -> dict[str, Any]:
    today: dt.date = timezone.localdate()
    return {"nam": year, "ngay_giao": today}
