"""The ratings section of an organization's page: last year's summary as of the date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.organizations.models import Organization
from ketnap.ratings.selectors import cells_summary, members_summary
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    """The ratings of the last year ended on ``as_of``."""
    year = as_of.year - 1
    cells, members = cells_summary(user, org, year), members_summary(user, org, year)
    if not cells.rated and not members.rated:
        return None
    url = reverse("ratings:ratings", args=[org.code]) + f"?nam={year}"
    return Panel(
        title=_("Xếp loại chất lượng năm %(year)s") % {"year": year},
        template="ratings/partials/panel.html",
        data={"cells": cells, "members": members},
        links=((_("Chi tiết"), url),),
    )
