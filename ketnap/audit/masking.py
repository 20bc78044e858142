"""Sensitive values in audit rows are stored masked, never in clear.

A sensitive value (ethnicity, religion, citizen ID, verification notes and results)
is replaced by a keyed HMAC-SHA256 of the field name and the value. Without the key
nobody can tell the value from the mask, not even for a field with few possible
values such as religion; with it, an investigator can check whether a row held a given
value, and two masks of one field are equal exactly when the values were. The
standard library has no cipher and the locked dependencies include none, so the
values are masked rather than encrypted: they cannot be read back from the log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

PREFIX = "hmac-sha256:"

# Keys masked wherever they appear in the before/after of rows about these objects
# (nested too: a profile change keeps the closed rows in a list).
_EXTRA: dict[str, frozenset[str]] = {
    "people.profile": frozenset({"religion"}),
    "admission.verificationrequest": frozenset({"result"}),
}


def sensitive_keys(object_type: str) -> frozenset[str]:
    """The before/after keys of ``object_type`` that are stored masked."""
    if object_type == "people.person":
        # Imported here: the people services write the audit log, so they import it first.
        from ketnap.people.disclosure import SENSITIVE_FIELDS

        return frozenset(SENSITIVE_FIELDS)
    return _EXTRA.get(object_type, frozenset())


def key() -> bytes:
    """``AUDIT_MASK_KEY``, or a key derived from ``SECRET_KEY`` when it is not set."""
    configured: str = getattr(settings, "AUDIT_MASK_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"ketnap.audit.mask", hashlib.sha256).digest()


def is_masked(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def mask(field: str, value: Any) -> Any:
    """The mask of ``value`` in ``field``; empty and already masked values are kept."""
    if value in (None, "") or is_masked(value):
        return value
    message = f"{field}\x1f{json.dumps(value, sort_keys=True, ensure_ascii=False)}".encode()
    return PREFIX + hmac.new(key(), message, hashlib.sha256).hexdigest()


def matches(field: str, value: Any, masked: Any) -> bool:
    """Whether ``masked`` is the mask of ``value`` in ``field``."""
    return is_masked(masked) and hmac.compare_digest(str(mask(field, value)), str(masked))


def mask_sensitive(object_type: str, data: Any) -> Any:
    """``data`` (a before or after) with the sensitive values of ``object_type`` masked."""
    keys = sensitive_keys(object_type)
    return _masked(data, keys) if keys else data


def _masked(data: Any, keys: frozenset[str]) -> Any:
    if isinstance(data, dict):
        return {name: mask(name, value) if name in keys else _masked(value, keys) for name, value in data.items()}
    if isinstance(data, list | tuple):
        return [_masked(item, keys) for item in data]
    return data


def shown(data: Any, *, revealed: bool) -> Any:
    """``data`` for display: each masked value hidden, or shown by its short fingerprint."""
    if isinstance(data, dict):
        return {name: shown(value, revealed=revealed) for name, value in data.items()}
    if isinstance(data, list):
        return [shown(item, revealed=revealed) for item in data]
    if is_masked(data):
        return fingerprint(data) if revealed else str(_("•••••• (đã che)"))
    return data


def fingerprint(masked: str) -> str:
    return str(_("đã che · %(print)s") % {"print": masked.removeprefix(PREFIX)[:12]})
