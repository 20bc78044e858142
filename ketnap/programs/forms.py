"""Forms of the program pages: a target, a member taking part in a cell, a member
assigned to households."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketnap.core.limits import text_field
from ketnap.people.models import SupportKind
from ketnap.programs.models import ProgramTarget, TargetKind
from ketnap.web.forms import DayField

MAX_COUNT = 10_000_000


class TargetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=TargetKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2100)
    minimum = forms.IntegerField(label=_("Mức tối thiểu"), min_value=0, max_value=MAX_COUNT)
    maximum = forms.IntegerField(label=_("Mức tối đa"), min_value=0, max_value=MAX_COUNT, required=False)
    description = text_field(ProgramTarget, "description", label=_("Nội dung"), required=False)


class _Assignment(forms.Form):
    person = forms.IntegerField(
        label=_("Số hồ sơ của đảng viên"),
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Số ở cuối địa chỉ trang của người đó."),
    )

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"] = forms.ModelChoiceField(label=_("Chi bộ"), queryset=cells)
        self.order_fields(["person", "cell"])


class SupportForm(_Assignment):
    kind = forms.ChoiceField(label=_("Lực lượng"), choices=SupportKind.choices)
    valid_from = DayField(label=_("Từ ngày"))


class HouseholdForm(_Assignment):
    households = forms.IntegerField(label=_("Số hộ phụ trách"), min_value=1, max_value=MAX_COUNT)
    valid_from = DayField(label=_("Từ ngày"))
