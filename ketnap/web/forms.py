"""Query-string forms of the pages: the "as of" date and the people filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import NotFound
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.choices import STATUS_CHOICES, Gender

ISO_DATE = "%Y-%m-%d"


def _date_field() -> forms.DateField:
    # <input type="date"> submits ISO dates whatever the language; dd/mm/yyyy is
    # accepted too for browsers that fall back to a text box.
    return forms.DateField(
        label=_("Tính đến ngày"),
        required=False,
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )


def _with_date_alias(data: QueryDict) -> QueryDict:
    """Accept ``?as_of=`` as well as ``?ngay=``."""
    if not data.get("ngay") and data.get("as_of"):
        data = data.copy()
        data["ngay"] = data["as_of"]
    return data


class AsOfForm(forms.Form):
    ngay = _date_field()

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(_with_date_alias(data), **kwargs)

    @property
    def as_of(self) -> dt.date:
        """The chosen date; today when missing or invalid (the form then shows the error)."""
        self.is_valid()
        return self.cleaned_data.get("ngay") or timezone.localdate()


class PeopleFilterForm(AsOfForm):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    trang_thai = forms.ChoiceField(
        label=_("Tình trạng vào ngày"), required=False, choices=[("", _("Tất cả")), *STATUS_CHOICES]
    )
    gioi_tinh = forms.ChoiceField(label=_("Giới tính"), required=False, choices=[("", _("Tất cả")), *Gender.choices])
    to_chuc = forms.CharField(label=_("Mã tổ chức (cả cấp dưới)"), required=False, max_length=64)

    def __init__(self, data: QueryDict, *, user: Any, organization: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.user = user
        self.fixed_organization = organization
        if organization is not None:
            del self.fields["to_chuc"]

    def clean_to_chuc(self) -> Organization | None:
        code = self.cleaned_data["to_chuc"].strip()
        if not code:
            return None
        try:
            return organization_get(self.user, code)
        except NotFound as error:
            raise forms.ValidationError(_("Không tìm thấy tổ chức có mã này.")) from error

    @property
    def organization(self) -> Organization | None:
        """The subtree to list: fixed by the URL, or chosen by code."""
        if self.fixed_organization is not None:
            return self.fixed_organization
        self.is_valid()
        return self.cleaned_data.get("to_chuc")

    def value(self, name: str) -> str:
        """A cleaned filter value; empty when missing or invalid (the form shows the error)."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""
