"""The form recording a cell's secretary: a member of the cell and the first day."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ketnap.organizations.forms import PersonChoiceField, date_field
from ketnap.people.models import Person


class SecretaryForm(forms.Form):
    person = PersonChoiceField(label=_("Bí thư chi bộ"), queryset=Person.objects.none())
    valid_from = date_field(_("Giữ chức từ ngày"))

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
