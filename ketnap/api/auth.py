"""Who is calling: a bearer token, or the browser's Django session.

A bad bearer token is refused outright rather than falling back to the session,
so a client never silently acts as someone else. The session path enforces CSRF
on unsafe methods, as the web pages do.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from ketnap.accounts.tokens import token_user
from ketnap.core.errors import DomainError


class CsrfFailed(DomainError):
    code = "csrf_failed"
    status = 403

    @classmethod
    def default_message(cls) -> object:
        return _("Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ.")


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` matched by hash against ``ApiToken``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = token_user(token.strip())
        if user is None:
            raise AuthenticationError()
        return user


class Session(APIKeyCookie):
    """The logged-in Django session (the web pages calling the API)."""

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfFailed()
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:  # pragma: no cover - see __call__
        return None


def auth_methods() -> list[Any]:
    return [BearerToken(), Session()]
