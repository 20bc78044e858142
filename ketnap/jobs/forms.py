"""The form that starts a job about an organization: the kind (those the user may
start there) and the parameters that kind asks for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ketnap.core import policy
from ketnap.jobs.kinds import JobKind, Params, kinds
from ketnap.organizations.models import Organization
from ketnap.web.forms import DayField

PAGE_FIELDS = {"as_of", "first", "last"}


def kinds_for(user: Any, org: Organization) -> list[JobKind]:
    """The kinds ``user`` may start about ``org`` with this form (those whose parameters
    it asks for; the others start from their own page, e.g. an import's commit)."""
    return [item for item in kinds() if set(item.fields) <= PAGE_FIELDS and policy.can(user, item.action, org)]


class JobStartForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại việc"))
    as_of = DayField(label=gettext_lazy("Tính đến ngày"), required=False)
    first = DayField(label=gettext_lazy("Từ ngày (báo cáo theo kỳ)"), required=False)
    last = DayField(label=gettext_lazy("Đến ngày (báo cáo theo kỳ)"), required=False)

    def __init__(self, data: Any, *, user: Any, organization: Organization, initial_day: dt.date) -> None:
        initial = {"as_of": initial_day, "first": initial_day.replace(month=1, day=1), "last": initial_day}
        super().__init__(data, initial=initial)
        self.available = {item.kind: item for item in kinds_for(user, organization)}
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(item.kind, item.label) for item in self.available.values()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        item = self.available.get(cleaned.get("kind", ""))
        needed = {"as_of": _("Cần ngày báo cáo."), "first": _("Cần ngày đầu kỳ."), "last": _("Cần ngày cuối kỳ.")}
        for name in item.fields if item else ():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, needed[name])
        return cleaned

    def params(self) -> Params:
        """The parameters of the chosen kind, as the API takes them."""
        item = self.available[self.cleaned_data["kind"]]
        return {name: self.cleaned_data[name].isoformat() for name in item.fields}
