"""Organization search: one selector for the API (and the pages), folded names."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from ketnap.core.testing import build_world, make_org
from ketnap.organizations.models import Organization, OrgKind
from ketnap.organizations.selectors import organization_children, organization_list
from ketnap.organizations.services import organization_open

TODAY = dt.date(2025, 1, 1)
migration = importlib.import_module("ketnap.organizations.migrations.0004_fill_organization_search_name")

pytestmark = pytest.mark.django_db


def test_opened_organizations_get_a_folded_search_name() -> None:
    world = build_world()
    org = organization_open(
        actor=world.admin,
        parent=world.district_a,
        code="xa-muong-te",
        name="Đảng bộ xã Mường Tè",
        kind=OrgKind.GRASSROOTS_COMMITTEE,
        sector="commune",
        valid_from=dt.date(2020, 1, 1),
    )
    assert org.search_name == "dang bo xa muong te"
    assert list(organization_list(world.editor_a, as_of=TODAY, query="muong te")) == [org]
    assert list(organization_list(world.outsider_b, as_of=TODAY, query="muong te")) == []


def test_with_a_parent_it_lists_what_the_tree_page_lists() -> None:
    world = build_world()
    make_org(world.district_a, "xa-cu", OrgKind.GRASSROOTS_COMMITTEE, valid_to=dt.date(2020, 1, 1))
    listed = list(organization_list(world.editor_a, as_of=TODAY, parent=world.district_a))
    assert listed == list(organization_children(world.editor_a, world.district_a, TODAY))
    assert [o.code for o in listed] == ["xa-a"]


def test_the_data_migration_fills_and_empties_the_search_names() -> None:
    build_world()
    Organization.objects.update(search_name="")
    migration.fill(apps, None)
    assert Organization.objects.get(code="tinh-a").search_name == "dang bo tinh a"
    migration.empty(apps, None)
    assert not Organization.objects.exclude(search_name="").exists()


def test_a_node_has_children_only_while_one_of_them_is_valid() -> None:
    world = build_world()
    make_org(Organization.objects.get(code="xa-b"), "chi-bo-cu", OrgKind.SUBORDINATE_CELL, valid_to=dt.date(2020, 1, 1))
    Organization.objects.filter(code="chi-bo-b").update(valid_from=dt.date(2022, 1, 1))
    children = {o.code: o.has_children for o in organization_children(world.admin, world.province_b, TODAY)}
    assert children == {"xa-b": True}
    in_2021 = {
        o.code: o.has_children for o in organization_children(world.admin, world.province_b, dt.date(2021, 1, 1))
    }
    assert in_2021 == {"xa-b": False}
    in_2019 = {
        o.code: o.has_children for o in organization_children(world.admin, world.province_b, dt.date(2019, 1, 1))
    }
    assert in_2019 == {"xa-b": True}


def test_has_children_ignores_grandchildren_and_neighbours_paths() -> None:
    world = build_world()
    leaf = make_org(world.province_a, "huyen-trong", OrgKind.UPPER)
    after = make_org(world.province_a, "huyen-sau", OrgKind.UPPER)
    make_org(after, "xa-sau", OrgKind.GRASSROOTS_COMMITTEE)
    flags = {o.code: o.has_children for o in organization_children(world.admin, world.province_a, TODAY)}
    assert flags == {"huyen-a": True, leaf.code: False, after.code: True}
    roots = {o.code: o.has_children for o in organization_children(world.admin, world.root, TODAY)}
    assert roots == {"tinh-a": True, "tinh-b": True}
