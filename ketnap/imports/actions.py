"""The merge action on the person page, for those who may edit the person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.people.actions import PersonAction
from ketnap.people.models import Person


def import_actions(user: Any, person: Person, on: dt.date) -> list[PersonAction]:
    if not policy.can(user, Action.EDIT, person):
        return []
    url = reverse("imports:merge", args=[person.pk])
    help_text = _("Gộp một hồ sơ khác của cùng người này vào đây, giữ lịch sử của cả hai.")
    return [PersonAction(_("Gộp hồ sơ trùng"), url, _("Hồ sơ"), help_text)]
