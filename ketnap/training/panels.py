"""The training section of an organization's page: the classes of the year up to the
chosen date, per kind, and new-member training of the year's admissions."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.organizations.models import Organization
from ketnap.training import selectors
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    """None when the subtree held no class this year and admitted nobody."""
    first = dt.date(as_of.year, 1, 1)
    summary = selectors.summary(org, first, as_of)
    coverage = selectors.new_member_coverage(org, first, as_of, as_of)
    if not summary.classes and not coverage.admitted:
        return None
    query = urlencode({"to_chuc": org.code, "nam": as_of.year})
    return Panel(
        title=_("Lớp bồi dưỡng năm %(year)s") % {"year": as_of.year},
        template="training/partials/panel.html",
        data={"summary": summary, "coverage": coverage},
        links=((_("Danh sách lớp"), f"{reverse('training:classes')}?{query}"),),
    )
