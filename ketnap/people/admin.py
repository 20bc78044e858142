"""People in the admin, for inspection only.

Writes go through the services (names re-derived, periods re-projected, audited),
and the sensitive fields are left out: showing them here would bypass the audited
reveal.
"""

from __future__ import annotations

from django.contrib import admin

from ketnap.accounts.admin import ReadOnly
from ketnap.people.disclosure import SENSITIVE_FIELDS
from ketnap.people.models import (
    MembershipEvent,
    Person,
    Position,
    Profile,
    StatusPeriod,
    SupportAssignment,
)


class EventInline(admin.TabularInline):
    model = MembershipEvent
    fk_name = "person"
    fields = ("kind", "date", "effective_date", "organization", "other_organization", "supersedes", "document_number")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class ProfileInline(admin.TabularInline):
    model = Profile
    # Religion is sensitive: shown only through the audited reveal.
    fields = (
        "valid_from",
        "valid_to",
        "education",
        "professional",
        "political_theory",
        "occupation",
        "youth_union_member",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Person)
class PersonAdmin(ReadOnly):
    list_display = ("full_name", "birth_date", "gender", "organization")
    search_fields = ("search_name", "family_name", "given_name")
    list_select_related = ("organization",)
    exclude = SENSITIVE_FIELDS
    inlines = [ProfileInline, EventInline]
    ordering = ("sort_key",)


@admin.register(MembershipEvent)
class MembershipEventAdmin(ReadOnly):
    list_display = ("person", "kind", "date", "effective_date", "organization", "supersedes", "recorded_at")
    list_filter = ("kind",)
    search_fields = ("person__search_name", "document_number")
    list_select_related = ("person", "organization", "supersedes")
    date_hierarchy = "date"


@admin.register(StatusPeriod)
class StatusPeriodAdmin(ReadOnly):
    list_display = ("person", "status", "organization", "host_organization", "start", "end")
    list_filter = ("status",)
    search_fields = ("person__search_name",)
    list_select_related = ("person", "organization", "host_organization")


@admin.register(Position)
class PositionAdmin(ReadOnly):
    list_display = ("person", "kind", "organization", "valid_from", "valid_to")
    list_filter = ("kind",)
    list_select_related = ("person", "organization")


@admin.register(SupportAssignment)
class SupportAssignmentAdmin(ReadOnly):
    list_display = ("person", "cell", "kind", "households", "valid_from", "valid_to")
    list_filter = ("kind",)
    list_select_related = ("person", "cell")
