"""The audit log in the admin: read-only, as the table itself is append-only."""

from __future__ import annotations

from django.contrib import admin

from ketnap.accounts.admin import ReadOnly
from ketnap.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ("at", "actor", "action", "object_type", "object_repr", "request_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "object_id", "request_id", "actor__username")
    date_hierarchy = "at"
    list_select_related = ("actor",)
