"""Small display helpers for the page templates."""

from __future__ import annotations

import datetime as dt

from django import template

from ketnap.people.choices import STATUS_CHOICES

register = template.Library()

_STATUS_LABELS = dict(STATUS_CHOICES)


@register.filter
def status_label(value: str | None) -> object:
    """The label of a membership status code; empty when not on the rolls."""
    return _STATUS_LABELS.get(value or "", "")


@register.filter
def iso(value: dt.date | None) -> str:
    """A date as YYYY-MM-DD, for query strings and date inputs."""
    return value.isoformat() if value else ""
