"""Dates on pages go through the one parser: a day that does not exist, one out of the
supported range or one before the first regulation edition is a 400/422 page with a
Vietnamese message, never a 500 and never silently today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ketnap.admission.models import AdmissionCase, CaseStep
from ketnap.core.testing import World, build_world, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def case(world: World) -> AdmissionCase:
    person = make_person(world.cell_a, given="Cường", birth_date=dt.date(2000, 3, 5))
    return AdmissionCase.objects.create(person=person, cell=world.cell_a, opened_on=dt.date(2025, 1, 6))


@pytest.fixture
def client(world: World) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.editor_a)
    return client


def date_pages(case: AdmissionCase) -> list[str]:
    return [
        reverse("home"),
        reverse("organization", args=["xa-a"]),
        reverse("people"),
        reverse("admission:board", args=["xa-a"]),
        reverse("admission:queue", args=["xa-a"]),
        reverse("admission:prospects", args=["xa-a"]),
        reverse("admission:case", args=[case.pk]),
        reverse("admission:document", args=[case.pk, "checklist"]),
    ]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("31/02/2023", "Ngày 31/02/2023 không tồn tại trong lịch."),
        ("2023-02-31", "Ngày 2023-02-31 không tồn tại trong lịch."),
        ("0001-01-01", "nằm ngoài khoảng ngày được hỗ trợ"),
        ("9999-12-31", "nằm ngoài khoảng ngày được hỗ trợ"),
        ("20230101", "không phải một ngày"),
    ],
)
def test_a_bad_date_is_a_400_that_says_why_on_every_page(client, case, value, said):
    for url in date_pages(case):
        response = client.get(url, {"ngay": value})
        assert response.status_code == 400, url
        assert said in response.content.decode(), url


def test_the_edges_of_the_range_never_give_a_server_error(client, case):
    for url in date_pages(case):
        for value in ("01/01/1930", "31/12/2199"):
            assert client.get(url, {"ngay": value}).status_code < 500, (url, value)


def test_a_case_read_before_the_first_edition_names_both_dates(client, case):
    response = client.get(reverse("admission:case", args=[case.pk]), {"ngay": "01/01/2010"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Ngày 01/01/2010 trước văn bản quy định sớm nhất" in html
    assert "25/07/2016" in html


def test_a_step_dated_before_the_first_edition_is_a_form_error_and_nothing_is_written(client, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    response = client.post(url, {"occurred_on": "01/01/2010", "expected_version": case.version})
    assert response.status_code == 200
    assert "trước văn bản quy định sớm nhất" in response.content.decode()
    assert not CaseStep.objects.filter(case=case).exists()


def test_a_note_over_the_limit_is_refused_on_the_page_as_by_the_api(client, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    data = {"occurred_on": "10/01/2025", "expected_version": case.version, "note": "x" * 4001}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "4000" in response.content.decode().replace(".", "")
    assert not CaseStep.objects.filter(case=case).exists()
