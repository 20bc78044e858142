"""What a logged-in session may do: its absolute lifetime, and the second factor.

Both run after Django's authentication middleware. A session past its absolute
lifetime is logged out, however active it has been. A session waiting for its
second factor reaches only the code and enrolment pages, logout and the language
switch; pages send it there, and the API sees it as anonymous (a bearer token still
works), so the session cookie alone opens nothing. A session whose user must
change a password an administrator set reaches only the password page (after the
second factor) and logout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from ketnap.accounts import two_factor
from ketnap.accounts.models import Account

LOGIN_AT = "ketnap_login_at"
MUST_CHANGE = "ketnap_must_change_password"
API_PREFIX = "/api/"
OPEN_URL_NAMES = ("two_factor_verify", "two_factor_enrol", "logout", "set_language")


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: start the absolute lifetime and the two-factor state."""
    if getattr(request, "session", None) is None:
        return
    request.session[LOGIN_AT] = time.time()
    request.session[two_factor.SESSION_KEY] = two_factor.state_for(user)
    if Account.objects.filter(user=user, must_change_password=True).exists():
        request.session[MUST_CHANGE] = True
    else:
        request.session.pop(MUST_CHANGE, None)


class SessionLifetimeMiddleware:
    """Log out a session ``SESSION_ABSOLUTE_SECONDS`` after its login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if not isinstance(started, int | float):
                request.session[LOGIN_AT] = time.time()
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


def _open_paths() -> set[str]:
    return {reverse(name) for name in OPEN_URL_NAMES}


def _is_open(request: HttpRequest) -> bool:
    path = request.path_info
    return path in _open_paths() or path.startswith("/" + settings.STATIC_URL.lstrip("/"))


def _current_state(request: HttpRequest) -> str:
    """The session's state; computed once for a session that has none (one that
    began before this check existed), and raised to pending when the user has been
    given a role that requires a second factor since logging in."""
    state = two_factor.session_state(request)
    if state is None:
        state = two_factor.state_for(request.user)
    elif state == two_factor.NONE and two_factor.required_for(request.user):
        state = two_factor.PENDING
    request.session[two_factor.SESSION_KEY] = state
    return state


def _send_to_code_page(request: HttpRequest) -> HttpResponse:
    name = "two_factor_verify" if two_factor.has_device(request.user) else "two_factor_enrol"
    target = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request") == "true":  # django-htmx's middleware runs later
        return HttpResponseClientRedirect(target)
    return redirect(target)


class TwoFactorMiddleware:
    """Hold a session at the code page until its second factor is accepted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and _current_state(request) == two_factor.PENDING and not _is_open(request):
            if not request.path_info.startswith(API_PREFIX):
                return _send_to_code_page(request)
            request.user = AnonymousUser()
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Send a session whose password an administrator set to the password page.

    Reading the duty is one session lookup: it is copied there at login, and a
    reset by an administrator ends the user's sessions anyway."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.session.get(MUST_CHANGE) and not _may_pass(request):
            if request.path_info.startswith(API_PREFIX):
                request.user = AnonymousUser()
            else:
                target = reverse("password_change")
                if request.headers.get("HX-Request") == "true":
                    return HttpResponseClientRedirect(target)
                return redirect(target)
        return self.get_response(request)


def _may_pass(request: HttpRequest) -> bool:
    return _is_open(request) or request.path_info == reverse("password_change")
