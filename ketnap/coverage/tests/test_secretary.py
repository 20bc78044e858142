"""Recording a cell's secretary: the previous term ends, only members, scope three ways."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from ketnap.accounts.tokens import token_create
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.testing import World, make_member, make_person
from ketnap.coverage.services import cell_secretary, cell_secretary_set
from ketnap.people.models import Position

D = dt.date


@pytest.mark.django_db
def test_a_new_secretary_ends_the_previous_term(w: World) -> None:
    first, second = make_member(w.cell_a, given="Một"), make_member(w.cell_a, given="Hai")
    cell_secretary_set(actor=w.editor_a, cell=w.cell_a, person=first, valid_from=D(2020, 8, 1))
    cell_secretary_set(actor=w.editor_a, cell=w.cell_a, person=second, valid_from=D(2023, 1, 1))
    assert cell_secretary(w.cell_a, D(2022, 12, 31)).person == first  # type: ignore[union-attr]
    assert cell_secretary(w.cell_a, D(2023, 1, 1)).person == second  # type: ignore[union-attr]
    with pytest.raises(ValidationFailed) as caught:
        cell_secretary_set(actor=w.editor_a, cell=w.cell_a, person=first, valid_from=D(2022, 1, 1))
    assert list(caught.value.errors) == ["valid_from"]


@pytest.mark.django_db
def test_only_a_member_of_a_cell_and_only_in_scope(w: World) -> None:
    with pytest.raises(ValidationFailed):
        cell_secretary_set(actor=w.editor_a, cell=w.cell_a, person=make_person(w.cell_a), valid_from=D(2024, 1, 1))
    with pytest.raises(ValidationFailed):
        cell_secretary_set(actor=w.editor_a, cell=w.commune_a, person=make_member(w.cell_a), valid_from=D(2024, 1, 1))
    member = make_member(w.cell_a, given="Ba")
    with pytest.raises(PermissionDenied):
        cell_secretary_set(actor=w.viewer_commune_a, cell=w.cell_a, person=member, valid_from=D(2024, 1, 1))
    with pytest.raises(NotFound):
        cell_secretary_set(actor=w.outsider_b, cell=w.cell_a, person=member, valid_from=D(2024, 1, 1))
    assert Position.objects.count() == 0


@pytest.mark.django_db
def test_the_page_and_the_api_record_a_secretary(w: World) -> None:
    member = make_member(w.cell_a)
    client = Client()
    client.force_login(w.editor_a)
    assert client.get("/do-phu/chi-bo-a/bi-thu/").status_code == 200
    response = client.post("/do-phu/chi-bo-a/bi-thu/", {"person": member.pk, "valid_from": "01/08/2020"})
    assert response.status_code == 302
    other = make_member(w.cell_a, given="Tư")
    token = token_create(actor=None, user=w.editor_a, label="t")[1]
    body = {"person_id": other.pk, "valid_from": "2024-01-01"}
    response = client.post(
        "/api/v1/organizations/chi-bo-a/secretary",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    assert cell_secretary(w.cell_a, D(2024, 6, 1)).person == other  # type: ignore[union-attr]
    viewer = Client()
    viewer.force_login(w.viewer_commune_a)
    assert viewer.get("/do-phu/chi-bo-a/bi-thu/").status_code == 403
