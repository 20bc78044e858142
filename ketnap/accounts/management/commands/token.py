"""``ketnap token create|revoke|list``: manage API tokens from the command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ketnap.accounts.models import ApiToken
from ketnap.accounts.tokens import token_create, token_revoke
from ketnap.core.errors import DomainError


class Command(BaseCommand):
    help = "Create, revoke or list API tokens. The raw token is printed once, at creation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--user", required=True, help="User name the token acts as.")
        create.add_argument("--label", required=True, help="What the token is for.")
        create.add_argument("--expires-days", type=int, default=None, help="Days until the token expires.")
        revoke = sub.add_parser("revoke", help="Revoke the token with this prefix.")
        revoke.add_argument("prefix")
        sub.add_parser("list", help="List tokens (prefix, user, label, state).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['verb']}")(options)
        except DomainError as error:
            raise CommandError(str(error.message)) from error

    def _create(self, options: dict[str, Any]) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(options["user"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {options['user']!r}.") from error
        days = options["expires_days"]
        if days is not None and days < 1:
            raise CommandError("--expires-days must be at least 1.")
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        _token, raw = token_create(actor=None, user=user, label=options["label"], expires_at=expires_at)
        self.stdout.write(raw)
        self.stderr.write("Store this token now: it cannot be shown again.")

    def _revoke(self, options: dict[str, Any]) -> None:
        matches = list(ApiToken.objects.filter(prefix=options["prefix"])[:2])
        if not matches:
            raise CommandError(f"No token with prefix {options['prefix']!r}.")
        if len(matches) > 1:
            raise CommandError(f"Several tokens share prefix {options['prefix']!r}; revoke them from the admin.")
        if matches[0].revoked_at is not None:
            self.stdout.write(f"Token {matches[0].prefix} was already revoked.")
            return
        token = token_revoke(actor=None, token=matches[0])
        self.stdout.write(f"Revoked token {token.prefix} ({token.label}, {token.user.get_username()}).")

    def _list(self, options: dict[str, Any]) -> None:
        now = timezone.now()
        for token in ApiToken.objects.select_related("user").order_by("created_at"):
            if token.revoked_at:
                state = "revoked"
            elif token.expires_at and token.expires_at <= now:
                state = "expired"
            else:
                state = "active"
            self.stdout.write(f"{token.prefix}\t{token.user.get_username()}\t{token.label}\t{state}")
