"""Recording password changes, whichever way they happen.

Passwords change on the account page, in the admin, with ``changepassword`` and in
scripts. Django tells every configured password validator after each of them
(``password_changed``), so a validator that checks nothing is the one hook that sees
them all; it records the time, and ``ketnap.accounts.tokens`` refuses the tokens
created before it. It also lifts the duty to change a password an administrator
set: any change by the user does (a reset sets the duty again after its own change).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ketnap.accounts.models import Account, Credentials


class RecordPasswordChange:
    """A password "validator" that accepts every password and records each change."""

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk is not None:
            Credentials.objects.update_or_create(user=user, defaults={"password_changed_at": timezone.now()})
            Account.objects.filter(user=user, must_change_password=True).update(must_change_password=False)

    def get_help_text(self) -> str:
        return ""
