"""Template filters of the accounts app, asking the one policy."""

from __future__ import annotations

from typing import Any

from django import template

from ketnap.core import policy
from ketnap.core.policy import Action

register = template.Library()


@register.filter
def administers(user: Any, org: Any) -> bool:
    """``{% if user|administers:org %}``: whether ``user`` administers ``org`` (for links)."""
    return policy.can(user, Action.ADMINISTER, org)
