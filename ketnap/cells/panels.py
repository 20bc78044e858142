"""The cell-life section of the organization page, as of the chosen date: whether the
month's meeting was held (for a committee, how many of its cells held one), the share of
members who paid the month's dues, and how many flags and open reviews there are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.cells import selectors
from ketnap.cells.models import ReviewState, ReviewTask
from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.rules.cell_life import month_start
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    if not policy.can(user, Action.VIEW, org) or not selectors.cells_in(org, as_of).exists():
        return None
    month = month_start(as_of)
    rows = selectors.regularity(org, month, as_of)
    held = sum(1 for r in rows if not r.missed)
    share = selectors.dues_share(org, month, as_of)
    flags = len(selectors.composition_flags(org, as_of)) + len(selectors.away_flags(org, as_of))
    reviews = ReviewTask.objects.filter(cell__path__startswith=org.path, state=ReviewState.OPEN, raised_on__lte=as_of)
    data = {
        "is_cell": selectors.is_cell(org),
        "month": month,
        "held": held,
        "cells": len(rows),
        "members": share.members,
        "paid": share.paid,
        "paid_percent": None if share.ratio is None else share.ratio * 100,
        "flags": flags,
        "reviews": reviews.count(),
    }
    return Panel(title=_("Sinh hoạt chi bộ"), template="cells/partials/panel.html", data=data, links=_links(org))


def _links(org: Organization) -> tuple[tuple[str, str], ...]:
    links = [
        (_("Buổi sinh hoạt"), reverse("cells:index", args=[org.code])),
        (_("Sinh hoạt thường kỳ"), reverse("cells:regularity", args=[org.code])),
        (_("Cảnh báo"), reverse("cells:flags", args=[org.code])),
    ]
    if selectors.is_cell(org):
        links.append((_("Đảng phí"), reverse("cells:dues", args=[org.code])))
    return tuple(links)
