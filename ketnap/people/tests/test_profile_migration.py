"""The data migration that opens a profile row for every person already on file."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from ketnap.core.testing import build_world, make_person
from ketnap.people.models import Profile

migration = importlib.import_module("ketnap.people.migrations.0003_profile_rows_for_existing_people")


@pytest.mark.django_db
def test_opens_one_row_from_the_birth_date_and_reverses() -> None:
    world = build_world()
    person = make_person(world.cell_a, birth_date=dt.date(1980, 3, 4), religion="buddhism", youth_union_member=True)
    migration.delete_rows(apps, None)
    assert not Profile.objects.exists()
    migration.open_first_rows(apps, None)
    migration.open_first_rows(apps, None)  # a person who has a row gets no second one
    row = Profile.objects.get()
    assert (row.person, row.valid_from, row.valid_to) == (person, dt.date(1980, 3, 4), None)
    assert (row.religion, row.youth_union_member, row.education) == ("buddhism", True, person.education)
