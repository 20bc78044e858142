"""Sign-in by user name in its one normalized form (``normalize_username``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from ketnap.lib.vntext import normalize_username


class NormalizedUsernameBackend(ModelBackend):
    """Django's model backend, looking the user up by the normalized name, as the
    names are stored and as the login throttle counts them."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is not None:
            username = normalize_username(username)
        return super().authenticate(request, username=username, password=password, **kwargs)
