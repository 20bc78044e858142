"""Two-factor sign-in: who needs it, enrolment, and checking a code.

A code is a 6-digit TOTP from an authenticator app (django-otp's ``otp_totp``) or one
of ten single-use recovery codes (``otp_static``). A session carries its state under
``SESSION_KEY``: "pending" from the password until a code is accepted, then
"verified"; "none" for a user who needs no second factor. Reading the state is one
dictionary lookup, so a page costs no query for it.
"""

from __future__ import annotations

import re
from base64 import b32encode
from binascii import unhexlify
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ketnap.audit.services import audit_log
from ketnap.core import policy

SESSION_KEY = "ketnap_2fa"
ENROL_KEY = "ketnap_2fa_key"
PENDING, VERIFIED, NONE = "pending", "verified", "none"
RECOVERY_CODES = 10
DEVICE_NAME = "ketnap"
_SIX_DIGITS = re.compile(r"^[0-9]{6}$")  # ASCII digits only: int() would take others


def required_for(user: Any) -> bool:
    """Whether ``user`` must use a second factor: a superuser, or a holder of one of
    ``TWO_FACTOR_REQUIRED_ROLES`` today. An empty list switches the requirement off."""
    roles = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not roles:
        return False
    return bool(user.is_superuser) or bool(roles & policy.role_names(user))


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def state_for(user: Any) -> str:
    """The state a fresh login starts in."""
    return PENDING if has_device(user) or required_for(user) else NONE


def session_state(request: HttpRequest) -> str | None:
    state = request.session.get(SESSION_KEY)
    return state if isinstance(state, str) else None


def mark_verified(request: HttpRequest, device: Any) -> None:
    """Accept the session: a new session key (no fixation), the device remembered."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session[SESSION_KEY] = VERIFIED
    request.session.pop(ENROL_KEY, None)


def normalize_code(raw: str) -> str:
    """Codes as people type them: spaces and dashes dropped, letters lowered."""
    return re.sub(r"[\s-]", "", raw).lower()


def verify_code(user: Any, raw: str) -> Any | None:
    """The device that accepts ``raw`` (a TOTP or a recovery code, used up), or None.
    Each device counts its own failures and refuses attempts while backing off."""
    code = normalize_code(raw)
    if not code:
        return None
    kind = TOTPDevice if _SIX_DIGITS.match(code) else StaticDevice
    with transaction.atomic():
        for device in kind.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None


# Enrolment -----------------------------------------------------------------------


def new_secret() -> str:
    """A fresh TOTP key, hex as django-otp stores it."""
    return str(default_key())


def secret_for_humans(key: str) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_url(user: Any, key: str) -> str:
    return str(TOTPDevice(user=user, key=key, name=DEVICE_NAME).config_url)


def qr_svg(url: str) -> str:
    """The provisioning URL as an inline SVG (no script, no style)."""
    return str(segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


def code_matches_secret(key: str, raw: str) -> bool:
    """Whether ``raw`` is the current code (one step either way) for ``key``."""
    code = normalize_code(raw)
    if not _SIX_DIGITS.match(code):
        return False
    totp = TOTP(unhexlify(key))
    return bool(totp.verify(int(code), tolerance=1))


@transaction.atomic
def enrol(*, actor: Any, key: str) -> tuple[TOTPDevice, list[str]]:
    """Give ``actor`` the confirmed authenticator ``key``, replacing any earlier one,
    and a fresh set of recovery codes, returned once (they are stored as django-otp
    keeps them)."""
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(user=actor, key=key, name=DEVICE_NAME, confirmed=True)
    codes = recovery_codes_replace(actor=actor)
    audit_log(actor=actor, action="two_factor.enrol", obj=actor, after={"user": actor.get_username()})
    return device, codes


@transaction.atomic
def recovery_codes_replace(*, actor: Any) -> list[str]:
    """Ten new recovery codes for ``actor``; the old ones stop working."""
    StaticDevice.objects.filter(user=actor).delete()
    device = StaticDevice.objects.create(user=actor, name=DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit_log(actor=actor, action="two_factor.recovery_codes", obj=actor, after={"count": len(codes)})
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
