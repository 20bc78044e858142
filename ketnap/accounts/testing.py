"""Test helpers for the second factor.

``client.force_login`` is how tests say "this user is signed in"; they are about
what the user may do once in, so the session it creates counts as having passed the
second factor too (``verify_forced_logins``, installed by the root conftest). The
real login, through the login form and the code page, still asks for the code: its
own tests use it, and ``login_pending`` gives a session stopped at the code page.
"""

from __future__ import annotations

from typing import Any

from django.test.client import ClientMixin

from ketnap.accounts import two_factor

_original_force_login = ClientMixin.force_login


def mark_verified(client: Any) -> None:
    """Mark the client's session as having passed the second factor."""
    session = client.session
    session[two_factor.SESSION_KEY] = two_factor.VERIFIED
    session.save()


def _force_login_verified(self: Any, user: Any, backend: str | None = None) -> None:
    _original_force_login(self, user, backend)
    mark_verified(self)


def verify_forced_logins() -> None:
    ClientMixin.force_login = _force_login_verified  # type: ignore[method-assign]


def login_pending(client: Any, user: Any) -> None:
    """Log ``user`` in as the password step does: the second factor still to come."""
    _original_force_login(client, user)
