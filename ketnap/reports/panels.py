"""The reports' section of the organization page: admissions of the year to the
chosen date, and the links to the report set for that period."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.organizations.models import Organization
from ketnap.reports.selectors import admissions_between
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    """Admission decisions from 1 January to ``as_of`` (one indexed count) and links."""
    first = as_of.replace(month=1, day=1)
    query = "?" + urlencode({"first": first.isoformat(), "last": as_of.isoformat()})
    links = (
        (_("Tăng, giảm"), "reports:change"),
        (_("Đảng viên mới"), "reports:new_members"),
        (_("Quy trình phát triển"), "reports:funnel"),
        (_("Báo cáo bằng lời"), "reports:narrative"),
        (_("Đối chiếu dự thảo"), "reports:check"),
        (_("Báo cáo đã gửi"), "reports:sent"),
    )
    data = {"admitted": admissions_between(org, first, as_of), "first": first, "last": as_of}
    return Panel(
        title=_("Báo cáo"),
        template="reports/partials/panel.html",
        data=data,
        links=tuple((label, reverse(name, args=[org.code]) + query) for label, name in links),
    )
