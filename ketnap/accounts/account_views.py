"""The account pages: the second factor (code, enrolment, recovery codes) and the
password change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ketnap.accounts import throttle, two_factor
from ketnap.accounts.middleware import MUST_CHANGE
from ketnap.accounts.services import password_change
from ketnap.accounts.views import minutes_until, next_url
from ketnap.core import policy
from ketnap.core.client import client_address
from ketnap.core.policy import Action


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã xác thực"), max_length=32, strip=True)


def _locked_message(until: dt.datetime) -> str:
    minutes = minutes_until(until)
    return ngettext(
        "Đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
        "Đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
        minutes,
    ) % {"minutes": minutes}


def _verify_page(request: HttpRequest, form: CodeForm, status: int = 200, **extra: Any) -> HttpResponse:
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")} | extra
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@sensitive_post_parameters("code")
@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login. Wrong codes count as failed logins for the user name
    and the address, so the login throttle stops guessing, and each device backs off."""
    if two_factor.session_state(request) != two_factor.PENDING:
        return redirect(next_url(request))
    if not two_factor.has_device(request.user):
        return redirect(f"{reverse('two_factor_enrol')}?{urlencode({'next': next_url(request)})}")
    if request.method != "POST":
        return _verify_page(request, CodeForm())
    username, address = request.user.get_username(), client_address(request)
    until = throttle.locked_until(username, address)
    if until is not None:
        return _verify_page(request, CodeForm(), status=429, locked=_locked_message(until))
    form = CodeForm(request.POST)
    device = two_factor.verify_code(request.user, form.cleaned_data["code"]) if form.is_valid() else None
    if device is None:
        throttle.record_failure(username, address)
        form.add_error("code", _("Mã không đúng hoặc đã được dùng. Hãy nhập mã mới trong ứng dụng xác thực."))
        return _verify_page(request, form)
    two_factor.mark_verified(request, device)
    return redirect(next_url(request))


def _may_enrol(request: HttpRequest) -> bool:
    """Enrolling replaces the authenticator, so a session that has not yet given a
    code may do it only while the user has none."""
    return two_factor.session_state(request) == two_factor.VERIFIED or not two_factor.has_device(request.user)


def _enrol_page(request: HttpRequest, form: CodeForm, key: str) -> HttpResponse:
    url = two_factor.provisioning_url(request.user, key)
    context = {
        "form": form,
        "qr": two_factor.qr_svg(url),
        "secret": two_factor.secret_for_humans(key),
        "required": two_factor.required_for(request.user),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@sensitive_post_parameters("code")
@never_cache
@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Show a new secret (QR code and text), confirm it with a code, then show the
    recovery codes once."""
    if not _may_enrol(request):
        return redirect("two_factor_verify")
    key = request.session.get(two_factor.ENROL_KEY) or two_factor.new_secret()
    request.session[two_factor.ENROL_KEY] = key
    form = CodeForm(request.POST if request.method == "POST" else None)
    if not form.is_bound:
        return _enrol_page(request, form, key)
    if not form.is_valid() or not two_factor.code_matches_secret(key, form.cleaned_data["code"]):
        form.errors.pop("code", None)
        form.add_error("code", _("Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực."))
        return _enrol_page(request, form, key)
    device, codes = two_factor.enrol(actor=request.user, key=key)
    two_factor.mark_verified(request, device)
    return _recovery_codes_page(request, codes, next_url=next_url(request))


def _recovery_codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})


@never_cache
@require_POST
@login_required
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    if two_factor.session_state(request) != two_factor.VERIFIED:
        return redirect("account")
    codes = two_factor.recovery_codes_replace(actor=request.user)
    return _recovery_codes_page(request, codes, next_url=resolve_url("account"))


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "has_device": two_factor.has_device(user),
        "required": two_factor.required_for(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "verified": two_factor.session_state(request) == two_factor.VERIFIED,
        "administers": bool(user.is_superuser or policy.root_paths(user, Action.ADMINISTER)),
    }
    return render(request, "accounts/account.html", context)


@method_decorator(sensitive_post_parameters("old_password", "new_password1", "new_password2"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
@method_decorator(login_required, name="dispatch")
class AccountPasswordChangeView(PasswordChangeView):
    """Django's password change, through the service that also revokes API tokens."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        help_texts = [text for text in password_validators_help_texts() if text]
        must_change = bool(self.request.session.get(MUST_CHANGE))
        return super().get_context_data(**kwargs) | {"help_texts": help_texts, "must_change": must_change}

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.user  # the authenticated user the form was built for
        revoked = password_change(actor=user, user=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        self.request.session.pop(MUST_CHANGE, None)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        if revoked:
            messages.info(
                self.request,
                ngettext(
                    "%(count)d khóa API của bạn đã bị thu hồi.", "%(count)d khóa API của bạn đã bị thu hồi.", revoked
                )
                % {"count": revoked},
            )
        return redirect(self.get_success_url())
