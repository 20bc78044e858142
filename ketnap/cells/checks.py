"""The configuration check of the removal trigger's settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

CHOICES = {"CELL_REMOVAL_YEAR": ("calendar", "rolling"), "CELL_REMOVAL_COUNT": ("cumulative", "consecutive")}


@register()
def cell_removal_settings_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name, allowed in CHOICES.items():
        value = getattr(settings, name, allowed[0])
        if value not in allowed:
            errors.append(Error(f"{name} must be one of {', '.join(allowed)}, not {value!r}.", id="ketnap.E301"))
    return errors
