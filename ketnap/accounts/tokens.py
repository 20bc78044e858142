"""API tokens: create (the raw value is returned once), revoke, and authenticate.

Only the SHA-256 digest of a token is stored, so a leaked database does not leak
usable tokens; lookups hash the presented value and match the digest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.accounts.models import ApiToken, hash_token
from ketnap.audit.services import audit_log
from ketnap.core.errors import PermissionDenied, ValidationFailed

PREFIX_LENGTH = 8


def _may_manage(actor: Any, user: Any) -> bool:
    """Commands run without an actor; otherwise a user manages only their own tokens."""
    if actor is None:
        return True
    return bool(actor.is_active and (actor.is_superuser or actor.pk == user.pk))


def default_expiry() -> dt.datetime | None:
    """``API_TOKEN_DAYS`` from now, or None (no expiry) when it is 0."""
    days: int = settings.API_TOKEN_DAYS
    return timezone.now() + dt.timedelta(days=days) if days > 0 else None


@transaction.atomic
def token_create(*, actor: Any, user: Any, label: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with its raw value, which is not kept.
    Without ``expires_at`` it expires ``API_TOKEN_DAYS`` from now."""
    if not _may_manage(actor, user):
        raise PermissionDenied()
    if expires_at is None:
        expires_at = default_expiry()
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed({"expires_at": [_("Thời hạn của khóa phải ở tương lai.")]})
    raw = ApiToken.generate()
    token = ApiToken(user=user, label=label, prefix=raw[:PREFIX_LENGTH], digest=hash_token(raw), expires_at=expires_at)
    token.full_clean(exclude=["prefix", "digest"])
    token.save()
    audit_log(
        actor=actor,
        action="token.create",
        obj=token,
        after={"user": user.get_username(), "label": label, "prefix": token.prefix, "expires_at": str(expires_at)},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke ``token`` from now on; revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if not _may_manage(actor, token.user):
        raise PermissionDenied()
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_log(actor=actor, action="token.revoke", obj=token, after={"revoked_at": str(token.revoked_at)})
    return token


def tokens_active() -> Any:
    """Tokens neither revoked nor expired, as a queryset."""
    now = timezone.now()
    return ApiToken.objects.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


@transaction.atomic
def tokens_revoke_all(*, actor: Any, user: Any, reason: str) -> int:
    """Revoke every live token of ``user`` (password changed, account deactivated)."""
    now = timezone.now()
    live = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in live:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit_log(actor=actor, action="token.revoke", obj=token, after={"revoked_at": str(now), "reason": reason})
    return len(live)


def _outdated(token: ApiToken) -> bool:
    """Created before the owner's last password change (however it was changed)."""
    credentials = getattr(token.user, "credentials", None)
    return credentials is not None and token.created_at < credentials.password_changed_at


def token_user(raw: str) -> Any | None:
    """The active user a presented raw token belongs to, or None."""
    if not raw:
        return None
    token = tokens_active().select_related("user__credentials").filter(digest=hash_token(raw)).first()
    if token is None or not token.user.is_active or _outdated(token):
        return None
    return token.user
