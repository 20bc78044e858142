"""Organizations in the admin.

The tree itself changes only through the organization services (open, close,
reorganize), so it is read-only here; localities, the cells serving them, village
heads and programs may be corrected by a superuser, each save audited.
"""

from __future__ import annotations

from django.contrib import admin

from ketnap.accounts.admin import Audited, ReadOnly
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
class LocalityAdmin(Audited):
    list_display = ("code", "name", "kind", "commune", "hardship_area", "valid_from", "valid_to")
    list_filter = ("kind", "hardship_area")
    search_fields = ("code", "name")
    raw_id_fields = ("commune",)


@admin.register(LocalityCell)
class LocalityCellAdmin(Audited):
    list_display = ("locality", "cell", "valid_from", "valid_to")
    raw_id_fields = ("locality", "cell")


@admin.register(VillageHead)
class VillageHeadAdmin(Audited):
    list_display = ("locality", "person", "valid_from", "valid_to")
    raw_id_fields = ("locality", "person")


@admin.register(Program)
class ProgramAdmin(Audited):
    list_display = ("code", "name", "owner", "start", "end")
    search_fields = ("code", "name")
    raw_id_fields = ("owner",)
    filter_horizontal = ("organizations",)
