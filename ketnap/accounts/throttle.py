"""Login throttling from the recorded failures.

Failures are counted separately per user name and per address over a sliding
window (``LOGIN_FAILURE_WINDOW_SECONDS``); the name is normalized first, exactly as
for signing in, so " Chibo.Xem" or full-width letters count against "chibo.xem". Once either count reaches
``LOGIN_MAX_FAILURES`` every further attempt for that name or from that address is
refused, even with the right password, until enough failures have aged out of the
window. Refused attempts are not recorded, so the lock always ends one window after
the failure that triggered it. A successful login deletes nothing: failures made by
someone else against the same name or from the same address keep counting.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ketnap.accounts.models import LoginFailure
from ketnap.lib.vntext import normalize_username


def _key(username: str) -> str:
    # Cut to the column's length in both the count and the record, so they always agree.
    return normalize_username(username)[: LoginFailure._meta.get_field("username").max_length]


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def _lock_end(condition: Q, now: dt.datetime) -> dt.datetime | None:
    """When the lock on one key ends, or None if that key is not locked."""
    limit = settings.LOGIN_MAX_FAILURES
    recent = list(
        LoginFailure.objects.filter(condition, at__gt=now - _window())
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    # The count drops below the limit when the limit-th most recent failure ages out.
    return recent[limit - 1] + _window()


def locked_until(username: str, address: str | None) -> dt.datetime | None:
    """The moment new attempts for ``username`` or from ``address`` are accepted again,
    or None if they are accepted now."""
    now = timezone.now()
    key = _key(username)
    ends = [_lock_end(Q(username=key), now)] if key else []
    if address:
        ends.append(_lock_end(Q(address=address), now))
    found = [end for end in ends if end is not None]
    return max(found) if found else None


def record_failure(username: str, address: str | None) -> LoginFailure:
    """Remember one failed attempt, under the normalized name (the one the lock counts)."""
    return LoginFailure.objects.create(username=_key(username), address=address or None)
