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

PAGE_FIELDS = {"as_of"}


def kinds_for(user: Any, org: Organization) -> list[JobKind]:
    """The kinds ``user`` may start about ``org`` with this form (those whose parameters
    it asks for; the others start from their own page, e.g. an import's commit)."""
    return [item for item in kinds() if set(item.fields) <= PAGE_FIELDS and policy.can(user, item.action, org)]


class JobStartForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại việc"))
    as_of = DayField(label=gettext_lazy("Tính đến ngày"), required=False)

    def __init__(self, data: Any, *, user: Any, organization: Organization, initial_day: dt.date) -> None:
        super().__init__(data, initial={"as_of": initial_day})
        self.available = {item.kind: item for item in kinds_for(user, organization)}
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(item.kind, item.label) for item in self.available.values()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        item = self.available.get(cleaned.get("kind", ""))
        if item and "as_of" in item.fields and not cleaned.get("as_of"):
            self.add_error("as_of", _("Cần ngày báo cáo."))
        return cleaned

    def params(self) -> Params:
        """The parameters of the chosen kind, as the API takes them."""
        item = self.available[self.cleaned_data["kind"]]
        day = self.cleaned_data.get("as_of")
        return {"as_of": day.isoformat()} if "as_of" in item.fields and day else {}
