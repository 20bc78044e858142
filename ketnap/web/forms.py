"""Query-string forms of the pages: the "as of" date and the people filters."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import NotFound
from ketnap.lib.dates import dmy
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.choices import STATUS_CHOICES, Gender

ISO_DATE = "%Y-%m-%d"
DISPLAY_DATE = "%d/%m/%Y"
# The Communist Party of Viet Nam was founded on 3 February 1930: nothing to report before.
FIRST_DATE = dt.date(1930, 1, 1)


def _date_field() -> forms.DateField:
    # A text box in dd/mm/yyyy rather than <input type="date">, whose display follows
    # the browser's locale (often mm/dd/yyyy); ISO dates from links are accepted too.
    return forms.DateField(
        label=_("Tính đến ngày"),
        required=False,
        input_formats=[DISPLAY_DATE, ISO_DATE],
        error_messages={
            "invalid": _("Tính đến ngày: không phải một ngày có thật. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2021.")
        },
        widget=forms.DateInput(
            format=DISPLAY_DATE,
            attrs={"placeholder": "dd/mm/yyyy", "size": 10, "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"},
        ),
    )


def _with_date(data: QueryDict, *, default_today: bool = True) -> QueryDict:
    """Accept ``?as_of=`` as well as ``?ngay=`` and show the date as dd/mm/yyyy (today
    when none is given, if ``default_today``), whichever format the link used."""
    data = data.copy()
    value = data.get("ngay") or data.get("as_of") or ""
    if not value and default_today:
        value = timezone.localdate().strftime(DISPLAY_DATE)
    with contextlib.suppress(ValueError):  # already dd/mm/yyyy, or invalid: the field reports it
        value = dmy(dt.datetime.strptime(value, ISO_DATE).date())
    data["ngay"] = value
    return data


class AsOfForm(forms.Form):
    ngay = _date_field()
    # The pages that always show a date fill in today; the people list leaves the box
    # empty, because asking for a date changes who is listed (see people_list).
    default_today = True

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(_with_date(data, default_today=self.default_today), **kwargs)

    def clean_ngay(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("ngay")
        if value is not None and value < FIRST_DATE:
            raise forms.ValidationError(_("Tính đến ngày: không được trước năm 1930, năm thành lập Đảng."))
        return value

    @property
    def as_of(self) -> dt.date:
        """The chosen date; today when none is given. Views check ``date_error`` first:
        an invalid date is refused, never replaced by another."""
        self.is_valid()
        return self.cleaned_data.get("ngay") or timezone.localdate()

    @property
    def date_error(self) -> str:
        """The message for an invalid date (naming the field), or "" when it is valid."""
        self.is_valid()
        return " ".join(str(message) for message in self.errors.get("ngay", []))


class PeopleFilterForm(AsOfForm):
    default_today = False

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

    @property
    def asked_date(self) -> dt.date | None:
        """The date typed or linked; None when none was (not the same as today's date)."""
        self.is_valid()
        return self.cleaned_data.get("ngay")

    def value(self, name: str) -> str:
        """A cleaned filter value; empty when missing or invalid (the form shows the error)."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""
