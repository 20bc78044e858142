"""The coverage and ratings sections of the organization page, as of the chosen date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ketnap.core.testing import World, make_member
from ketnap.organizations.models import Locality, LocalityCell, LocalityKind, VillageHead
from ketnap.ratings.services import RatingEntry, ratings_record

D = dt.date


@pytest.mark.django_db
def test_the_organization_page_shows_coverage_and_last_year_ratings(w: World) -> None:
    village = Locality.objects.create(
        code="t1", name="Thôn Một", kind=LocalityKind.VILLAGE, commune=w.commune_a, valid_from=D(2000, 1, 1)
    )
    LocalityCell.objects.create(locality=village, cell=w.cell_a, valid_from=D(2000, 1, 1))
    VillageHead.objects.create(locality=village, person=make_member(w.cell_a), valid_from=D(2020, 1, 1))
    entries = [RatingEntry("chi-bo-a", "good")]
    ratings_record(actor=w.editor_a, rater=w.commune_a, year=2023, subject="organizations", entries=entries)
    client = Client()
    client.force_login(w.viewer_commune_a)
    page = client.get("/to-chuc/xa-a/?ngay=2024-06-01").content.decode()
    assert "Độ phủ thôn, bản" in page and "Trưởng thôn, bản là đảng viên" in page
    assert "100,00%" in page
    assert "Xếp loại chất lượng năm 2023" in page and "1/1" in page
    earlier = client.get("/to-chuc/xa-a/?ngay=1999-06-01").content.decode()
    assert "Độ phủ thôn, bản" not in earlier and "Xếp loại chất lượng năm" not in earlier
