"""Personas and builders shared by the test suites.

The personas are the same everywhere: an administrator at the national root, an
editor of province A, a viewer of a commune in A, and an outsider who holds a role
only in province B. Every permission-bearing page and endpoint is tested with no
role, with a role in scope, and with a role on a sibling.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection

from ketnap.accounts.models import RoleAssignment
from ketnap.audit.models import AuditEntry
from ketnap.lib.vntext import fold, name_sort_key
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.people import status
from ketnap.people.models import MembershipEvent, Person, Profile
from ketnap.people.services import person_rebuild_periods

LONG_AGO = dt.date(2000, 1, 1)
_counter = itertools.count(1)


def make_org(
    parent: Organization | None,
    code: str,
    kind: str,
    *,
    name: str = "",
    sector: str = Sector.COMMUNE,
    valid_from: dt.date = LONG_AGO,
    valid_to: dt.date | None = None,
) -> Organization:
    name = name or code.replace("-", " ").title()
    node = Organization(
        code=code,
        name=name,
        search_name=fold(name),
        kind=kind,
        sector=sector,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return (
        Organization.objects.add_child(parent, instance=node)
        if parent
        else Organization.objects.add_root(instance=node)
    )


def make_person(
    org: Organization,
    *,
    family: str = "Nguyễn",
    middle: str = "Văn",
    given: str = "An",
    gender: str = "male",
    birth_date: dt.date = dt.date(1990, 1, 1),
    **fields: Any,
) -> Person:
    person = Person(
        organization=org,
        family_name=family,
        middle_name=middle,
        given_name=given,
        gender=gender,
        birth_date=birth_date,
        education=fields.pop("education", "upper_secondary"),
        **fields,
    )
    person.search_name = fold(person.full_name)
    person.sort_key = name_sort_key(family, middle, given)
    person.save()
    Profile.first_for(person).save()  # as person_create does
    return person


def add_events(person: Person, *events: tuple[str, dt.date] | tuple[str, dt.date, dict[str, Any]]) -> Person:
    """Append events without the service (no actor needed), then re-project."""
    for item in events:
        kind, date = item[0], item[1]
        extra = item[2] if len(item) > 2 else {}  # type: ignore[misc]
        extra.setdefault("organization", person.organization if kind in ("admitted", "ceremony") else None)
        MembershipEvent.objects.create(person=person, kind=status.EventKind(kind).value, date=date, **extra)
    person_rebuild_periods(person)
    return person


def make_member(
    org: Organization, *, ceremony: dt.date = dt.date(2015, 3, 1), official: bool = True, **fields: Any
) -> Person:
    person = make_person(org, **fields)
    events: list[Any] = [("admitted", ceremony - dt.timedelta(days=20)), ("ceremony", ceremony)]
    if official:
        events.append(
            (
                "recognized",
                ceremony.replace(year=ceremony.year + 1) + dt.timedelta(days=10),
                {"effective_date": ceremony.replace(year=ceremony.year + 1)},
            )
        )
    return add_events(person, *events)


def make_user(username: str, *roles: tuple[Organization, str], superuser: bool = False) -> Any:
    user = get_user_model().objects.create_user(
        username=username, password="correct-horse-battery", is_superuser=superuser, is_staff=superuser
    )
    for org, role in roles:
        RoleAssignment.objects.create(user=user, organization=org, role=role, valid_from=LONG_AGO)
    return user


@dataclass
class World:
    root: Organization
    province_a: Organization
    district_a: Organization
    commune_a: Organization
    cell_a: Organization
    province_b: Organization
    cell_b: Organization
    admin: Any
    editor_a: Any
    viewer_commune_a: Any
    outsider_b: Any
    nobody: Any


def build_world() -> World:
    """A small two-province tree with the four personas (and a user with no role)."""
    root = make_org(None, "vn", OrgKind.NATIONAL, name="Toàn quốc")
    province_a = make_org(root, "tinh-a", OrgKind.PROVINCIAL, name="Đảng bộ tỉnh A")
    district_a = make_org(province_a, "huyen-a", OrgKind.UPPER, name="Đảng bộ huyện A")
    commune_a = make_org(district_a, "xa-a", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã A")
    cell_a = make_org(commune_a, "chi-bo-a", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn A", sector=Sector.VILLAGE)
    province_b = make_org(root, "tinh-b", OrgKind.PROVINCIAL, name="Đảng bộ tỉnh B")
    commune_b = make_org(province_b, "xa-b", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã B")
    cell_b = make_org(commune_b, "chi-bo-b", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn B", sector=Sector.VILLAGE)
    return World(
        root=root,
        province_a=province_a,
        district_a=district_a,
        commune_a=commune_a,
        cell_a=cell_a,
        province_b=province_b,
        cell_b=cell_b,
        admin=make_user("admin", (root, "admin")),
        editor_a=make_user("editor_a", (province_a, "editor")),
        viewer_commune_a=make_user("viewer_xa_a", (commune_a, "viewer")),
        outsider_b=make_user("outsider_b", (province_b, "admin")),
        nobody=make_user("nobody"),
    )


def reload(org: Organization) -> Organization:
    return Organization.objects.get(pk=org.pk)


def clear_audit_log() -> None:
    """Empty the audit log, for the end of a transactional test (live server, browser).

    The append-only triggers refuse every DELETE, the test flush's included, so they
    are lifted for this cleanup only, with the migration's own SQL, and put back.
    Never call this outside tests.
    """
    triggers = importlib.import_module("ketnap.audit.migrations.0002_append_only_triggers")
    with connection.schema_editor() as editor:
        triggers.backwards(None, editor)
    try:
        AuditEntry.objects.all()._raw_delete(using=connection.alias)
    finally:
        with connection.schema_editor() as editor:
            triggers.forwards(None, editor)
