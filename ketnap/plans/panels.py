"""The plan's section of the organization page: admitted against plan in the year of
the chosen date, with links to the plan page and, for its editors, the allocation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.plans import selectors
from ketnap.plans.models import Target
from ketnap.web.panels import Panel


def _has_plan(org: Organization, year: int, as_of: dt.date) -> bool:
    targets = Target.objects.as_of(as_of).filter(first_year=year, last_year=year)
    return targets.filter(organization__path__startswith=org.path, organization__depth__lte=org.depth + 1).exists()


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    year = as_of.year
    editor = policy.can(user, Action.EDIT, org) and not org.is_cell
    if not _has_plan(org, year, as_of) and not editor:
        return None
    result = selectors.achievement(user, org, year, as_of)
    query = f"?nam={year}&ngay={as_of.isoformat()}"
    links = [(_("Kế hoạch kết nạp"), reverse("plans:plan", args=[org.code]) + query)]
    if editor:
        links.append(
            (_("Giao chỉ tiêu cho tổ chức trực thuộc"), reverse("plans:allocate", args=[org.code]) + f"?nam={year}")
        )
    title = _("Kế hoạch kết nạp năm %(year)s") % {"year": year}
    return Panel(title=title, template="plans/partials/panel.html", data={"result": result}, links=tuple(links))
