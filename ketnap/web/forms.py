"""Query-string forms of the pages: the "as of" date and the people filters."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import DomainError, NotFound
from ketnap.core.limits import SEARCH_MAX_LENGTH, text_field
from ketnap.lib.dates import DateInputError, DateStyle, dmy, parse_date
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.choices import STATUS_CHOICES, Gender

DISPLAY_DATE = "%d/%m/%Y"
# The Communist Party of Viet Nam was founded on 3 February 1930: nothing to report before.
FIRST_DATE = dt.date(1930, 1, 1)


class DayField(forms.Field):
    """A date typed as dd/mm/yyyy (or YYYY-MM-DD from a link), read by the one date
    parser: 31/02/2023 is refused as a day that does not exist, never read as another."""

    widget = forms.DateInput(
        format=DISPLAY_DATE,
        attrs={"placeholder": "dd/mm/yyyy", "size": 10, "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"},
    )

    def __init__(self, *, named: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.named = named

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        if value in self.empty_values:
            return None
        try:
            return parse_date(value, DateStyle.PAGE)
        except DateInputError as error:
            # Named when the message may be shown away from the box (an htmx swap, a 400).
            message = f"{self.label}: {error.message}" if self.named else error.message
            raise forms.ValidationError(message, code=error.reason) from error


def _date_field() -> DayField:
    # A text box in dd/mm/yyyy rather than <input type="date">, whose display follows
    # the browser's locale (often mm/dd/yyyy); ISO dates from links are accepted too.
    return DayField(label=_("Tính đến ngày"), required=False, named=True)


def _with_date(data: QueryDict, *, default_today: bool = True) -> QueryDict:
    """Accept ``?as_of=`` as well as ``?ngay=`` and show the date as dd/mm/yyyy (today
    when none is given, if ``default_today``), whichever format the link used."""
    data = data.copy()
    value = data.get("ngay") or data.get("as_of") or ""
    if not value and default_today:
        value = dmy(timezone.localdate())
    with contextlib.suppress(DateInputError):  # invalid: the field reports it as typed
        value = dmy(parse_date(value, DateStyle.PAGE))
    data["ngay"] = value
    return data


class InvalidDate(DomainError):
    """A date on a page that cannot be read: the page is refused (400), never shown
    for another date."""

    code = "invalid_date"


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
        """The chosen date; today when none is given. An invalid date raises
        ``InvalidDate`` (a 400 page): it is refused, never replaced by another. Views
        that show the form again with its error check ``date_error`` first."""
        if self.date_error:
            raise InvalidDate(self.date_error, field="ngay")
        return self.cleaned_data.get("ngay") or timezone.localdate()

    @property
    def date_error(self) -> str:
        """The message for an invalid date (naming the field), or "" when it is valid."""
        self.is_valid()
        return " ".join(str(message) for message in self.errors.get("ngay", []))


class PeopleFilterForm(AsOfForm):
    default_today = False

    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=SEARCH_MAX_LENGTH)
    trang_thai = forms.ChoiceField(
        label=_("Tình trạng vào ngày"), required=False, choices=[("", _("Tất cả")), *STATUS_CHOICES]
    )
    gioi_tinh = forms.ChoiceField(label=_("Giới tính"), required=False, choices=[("", _("Tất cả")), *Gender.choices])
    to_chuc = text_field(Organization, "code", label=_("Mã tổ chức (cả cấp dưới)"), required=False)

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
