"""Django admin for accounts, and the mixins every ketnap admin uses.

The admin is a superuser's inspection and repair tool, not a second way around
the services: writes that have a service are not offered here, records with
history are closed (``valid_to``) rather than deleted, and every save is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketnap.accounts.models import ApiToken, LoginFailure, RoleAssignment
from ketnap.accounts.tokens import token_revoke
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy


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


class Audited(SuperuserOnly):
    """Editable by superusers; each save writes an audit row in the same transaction."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.model_name}.{'update' if change else 'create'}"
        audit_log(
            actor=request.user,
            action=f"admin.{action}",
            obj=obj,
            before=before,
            after=snapshot(obj),
            organization_path=policy.path_of(obj).strip("\x00"),
        )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(Audited):
    list_display = ("user", "role", "organization", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "organization__code", "organization__name")
    raw_id_fields = ("user", "organization")
    date_hierarchy = "valid_from"


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
        for token in queryset:
            token_revoke(actor=request.user, token=token)
        self.message_user(request, _("Đã thu hồi khóa."), messages.SUCCESS)


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnly):
    list_display = ("at", "username", "address")
    search_fields = ("username", "address")
    date_hierarchy = "at"
