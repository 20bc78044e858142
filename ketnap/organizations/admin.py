"""Organizations in the admin.

Read-only: the tree, localities, the cells serving them, village heads and
programs change only through the organization services (open, close, reorganize,
locality, village head and program services), which check and audit each change.
"""

from __future__ import annotations

from django.contrib import admin

from ketnap.accounts.admin import ReadOnly
from ketnap.organizations.models import Locality, LocalityCell, Organization, Program, Reorganization, VillageHead


@admin.register(Organization)
class OrganizationAdmin(ReadOnly):
    list_display = ("code", "name", "kind", "sector", "depth", "valid_from", "valid_to")
    list_filter = ("kind", "sector")
    search_fields = ("code", "name")
    ordering = ("path",)


@admin.register(Reorganization)
class ReorganizationAdmin(ReadOnly):
    list_display = ("kind", "effective_on", "document_number")
    list_filter = ("kind",)
    date_hierarchy = "effective_on"


@admin.register(Locality)
class LocalityAdmin(ReadOnly):
    list_display = ("code", "name", "kind", "commune", "hardship_area", "valid_from", "valid_to")
    list_filter = ("kind", "hardship_area")
    search_fields = ("code", "name")


@admin.register(LocalityCell)
class LocalityCellAdmin(ReadOnly):
    list_display = ("locality", "cell", "valid_from", "valid_to")


@admin.register(VillageHead)
class VillageHeadAdmin(ReadOnly):
    list_display = ("locality", "person", "valid_from", "valid_to")


@admin.register(Program)
class ProgramAdmin(ReadOnly):
    list_display = ("code", "name", "owner", "start", "end")
    search_fields = ("code", "name")
