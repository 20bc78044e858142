"""The demo reproduces Mường Lát 2022: 24/24 program cells completed tasks well or better."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from ketnap.demo.muong_lat import PROGRAM_CODE
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Program
from ketnap.ratings.models import Rating
from ketnap.ratings.selectors import program_summary
from ketnap.rules.ratings import Level, check_cap, rating_edition_on


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


@pytest.mark.django_db
def test_muong_lat_24_of_24_program_cells_good_or_better_in_2022() -> None:
    summary = program_summary(Program.objects.get(code=PROGRAM_CODE), 2022)
    assert (summary.good_or_better, summary.total) == (24, 24)


@pytest.mark.django_db
def test_each_commune_keeps_within_the_cap_of_the_edition_in_force() -> None:
    ratings = Rating.objects.filter(year=2022)
    edition = rating_edition_on(ratings.first().rated_on)  # type: ignore[union-attr]
    for rater in {r.rated_by_id for r in ratings}:
        assert check_cap(edition, [Level(r.level) for r in ratings.filter(rated_by_id=rater)]) == []


@pytest.mark.django_db
def test_the_ratings_report_counts_the_cells_of_the_district() -> None:
    out = StringIO()
    call_command("report", "ratings", "--org", "muong-lat", "--year", "2022", stdout=out)
    data = json.loads(out.getvalue())
    assert data["cells"]["good_or_better"] == 24
    assert data["cells"]["rated"] == 24
