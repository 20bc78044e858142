"""The audit log in the admin: read-only, as the table itself is append-only.

Sensitive values are stored masked and shown hidden; their fingerprints (which tell
whether a value changed) are shown on a separate page, after a POST, to a user who
may see the sensitive fields of the row's organization, and that showing is audited.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ketnap.accounts.admin import ReadOnly
from ketnap.audit.masking import shown
from ketnap.audit.models import AuditEntry
from ketnap.audit.services import audit_reveal
from ketnap.core.errors import DomainError


def _pretty(data: Any) -> str:
    return format_html("<pre>{}</pre>", json.dumps(data, indent=2, ensure_ascii=False))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ("at", "actor", "action", "object_type", "object_repr", "request_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "object_id", "request_id", "actor__username")
    date_hierarchy = "at"
    list_select_related = ("actor",)
    fields = (
        "at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "organization_path",
        "before_shown",
        "after_shown",
        "reveal_link",
        "reason",
        "request_id",
        "address",
        "prev_hash",
        "hash",
    )
    readonly_fields = fields

    @admin.display(description=_("trước"))
    def before_shown(self, entry: AuditEntry) -> str:
        return _pretty(shown(entry.before, revealed=False))

    @admin.display(description=_("sau"))
    def after_shown(self, entry: AuditEntry) -> str:
        return _pretty(shown(entry.after, revealed=False))

    @admin.display(description=_("giá trị đã che"))
    def reveal_link(self, entry: AuditEntry) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:audit_auditentry_reveal", args=[entry.pk]),
            _("Xem dấu vân tay của các giá trị đã che"),
        )

    def get_urls(self) -> list[URLPattern]:
        reveal = path("<int:pk>/reveal/", self.admin_site.admin_view(self.reveal_view), name="audit_auditentry_reveal")
        return [reveal, *super().get_urls()]

    def reveal_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET asks to confirm; POST shows the fingerprints and audits that."""
        entry = get_object_or_404(AuditEntry, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "entry": entry,
            "opts": self.opts,
            "title": _("Giá trị đã che"),
        }
        if request.method == "POST":
            context["values"] = {key: _pretty(value) for key, value in self._revealed(request, entry).items()}
        return TemplateResponse(request, "audit/admin/reveal.html", context)

    def _revealed(self, request: HttpRequest, entry: AuditEntry) -> dict[str, Any]:
        try:
            return audit_reveal(actor=request.user, entry=entry)
        except DomainError as error:
            raise (Http404 if error.code == "not_found" else PermissionDenied) from error
