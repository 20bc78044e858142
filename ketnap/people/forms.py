"""The forms that create and edit a person. They only parse input: every rule (age,
citizen ID, scope, duplicates, dated history) is checked by the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketnap.admission.models import Origin
from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations.models import Locality, Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.disclosure import SENSITIVE_FIELDS
from ketnap.people.models import Person
from ketnap.web.forms import DayField

# Who the person is: only ever corrected, never "changed from a date".
IDENTITY_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "hometown",
    "residence",
    "residence_locality",
    "ethnicity",
    "citizen_id",
    "verification_notes",
)
# The personal history counted by the statistics over time (``Profile``).
HISTORY_FIELDS = ("education", "professional", "political_theory", "occupation", "youth_union_member", "religion")
PERSON_FIELDS = IDENTITY_FIELDS + HISTORY_FIELDS


def date_field(label: Any, *, required: bool = True) -> DayField:
    """A dd/mm/yyyy text box (ISO dates are accepted too) read by the one date parser."""
    return DayField(label=label, required=required)


def _person_fields(names: tuple[str, ...]) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = dict(fields_for_model(Person, fields=list(names)))
    if "birth_date" in fields:
        fields["birth_date"] = date_field(capfirst(Person._meta.get_field("birth_date").verbose_name))
    if "citizen_id" in fields:
        fields["citizen_id"].widget.attrs.update({"inputmode": "numeric", "maxlength": 12, "size": 14})
    if "verification_notes" in fields:
        fields["verification_notes"].widget.attrs.update({"rows": 2})
    return fields


def _name_the_field(field: forms.Field) -> None:
    """Every message names its field ("Ngày sinh: …"), also where errors are listed apart."""
    label = capfirst(str(field.label))
    field.error_messages["required"] = gettext("%(field)s: cần nhập.") % {"field": label}
    if isinstance(field, forms.DateField):
        message = gettext("%(field)s: không phải một ngày có thật; nhập theo dạng dd/mm/yyyy.")
        field.error_messages["invalid"] = message % {"field": label}
    field.error_messages["invalid_choice"] = gettext("%(field)s: hãy chọn một giá trị trong danh sách.") % {
        "field": label
    }


class PersonFieldsForm(forms.Form):
    """The fields of ``Person`` a user may set; the sensitive ones only for a user with
    the sensitive-data permission (``sensitive``), since the page would show them."""

    person_fields: tuple[str, ...] = PERSON_FIELDS

    def __init__(self, *args: Any, user: Any, sensitive: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        names = tuple(n for n in self.person_fields if sensitive or n not in SENSITIVE_FIELDS)
        self.fields.update(_person_fields(names))
        if "residence_locality" in self.fields:
            self.fields["residence_locality"].queryset = policy.scope(  # type: ignore[attr-defined]
                user, Locality.objects.as_of(timezone.localdate()).order_by("name"), Action.VIEW
            )
        for field in self.fields.values():
            _name_the_field(field)

    def person_data(self) -> dict[str, Any]:
        """The cleaned values of the person's own fields, as the services take them."""
        return {name: self.cleaned_data[name] for name in self.person_fields if name in self.fields}

    def section(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    @property
    def identity(self) -> list[forms.BoundField]:
        return self.section(IDENTITY_FIELDS)

    @property
    def history(self) -> list[forms.BoundField]:
        return self.section(HISTORY_FIELDS)


class PersonCreateForm(PersonFieldsForm):
    """A new person in an organization the user chooses by code (pre-filled from the
    page the user came from)."""

    organization = forms.CharField(label=_("Mã tổ chức quản lý"), max_length=64)

    def clean_organization(self) -> Organization:
        code = self.cleaned_data["organization"].strip()
        try:
            org = organization_get(self.user, code)
        except NotFound as error:
            raise forms.ValidationError(_("Mã tổ chức quản lý: không tìm thấy tổ chức có mã này.")) from error
        if not policy.can(self.user, Action.EDIT, org):
            raise forms.ValidationError(_("Mã tổ chức quản lý: bạn không được ghi hồ sơ của tổ chức này."))
        return org


class ProspectNewForm(PersonFieldsForm):
    """A new person put straight into a cell's source: the person, then the source entry."""

    origin = forms.ChoiceField(label=_("Nguồn"), choices=Origin.choices)
    noted_on = date_field(_("Ngày đưa vào nguồn"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def source(self) -> list[forms.BoundField]:
        return [self["origin"], self["noted_on"], self["note"]]

    def prospect_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("origin", "noted_on", "note")}


class PersonEditForm(PersonFieldsForm):
    """One form with two clearly separated sections: corrections of identity data (no
    history) and changes of the personal history from a date (``effective_on``), or
    corrections of it when ``history_correction`` is ticked."""

    effective_on = date_field(_("Thay đổi từ ngày"), required=False)
    history_correction = forms.BooleanField(
        label=_("Giá trị cũ bị nhập sai từ đầu: sửa lỗi, không ghi lịch sử"), required=False
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person = self.person
        changed = [n for n in HISTORY_FIELDS if n in self.fields and n in data and data[n] != getattr(person, n)]
        if changed and not data.get("effective_on") and not data.get("history_correction"):
            self.add_error(
                "effective_on",
                _("Thay đổi từ ngày: cần nhập ngày bắt đầu của thay đổi lý lịch, hoặc chọn sửa lỗi nhập liệu."),
            )
        return data

    def effective_date(self) -> dt.date | None:
        """The date of the history change; None for a correction."""
        if self.cleaned_data.get("history_correction"):
            return None
        value: dt.date | None = self.cleaned_data.get("effective_on")
        return value

    @staticmethod
    def initial_for(person: Person, revealed: dict[str, Any]) -> dict[str, Any]:
        """The current values; the sensitive ones only as ``revealed`` (audited)."""
        initial = {name: getattr(person, name) for name in PERSON_FIELDS if name not in SENSITIVE_FIELDS}
        return initial | {"residence_locality": person.residence_locality_id} | revealed
