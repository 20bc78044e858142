"""The import section of the organization page: import into it, templates, exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.imports.columns import Kind
from ketnap.organizations.models import Organization
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    if not policy.can(user, Action.VIEW, org):
        return None
    links = [
        (_("Xuất đảng viên ra Excel"), reverse("imports:export", args=[org.code, Kind.MEMBERS.value])),
        (_("Xuất người vào Đảng ra Excel"), reverse("imports:export", args=[org.code, Kind.CANDIDATES.value])),
    ]
    if policy.can(user, Action.EDIT, org):
        links.insert(0, (_("Nhập danh sách từ Excel"), reverse("imports:index", args=[org.code])))
    return Panel(title=_("Excel"), template="imports/panel.html", links=tuple(links))
