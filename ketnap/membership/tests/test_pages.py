"""The ledger pages: forms accept dd/mm/yyyy, refusals show on the field, scope three ways."""

from __future__ import annotations

import pytest
from django.test import Client

from ketnap.membership import services
from ketnap.people.models import MembershipEvent

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_url(ledger, slug="mien-sinh-hoat"):
    return f"/dang-tich/nguoi/{ledger.member.pk}/{slug}/"


DATA = {"date": "04/05/2026", "document_number": "12-NQ/CB", "issuer": "Chi bộ thôn A", "note": ""}


def test_the_form_accepts_dd_mm_yyyy_and_records(ledger):
    response = client_for(ledger.w.editor_a).post(form_url(ledger), DATA)
    assert response.status_code == 302, response.content.decode()
    assert MembershipEvent.objects.filter(person=ledger.member, kind="exempted", date="2026-05-04").exists()


def test_a_refusal_is_shown_on_the_date_field(ledger):
    response = client_for(ledger.w.editor_a).post(form_url(ledger, "thoi-mien"), DATA)
    assert response.status_code == 200
    assert "không ghi nhận được sự kiện này" in response.content.decode().lower()


def test_a_malformed_date_is_a_form_error(ledger):
    response = client_for(ledger.w.editor_a).post(form_url(ledger), {**DATA, "date": "31/02/2026"})
    assert response.status_code == 200
    assert "dd/mm/yyyy" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("nobody", 404), ("outsider_b", 404), ("viewer_commune_a", 403)])
def test_scope_three_ways(ledger, who, status):
    assert client_for(getattr(ledger.w, who)).get(form_url(ledger)).status_code == status
    assert client_for(ledger.w.editor_a).get(form_url(ledger)).status_code == 200


def test_removal_form_needs_an_approver(ledger):
    assert client_for(ledger.w.editor_a).get(form_url(ledger, "xoa-ten")).status_code == 403
    assert client_for(ledger.approver_a).get(form_url(ledger, "xoa-ten")).status_code == 200


def test_the_receiver_lists_the_incoming_transfer(ledger):
    import datetime as dt

    services.transfer_send(
        actor=ledger.w.editor_a,
        person=ledger.member,
        destination=ledger.w.cell_b,
        letter_on=dt.date(2026, 5, 4),
        document_number="45",
        issuer="Đảng ủy xã A",
    )
    page = client_for(ledger.receiver).get("/dang-tich/to-chuc/chi-bo-b/").content.decode()
    assert "Nguyễn Văn Minh" in page
    assert client_for(ledger.w.nobody).get("/dang-tich/to-chuc/chi-bo-b/").status_code == 404


def test_the_directory_page_is_paginated_and_searchable(ledger):
    page = client_for(ledger.w.viewer_commune_a).get("/dang-tich/danh-ba/?q=thon+b").content.decode()
    assert "chi-bo-b" in page and "chi-bo-a" not in page


def test_the_receiver_opens_the_person_page_without_sensitive_data_while_pending(ledger):
    import datetime as dt

    from ketnap.people.models import Person

    Person.objects.filter(pk=ledger.member.pk).update(citizen_id="001190004321")
    url = f"/nguoi/{ledger.member.pk}/"
    client = client_for(ledger.receiver)
    assert client.get(url).status_code == 404
    transfer = services.transfer_send(
        actor=ledger.w.editor_a,
        person=ledger.member,
        destination=ledger.w.cell_b,
        letter_on=dt.date(2026, 5, 4),
        document_number="45",
        issuer="Đảng ủy xã A",
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "001190004321" not in page.content.decode()
    services.transfer_return(actor=ledger.receiver, transfer=transfer, closed_on=dt.date(2026, 6, 1), reason="Sai")
    assert client.get(url).status_code == 404


def test_the_transfer_pages_in_english(ledger):
    from django.urls import reverse

    client = client_for(ledger.receiver)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/dang-tich/to-chuc/chi-bo-b/").content.decode()
    assert "Transferring in" in page and "No member is transferring in." in page
    refused = client_for(ledger.w.editor_a)
    refused.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = refused.post(form_url(ledger, "thoi-mien"), DATA).content.decode()
    assert "This event cannot be recorded for this person, official member on 04/05/2026" in body


def test_an_unknown_host_code_is_a_field_error(ledger):
    data = {**DATA, "host": "khong-co", "temporary_until": "01/12/2026"}
    response = client_for(ledger.w.editor_a).post(form_url(ledger, "sinh-hoat-tam-thoi"), data)
    assert response.status_code == 200
    assert "id_host-error" in response.content.decode()
