"""The organization page's section on background jobs: the user's open jobs about
this organization, the latest one, and the link to start another."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.jobs.forms import kinds_for
from ketnap.jobs.selectors import jobs_list
from ketnap.organizations.models import Organization
from ketnap.web.panels import Panel


def panel(user: Any, org: Organization, as_of: dt.date) -> Panel | None:
    if not kinds_for(user, org):
        return None
    mine = jobs_list(user).filter(organization=org, owner_id=user.pk)
    data = {"open": mine.filter(state__in=("queued", "running")).count(), "latest": mine.first()}
    start = f"{reverse('jobs:start', args=[org.code])}?ngay={as_of.isoformat()}"
    links = ((_("Chạy việc nền"), start), (_("Việc đang chạy"), reverse("jobs:index")))
    return Panel(title=_("Việc chạy nền"), template="jobs/partials/panel.html", data=data, links=links)
