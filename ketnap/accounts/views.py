"""Login and logout, with throttling of repeated failures."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ketnap.accounts import throttle
from ketnap.core.client import client_address


def next_url(request: HttpRequest) -> str:
    """Where to go after signing in: the ``next`` asked for when it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else resolve_url(settings.LOGIN_REDIRECT_URL)


def minutes_until(until: dt.datetime) -> int:
    """Whole minutes left until ``until``, at least one, as a lock's message says them."""
    return max(1, math.ceil((until - timezone.now()).total_seconds() / 60))


def _locked_message(until: dt.datetime) -> str:
    minutes = minutes_until(until)
    return ngettext(
        "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
        "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
        minutes,
    ) % {"minutes": minutes}


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    """Sign in. While the user name or the address is throttled the password is not
    even checked, so a locked account cannot be probed for the right password."""
    context = {"next": request.POST.get("next") or request.GET.get("next", "")}
    if request.method != "POST":
        return render(request, "web/login.html", context | {"form": AuthenticationForm(request)})
    username = request.POST.get("username", "")
    address = client_address(request)
    until = throttle.locked_until(username, address)
    if until is not None:
        form = AuthenticationForm(request, initial={"username": username})
        return render(request, "web/login.html", context | {"form": form, "locked": _locked_message(until)}, status=429)
    form = AuthenticationForm(request, data=request.POST)
    if form.is_valid():
        auth_login(request, form.get_user())
        return redirect(next_url(request))
    throttle.record_failure(username, address)
    return render(request, "web/login.html", context | {"form": form})


def admin_login_view(request: HttpRequest) -> HttpResponse:
    """The admin's own login form would check passwords without the throttle, so
    ``/admin/login/`` (GET or POST) sends the browser to ours, which returns to the
    admin afterwards. A password posted here is never checked."""
    target = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': target})}")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
