"""The batch form: one line per child organization or member, with its level, its
points (QĐ 366) and whether the conditions of "excellent" are met."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketnap.ratings.models import Rating, RatingLevel
from ketnap.ratings.services import RatingEntry
from ketnap.web.forms import DayField

SUBJECTS = (("organizations", _("Tổ chức trực thuộc")), ("members", _("Đảng viên")))


class RatingFilterForm(forms.Form):
    nam = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2100)
    doi_tuong = forms.ChoiceField(label=_("Xếp loại"), choices=SUBJECTS, required=False)

    def clean_doi_tuong(self) -> str:
        return self.cleaned_data.get("doi_tuong") or "organizations"


class RatingBatchForm(forms.Form):
    rated_on = DayField(label=_("Ngày xếp loại"), required=False)

    def __init__(self, data: Any, *, subjects: dict[str, Any], existing: dict[str, Rating], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.keys = list(subjects)
        self.lines: list[tuple[Any, str]] = []
        for key, subject in subjects.items():
            rating = existing.get(key)
            self.fields[f"level_{key}"] = forms.ChoiceField(
                label=str(subject),
                required=False,
                choices=[("", "—"), *RatingLevel.choices],
                initial=rating.level if rating else "",
            )
            self.fields[f"points_{key}"] = forms.DecimalField(
                label=_("Điểm"),
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
                initial=rating.points if rating else None,
            )
            self.fields[f"excellent_{key}"] = forms.BooleanField(
                label=_("Đủ điều kiện xuất sắc"),
                required=False,
                initial=rating.excellent_conditions_met if rating else False,
            )
            self.lines.append((subject, key))

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(s, self[f"level_{k}"], self[f"points_{k}"], self[f"excellent_{k}"]) for s, k in self.lines]

    def entries(self) -> list[RatingEntry]:
        data = self.cleaned_data
        return [
            RatingEntry(
                key=key,
                level=data[f"level_{key}"],
                points=data.get(f"points_{key}"),
                excellent_conditions_met=bool(data.get(f"excellent_{key}")),
            )
            for key in self.keys
            if data.get(f"level_{key}")
        ]

    def rated_on_value(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("rated_on")
        return value
