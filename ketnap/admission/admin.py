"""Admission in the admin: superusers correct the calendar and the competent authority
through the services (checked and audited like everywhere else); the rest is read-only,
because cases change only by recorded steps."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from ketnap.accounts.admin import ReadOnly, SuperuserOnly
from ketnap.admission.calendar import calendar_day_set
from ketnap.admission.models import (
    AdmissionCase,
    AuthoritySetting,
    AwarenessCertificate,
    CalendarDay,
    CaseStep,
    HelpingCell,
    Prospect,
)
from ketnap.admission.services import authority_set
from ketnap.core.errors import DomainError


class _ThroughService(SuperuserOnly):
    """Saves call a service; a refusal is shown as a message instead of a saved row."""

    def call(self, request: HttpRequest, obj: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            saved = self.call(request, obj)
        except DomainError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return
        obj.pk = saved.pk


@admin.register(CalendarDay)
class CalendarDayAdmin(_ThroughService):
    list_display = ("date", "kind", "name", "document", "updated_at")
    list_filter = ("kind",)
    date_hierarchy = "date"
    fields = ("date", "kind", "name", "document")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("date",) if obj else ()

    def call(self, request: HttpRequest, obj: CalendarDay) -> Any:
        return calendar_day_set(actor=request.user, date=obj.date, kind=obj.kind, name=obj.name, document=obj.document)


@admin.register(AuthoritySetting)
class AuthoritySettingAdmin(_ThroughService):
    list_display = ("organization", "body", "deciding_organization", "upper_kind", "valid_from", "valid_to")
    list_filter = ("body", "upper_kind")
    list_select_related = ("organization", "deciding_organization")
    raw_id_fields = ("organization", "deciding_organization")
    fields = ("organization", "body", "deciding_organization", "upper_kind", "grassroots_authorised", "valid_from")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A setting is never edited: a new dated one closes it.
        return obj is None and super().has_change_permission(request, obj)

    def call(self, request: HttpRequest, obj: AuthoritySetting) -> Any:
        return authority_set(
            actor=request.user,
            organization=obj.organization,
            body=obj.body,
            deciding_organization=obj.deciding_organization,
            upper_kind=obj.upper_kind,
            grassroots_authorised=obj.grassroots_authorised,
            valid_from=obj.valid_from,
        )


@admin.register(AdmissionCase)
class AdmissionCaseAdmin(ReadOnly):
    list_display = ("person", "cell", "kind", "stage", "opened_on", "due_on", "closed_on", "outcome")
    list_filter = ("stage", "kind", "outcome")
    list_select_related = ("person", "cell")
    search_fields = ("person__search_name",)


@admin.register(CaseStep)
class CaseStepAdmin(ReadOnly):
    list_display = ("case", "kind", "occurred_on", "document_number", "void", "supersedes", "recorded_by")
    list_filter = ("kind", "void")
    list_select_related = ("case__person", "supersedes", "recorded_by")


@admin.register(Prospect)
class ProspectAdmin(ReadOnly):
    list_display = ("person", "cell", "origin", "noted_on", "left_on")
    list_select_related = ("person", "cell")


@admin.register(AwarenessCertificate)
class AwarenessCertificateAdmin(ReadOnly):
    list_display = ("person", "issued_on", "number", "issuer")
    list_select_related = ("person",)


@admin.register(HelpingCell)
class HelpingCellAdmin(ReadOnly):
    list_display = ("locality", "cell", "valid_from", "valid_to", "document_number")
    list_select_related = ("locality", "cell")
