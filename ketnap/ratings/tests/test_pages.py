"""Ratings and coverage pages: the batch form, errors on the line, scope, downloads."""

from __future__ import annotations

import pytest
from django.test import Client

from ketnap.core.testing import World
from ketnap.ratings.models import Rating


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_editor_records_the_cells_of_a_commune(w: World) -> None:
    client = signed_in(w.editor_a)
    url = "/xep-loai/xa-a/nhap/?nam=2022"
    assert client.get(url).status_code == 200
    response = client.post(url, {"rated_on": "20/12/2022", "level_chi-bo-a": "good"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Rating.objects.get().edition == "QD132-2018"
    page = client.get("/xep-loai/xa-a/?nam=2022").content.decode()
    assert "1/1" in page


@pytest.mark.django_db
def test_a_refused_line_shows_its_error_and_writes_nothing(w: World) -> None:
    client = signed_in(w.editor_a)
    response = client.post("/xep-loai/xa-a/nhap/?nam=2025", {"level_chi-bo-a": "good"})
    assert response.status_code == 200
    assert "thang 100" in response.content.decode()
    assert Rating.objects.count() == 0


@pytest.mark.django_db
def test_a_viewer_cannot_open_the_entry_and_an_outsider_does_not_see_it(w: World) -> None:
    assert signed_in(w.viewer_commune_a).get("/xep-loai/xa-a/nhap/?nam=2022").status_code == 403
    assert signed_in(w.outsider_b).get("/xep-loai/xa-a/?nam=2022").status_code == 404
    assert signed_in(w.viewer_commune_a).get("/xep-loai/xa-a/?nam=abc").status_code == 400


@pytest.mark.django_db
def test_downloads_are_spreadsheets(w: World) -> None:
    client = signed_in(w.viewer_commune_a)
    response = client.get("/xep-loai/xa-a/xlsx/?nam=2022")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    response = client.get("/do-phu/xa-a/xlsx/?ngay=2024-01-01&ds=joint")
    assert response.status_code == 200
    assert client.get("/do-phu/xa-a/?ngay=2024-01-01").status_code == 200
    assert client.get("/do-phu/xa-a/?ngay=31/02/2024").status_code == 400
    assert client.get("/do-phu/xa-a/?ds=bogus").status_code == 404
    assert signed_in(w.outsider_b).get("/do-phu/xa-a/").status_code == 404


@pytest.mark.django_db
def test_the_links_carry_the_year_without_a_thousands_separator(w: World) -> None:
    client = signed_in(w.editor_a)
    page = client.get("/xep-loai/xa-a/?nam=2024").content.decode()
    assert "?nam=2024&amp;doi_tuong=organizations" in page and '?nam=2024"' in page
    assert "2.024" not in page
    assert '?nam=2024"' in client.get("/xep-loai/xa-a/nhap/?nam=2024").content.decode()
