"""The configuration check of the transfers: ``TRANSFER_COUNTS_AT`` is sender or receiver."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

CHOICES = ("sender", "receiver")


@register()
def transfer_counts_at_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    value = getattr(settings, "TRANSFER_COUNTS_AT", "sender")
    if value in CHOICES:
        return []
    return [Error(f"TRANSFER_COUNTS_AT must be 'sender' or 'receiver', not {value!r}.", id="ketnap.E201")]
