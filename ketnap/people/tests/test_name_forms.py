"""Names are stored in NFC without zero-width characters; search folds NFKC and ignores
zero-width characters on both sides, so a name typed or pasted oddly is still found."""

from __future__ import annotations

import datetime as dt
import importlib
import unicodedata

import pytest
from django.apps import apps

from ketnap.admission.models import AdmissionCase, Relative
from ketnap.core.testing import build_world
from ketnap.lib.vntext import fold
from ketnap.organizations.models import Organization, OrgKind
from ketnap.organizations.selectors import organization_list
from ketnap.organizations.services import organization_open
from ketnap.people.models import Person
from ketnap.people.selectors import people_list
from ketnap.people.services import person_create, person_update

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 1)


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def new_person(world, **names):
    fields = {
        "family_name": "Nguyễn",
        "middle_name": "Thị",
        "given_name": "Hoa",
        "gender": "female",
        "birth_date": dt.date(2000, 1, 1),
        "education": "upper_secondary",
        **names,
    }
    return person_create(actor=world.editor_a, organization=world.cell_a, **fields)


def test_fold_reads_full_width_and_zero_width_alike():
    assert fold("Ｍường\u200b Tè") == "muong te"
    assert fold("\ufeffNguyễn\u2060 Văn\u200c Đạt\u200d") == "nguyen van dat"
    assert fold(decomposed("Nguyễn Văn Đạt")) == "nguyen van dat"


def test_person_names_are_stored_nfc_without_zero_width_characters():
    world = build_world()
    person = new_person(world, family_name=decomposed("Nguyễn"), given_name="Ho\u200ba")
    person.refresh_from_db()
    assert (person.family_name, person.given_name) == ("Nguyễn", "Hoa")
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.search_name == "nguyen thi hoa"
    person = person_update(actor=world.editor_a, person=person, middle_name=decomposed("Thị\u200b"))
    person.refresh_from_db()
    assert person.middle_name == "Thị"


def test_search_finds_a_name_whatever_the_query_carries():
    world = build_world()
    person = new_person(world, given_name=decomposed("Hoà"))
    for query in ("hoa", "Hoà", decomposed("Hoà"), "Ｈｏà", "Ho\u200bà", "\ufeffnguyễn thị hoà"):
        found = people_list(world.editor_a, query=query)
        assert person in found, query


def test_organization_names_are_stored_nfc_and_found_by_any_form():
    world = build_world()
    org = organization_open(
        actor=world.admin,
        parent=world.district_a,
        code="xa-muong-te",
        name=decomposed("Đảng bộ xã Mường\u200b Tè"),
        kind=OrgKind.GRASSROOTS_COMMITTEE,
        sector="commune",
        valid_from=dt.date(2020, 1, 1),
    )
    org.refresh_from_db()
    assert org.name == "Đảng bộ xã Mường Tè"
    for query in ("muong te", "Ｍường Tè", "Mường\u200b Tè", decomposed("mường tè")):
        assert list(organization_list(world.editor_a, as_of=TODAY, query=query)) == [org], query


def test_relative_names_are_stored_nfc():
    world = build_world()
    person = new_person(world)
    case = AdmissionCase.objects.create(person=person, cell=world.cell_a, opened_on=TODAY)
    relative = Relative(case=case, full_name=decomposed(" Lò Văn Páo\u200b "), relation="father")
    relative.full_clean()
    assert relative.full_name == "Lò Văn Páo"


def test_the_migrations_normalize_names_and_refold_search_columns():
    world = build_world()
    person = new_person(world)
    Person.objects.filter(pk=person.pk).update(given_name=decomposed("Hoà\u200b"), search_name="stale")
    Organization.objects.filter(pk=world.cell_a.pk).update(name="Chi bộ\u200b A", search_name="stale")
    importlib.import_module("ketnap.people.migrations.0004_names_nfc_and_refolded").normalize(apps, None)
    importlib.import_module("ketnap.organizations.migrations.0005_names_nfc_and_refolded").normalize(apps, None)
    person.refresh_from_db()
    assert (person.given_name, person.search_name) == ("Hoà", "nguyen thi hoa")
    cell = Organization.objects.get(pk=world.cell_a.pk)
    assert (cell.name, cell.search_name) == ("Chi bộ A", "chi bo a")
