"""``{% can_administer org as allowed %}``: whether the page's user administers ``org``,
so the organization page shows the tree-keeping actions only to those who may use them."""

from __future__ import annotations

from typing import Any

from django import template

from ketnap.core import policy
from ketnap.core.policy import Action

register = template.Library()


@register.simple_tag(takes_context=True)
def can_administer(context: dict[str, Any], obj: Any) -> bool:
    request = context.get("request")
    return request is not None and policy.can(request.user, Action.ADMINISTER, obj)
