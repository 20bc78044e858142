"""The user management pages of an organization's administrators: users, their roles,
password resets, deactivation, and who has access to an organization.

Every decision is the services' and the selectors' (``ketnap.accounts``); these
views parse the forms and render. Out of reach is a 404 and visible but not
manageable a 403, through ``@page`` like every other page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from ketnap.accounts import selectors, services
from ketnap.accounts.forms import (
    AccessForm,
    PasswordResetForm,
    RoleEndForm,
    RoleGrantForm,
    UserCreateForm,
    UserSearchForm,
)
from ketnap.core import policy
from ketnap.core.errors import DomainError
from ketnap.core.policy import Action
from ketnap.organizations.selectors import organization_ancestors, organization_get
from ketnap.web.pages import form_error, page, posted

PER_PAGE = 50
GET_POST = require_http_methods(["GET", "POST"])


def _form_page(request: HttpRequest, form: forms.Form, *, title: str, back: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "action": request.get_full_path()} | extra
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/admin_form.html", context, status=status)


def _user_url(user: Any) -> str:
    return reverse("user_detail", args=[user.get_username()])


def _password_page(request: HttpRequest, user: Any, password: str, title: str) -> HttpResponse:
    context = {"subject": user, "password": password, "title": title}
    return render(request, "accounts/password_shown.html", context)


@page
@never_cache
def user_list(request: HttpRequest) -> HttpResponse:
    """The users the administrator manages, 50 a page, by user name."""
    selectors.require_administrator(request.user)
    form = UserSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page_obj = Paginator(selectors.user_list(request.user, query), PER_PAGE).get_page(request.GET.get("trang"))
    context = {"form": form, "page_obj": page_obj, "organizations": selectors.admin_organizations(request.user)}
    return render(request, "accounts/users.html", context)


def _default_home(request: HttpRequest) -> str:
    asked = request.GET.get("to-chuc", "")
    if asked:
        return asked
    first = selectors.admin_organizations(request.user).first()
    return first.code if first and not request.user.is_superuser else ""


@page
@never_cache
@sensitive_post_parameters("password")
@GET_POST
def user_create(request: HttpRequest) -> HttpResponse:
    """A new user, managed from an organization the administrator holds; the
    one-time password (unless one was set) is shown once."""
    selectors.require_administrator(request.user)
    form = UserCreateForm(posted(request), user=request.user, initial={"organization": _default_home(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, generated = services.user_create(
                actor=request.user,
                username=data["username"],
                email=data["email"],
                full_name=data["full_name"],
                organization=data["organization"],
                password=data["password"] or None,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            if generated:
                return _password_page(request, user, generated, _("Đã tạo người dùng"))
            messages.success(request, _("Đã tạo người dùng."))
            return redirect(_user_url(user))
    return _form_page(request, form, title=_("Tạo người dùng"), back=reverse("user_list"))


@page
@never_cache
def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    """One user: their roles with their dates, and what the administrator may do."""
    user = selectors.user_get(request.user, username)
    roles = [(row, selectors.may_end(request.user, row)) for row in selectors.user_roles(request.user, user)]
    context = {
        "subject": user,
        "roles": roles,
        "manageable": selectors.may_manage(request.user, user),
        "grant_form": RoleGrantForm(user=request.user, initial={"valid_from": policy.today()}),
    }
    return render(request, "accounts/user.html", context)


@page
@never_cache
@GET_POST
def role_grant(request: HttpRequest, username: str) -> HttpResponse:
    user = selectors.user_get(request.user, username)
    selectors.require_manageable(request.user, user)
    form = RoleGrantForm(posted(request), user=request.user, initial={"valid_from": policy.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_grant(
                actor=request.user,
                user=user,
                organization=data["organization"],
                role=data["role"],
                valid_from=data["valid_from"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Đã cấp vai trò."))
            return redirect(_user_url(user))
    return _form_page(request, form, title=_("Cấp vai trò"), back=_user_url(user), subject=user)


@page
@never_cache
@GET_POST
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a role from a date; the row stays, closed, for the history."""
    assignment = selectors.role_get(request.user, pk)
    back = request.GET.get("ve") == "truy-cap"
    back_url = (
        reverse("organization_access", args=[assignment.organization.code]) if back else _user_url(assignment.user)
    )
    form = RoleEndForm(posted(request), initial={"on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.role_end(actor=request.user, assignment=assignment, on=form.cleaned_data["on"])
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Đã kết thúc vai trò."))
            return redirect(back_url)
    title = _("Kết thúc vai trò")
    return _form_page(request, form, title=title, back=back_url, subject=assignment.user, assignment=assignment)


@page
@never_cache
@sensitive_post_parameters("password")
@GET_POST
def password_reset(request: HttpRequest, username: str) -> HttpResponse:
    """A new password for a user: the one typed, or a generated one shown once."""
    user = selectors.user_get(request.user, username)
    selectors.require_manageable(request.user, user)
    form = PasswordResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            generated = services.user_password_reset(
                actor=request.user, user=user, password=form.cleaned_data["password"] or None
            )
        except DomainError as error:
            form_error(form, error)
        else:
            if generated:
                return _password_page(request, user, generated, _("Đã đặt lại mật khẩu"))
            messages.success(request, _("Đã đặt lại mật khẩu. Người dùng phải đổi mật khẩu khi đăng nhập."))
            return redirect(_user_url(user))
    intro = _("Các phiên đăng nhập và khóa API của người dùng sẽ hết hiệu lực.")
    return _form_page(request, form, title=_("Đặt lại mật khẩu"), back=_user_url(user), subject=user, intro=intro)


@page
@never_cache
@GET_POST
def user_deactivate(request: HttpRequest, username: str) -> HttpResponse:
    """Deactivate a user after a confirmation: no more logins, tokens revoked."""
    user = selectors.user_get(request.user, username)
    selectors.require_manageable(request.user, user)
    form = forms.Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_deactivate(actor=request.user, user=user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Đã khóa tài khoản và thu hồi khóa API."))
            return redirect(_user_url(user))
    intro = _("Người dùng sẽ không đăng nhập được nữa và các khóa API của họ bị thu hồi.")
    title = _("Khóa tài khoản")
    return _form_page(request, form, title=title, back=_user_url(user), subject=user, intro=intro, danger=True)


@page
@never_cache
def organization_access(request: HttpRequest, code: str) -> HttpResponse:
    """Who has access to an organization and through which role: the roles on it
    and on its ancestors, valid today, or every one with its dates."""
    org = organization_get(request.user, code)
    form = AccessForm(request.GET)
    history = form.is_valid() and form.cleaned_data["history"]
    rows = selectors.organization_access(request.user, org, as_of=None if history else policy.today())
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "org": org,
        "form": form,
        "history": history,
        "page_obj": page_obj,
        "endable": {row.pk for row in page_obj if selectors.may_end(request.user, row)},
        "ancestors": organization_ancestors(request.user, org),
        "may_create": policy.can(request.user, Action.ADMINISTER, org),
    }
    return render(request, "accounts/access.html", context)
