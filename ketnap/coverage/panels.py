"""The coverage section of an organization's page: the figures on the chosen date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.coverage.exports import figure_lines
from ketnap.coverage.selectors import coverage_for
from ketnap.organizations.models import Organization
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    result = coverage_for(user, org, as_of)
    if not result.villages:
        return None
    url = reverse("coverage:coverage", args=[org.code]) + f"?ngay={as_of.isoformat()}"
    return Panel(
        title=_("Độ phủ thôn, bản"),
        template="coverage/partials/panel.html",
        data={"figures": figure_lines(result)},
        links=((_("Chi tiết"), url),),
    )
