"""The programs section of an organization's page: programs run in its subtree and
in force on the chosen date, with how many of their targets of the year are met."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.organizations.models import Organization
from ketnap.programs import selectors
from ketnap.programs.selectors import Outcome
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    """None when no program of the subtree is in force on ``as_of``."""
    programs = selectors.program_list(user, org).filter(Q(end__isnull=True) | Q(end__gte=as_of), start__lte=as_of)
    rows = [(program, selectors.target_rows(program, as_of, as_of.year)) for program in programs[:10]]
    if not rows:
        return None
    data = {
        "rows": [
            {
                "program": program,
                "targets": len(targets),
                "met": sum(1 for t in targets if t.outcome == Outcome.MET),
                "url": reverse("programs:program", args=[program.code]),
            }
            for program, targets in rows
        ]
    }
    return Panel(
        title=_("Chương trình"),
        template="programs/partials/panel.html",
        data=data,
        links=((_("Danh sách chương trình"), reverse("programs:programs")),),
    )
