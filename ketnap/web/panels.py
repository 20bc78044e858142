"""Sections other apps add to an organization's page (plans, classes, cell life…).

An app contributes by having a ``panels`` module with a function
``panel(user, org, as_of) -> Panel | None``; the page shows the panels in
INSTALLED_APPS order. Returning ``None`` hides the section (nothing to show, or the
organization is of a kind the app does not concern). A panel reads through the app's
own selectors, so the one policy scopes it like every other read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from ketnap.core.errors import NotFound
from ketnap.organizations.models import Organization


@dataclass(frozen=True)
class Panel:
    """One section: a heading, a template rendering ``data`` and links to the full pages."""

    title: str
    template: str
    data: dict[str, Any] = field(default_factory=dict)
    links: tuple[tuple[str, str], ...] = ()  # (label, url)


PanelFunction = Callable[[Any, Organization, dt.date], "Panel | None"]


def panel_sections() -> Iterator[tuple[str, PanelFunction]]:
    """Each app's panel function, named by the app's label (the section's address)."""
    for config in apps.get_app_configs():
        name = f"{config.name}.panels"
        if config.name.startswith("ketnap.") and config.name != "ketnap.web" and find_spec(name):
            yield config.label, import_module(name).panel


def panel_functions() -> Iterator[PanelFunction]:
    return (function for _section, function in panel_sections())


def panels_for(user: Any, org: Organization, as_of: dt.date) -> list[Panel]:
    """The panels of every app for this organization on this date."""
    found = (function(user, org, as_of) for function in panel_functions())
    return [item for item in found if item is not None]


def panel_for(user: Any, org: Organization, as_of: dt.date, section: str) -> Panel | None:
    """One app's panel (the page loads a large subtree's sections one by one)."""
    function = dict(panel_sections()).get(section)
    if function is None:
        raise NotFound(_("Không có phần này trên trang tổ chức."))
    return function(user, org, as_of)


def panels_inline(members: int) -> bool:
    """Whether the organization page computes its sections with the page: for a subtree
    up to ``ORGANIZATION_PANELS_INLINE_MEMBERS`` members; a larger one shows the page
    first and loads each section by itself."""
    return members <= settings.ORGANIZATION_PANELS_INLINE_MEMBERS
