"""The person page: history, timeline with corrections, masked sensitive fields, reveal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ketnap.audit.models import AuditEntry
from ketnap.core.testing import add_events, make_person
from ketnap.people.models import MembershipEvent

from .conftest import client_for

pytestmark = pytest.mark.django_db

SECRETS = ("Mông", "Tin lành", "038188004321", "Đã thẩm tra lý lịch")


@pytest.mark.parametrize(
    ("persona", "status"), [("nobody", 404), ("viewer_commune_a", 200), ("editor_a", 200), ("outsider_b", 404)]
)
def test_person_page_three_ways(world, member_a, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("person", args=[member_a.pk]))
    assert response.status_code == status


def test_anonymous_is_sent_to_login(client, member_a):
    assert client.get(reverse("person", args=[member_a.pk])).status_code == 302


def test_page_shows_history_timeline_and_party_age(world, member_a):
    html = client_for(world.viewer_commune_a).get(reverse("person", args=[member_a.pk])).content.decode()
    assert "Hoàng Thị Mỷ" in html
    assert "21/05/1988" in html
    assert "Lễ kết nạp" in html and "01/03/2015" in html
    assert "Công nhận đảng viên chính thức" in html
    assert "Đảng viên chính thức" in html
    assert "Tuổi đảng:" in html


def test_corrections_are_struck_through_not_hidden(world):
    person = make_person(world.cell_a, given="Sửa")
    add_events(person, ("admitted", dt.date(2020, 1, 10)), ("ceremony", dt.date(2020, 2, 1)))
    wrong = MembershipEvent.objects.get(person=person, kind="ceremony")
    add_events(person, ("void", dt.date(2020, 3, 1), {"supersedes": wrong}))
    html = client_for(world.editor_a).get(reverse("person", args=[person.pk])).content.decode()
    assert "<del><strong>Lễ kết nạp</strong>" in html
    assert "đã đính chính" in html
    assert "Hủy ghi nhận nhầm" in html


def test_viewer_sees_masks_and_no_reveal_button(world, member_a):
    html = client_for(world.viewer_commune_a).get(reverse("person", args=[member_a.pk])).content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert "•••••••••321" in html
    assert "••••" in html
    assert "Hiện thông tin" not in html


def test_viewer_reveal_post_is_forbidden_and_the_refusal_is_audited(world, member_a):
    response = client_for(world.viewer_commune_a).post(reverse("person_reveal", args=[member_a.pk]))
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action="person.reveal")
    assert (entry.actor, entry.object_id) == (world.viewer_commune_a, str(member_a.pk))
    assert entry.after["outcome"] == "refused"
    for secret in SECRETS:
        assert secret not in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("nobody", 404), ("editor_a", 200), ("outsider_b", 404)])
def test_reveal_three_ways(world, member_a, persona, status):
    response = client_for(getattr(world, persona)).post(reverse("person_reveal", args=[member_a.pk]))
    assert response.status_code == status


def test_reveal_is_post_only(world, member_a):
    assert client_for(world.editor_a).get(reverse("person_reveal", args=[member_a.pk])).status_code == 405


def test_editor_reveals_and_it_is_audited(world, member_a):
    client = client_for(world.editor_a)
    page = client.get(reverse("person", args=[member_a.pk])).content.decode()
    assert "Hiện thông tin" in page
    assert "038188004321" not in page

    response = client.post(reverse("person_reveal", args=[member_a.pk]))
    html = response.content.decode()
    assert "<html" in html  # without JavaScript the whole page comes back
    for secret in SECRETS:
        assert secret in html
    entry = AuditEntry.objects.get(action="person.reveal")
    assert entry.actor == world.editor_a
    assert entry.object_id == str(member_a.pk)


def test_htmx_reveal_swaps_only_the_sensitive_block(world, member_a):
    response = client_for(world.editor_a).post(
        reverse("person_reveal", args=[member_a.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="sensitive"' in html
    assert "038188004321" in html
    assert "Hiện thông tin" not in html
