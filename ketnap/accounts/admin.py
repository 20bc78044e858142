"""Django admin for accounts, and the mixins every ketnap admin uses.

The admin is a superuser's inspection tool, not a second way around the services:
rows are read-only here, records with history are never deleted, and the few
actions offered (ending a role, revoking a token) call the same services as the
pages and commands, so they are checked and audited the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketnap.accounts.models import Account, ApiToken, LoginFailure, RoleAssignment
from ketnap.accounts.services import role_end, user_deactivate
from ketnap.accounts.tokens import token_revoke
from ketnap.core import policy
from ketnap.core.errors import DomainError


def _superusers_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


# Staff without superuser rights could otherwise log in and see models they hold
# Django permissions on; roles in ketnap are organization-scoped and the admin
# cannot honour that scope.
admin.site.has_permission = _superusers_only  # type: ignore[method-assign]


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _superusers_only(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superusers_only(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _superusers_only(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _superusers_only(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # history is closed, never deleted


class ReadOnly(SuperuserOnly):
    """For rows written only by services (events, periods, audit entries)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _run(admin_: admin.ModelAdmin, request: HttpRequest, rows: Iterable[Any], service: Any, done: object) -> None:
    """Apply ``service`` to each row; a refusal is shown, not turned into a server error."""
    try:
        with transaction.atomic():
            for row in rows:
                service(row)
    except DomainError as error:
        admin_.message_user(request, str(error.message), messages.ERROR)
        return
    admin_.message_user(request, str(done), messages.SUCCESS)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnly):
    """Roles are granted with ``role_grant`` (pages, commands); here they can be ended."""

    list_display = ("user", "role", "organization", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "organization__code", "organization__name")
    list_select_related = ("user", "organization")
    date_hierarchy = "valid_from"
    actions = ["end_today"]

    @admin.action(description=_("Kết thúc các vai trò đã chọn từ hôm nay"))
    def end_today(self, request: HttpRequest, queryset: models.QuerySet[RoleAssignment]) -> None:
        on = policy.today()
        _run(
            self,
            request,
            queryset,
            lambda row: role_end(actor=request.user, assignment=row, on=on),
            _("Đã kết thúc vai trò."),
        )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnly):
    """Tokens are created with ``ketnap token create`` (the raw value is shown once)."""

    list_display = ("label", "user", "prefix", "created_at", "expires_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("label", "prefix", "user__username")
    exclude = ("digest",)
    actions = ["revoke"]

    @admin.action(description=_("Thu hồi các khóa đã chọn"))
    def revoke(self, request: HttpRequest, queryset: models.QuerySet[ApiToken]) -> None:
        _run(self, request, queryset, lambda row: token_revoke(actor=request.user, token=row), _("Đã thu hồi khóa."))


@admin.register(Account)
class AccountAdmin(ReadOnly):
    """Written by ``user_create`` and ``user_password_reset`` (pages, API, ``ketnap user``)."""

    list_display = ("user", "home_organization", "created_by", "must_change_password")
    list_filter = ("must_change_password",)
    search_fields = ("user__username", "home_organization__code")
    list_select_related = ("user", "home_organization", "created_by")


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnly):
    list_display = ("at", "username", "address")
    search_fields = ("username", "address")
    date_hierarchy = "at"


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class KetnapUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Django's user admin, with deactivation through the service that also revokes
    the user's API tokens. (Unticking "active" by hand also stops the tokens: they
    are refused for an inactive user, but stay unrevoked in the list.)"""

    actions = ["deactivate"]

    @admin.action(description=_("Khóa các tài khoản đã chọn và thu hồi khóa API của họ"))
    def deactivate(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        _run(
            self,
            request,
            queryset,
            lambda row: user_deactivate(actor=request.user, user=row),
            _("Đã khóa tài khoản và thu hồi khóa API."),
        )
