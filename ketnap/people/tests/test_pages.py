"""The pages that create and edit a person, add a new person to a cell's source, and the
actions on the person page: scope three ways, duplicates, validation, English."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from ketnap.admission.models import Prospect
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.core.testing import build_world, make_member, make_person
from ketnap.people.models import Person, Profile

pytestmark = pytest.mark.django_db

FORM = {
    "organization": "chi-bo-a",
    "family_name": "Giàng",
    "middle_name": "A",
    "given_name": "Pháo",
    "gender": "male",
    "birth_date": "09/04/1995",
    "hometown": "Mường Tè",
    "residence": "",
    "ethnicity": "hmong",
    "citizen_id": "",
    "verification_notes": "",
    "education": "upper_secondary",
    "professional": "none",
    "political_theory": "none",
    "occupation": "farmer",
    "religion": "none",
}


@pytest.fixture
def world():
    return build_world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_create(user, **changes):
    return client_for(user).post(reverse("person_create"), {**FORM, **changes})


def test_editor_creates_a_person_and_lands_on_the_person_page(world):
    response = post_create(world.editor_a)
    person = Person.objects.get(given_name="Pháo")
    assert response.status_code == 302 and response["Location"] == reverse("person", args=[person.pk])
    assert (person.organization, person.ethnicity, person.occupation) == (world.cell_a, "hmong", "farmer")


def test_create_page_three_ways(world):
    assert client_for(world.nobody).get(reverse("person_create")).status_code == 403
    assert post_create(world.viewer_commune_a).status_code == 403
    # A role on a sibling: the code of an organization it cannot see is "not found".
    response = post_create(world.outsider_b)
    assert response.status_code == 200
    assert "Mã tổ chức quản lý: không tìm thấy tổ chức có mã này." in response.content.decode()
    assert not Person.objects.exists()


def test_missing_and_invalid_fields_are_named(world):
    html = post_create(world.editor_a, given_name="", birth_date="31/02/1995", citizen_id="12ab").content.decode()
    assert "Tên: cần nhập." in html
    assert "Ngày 31/02/1995 không tồn tại trong lịch." in html
    html = post_create(world.editor_a, citizen_id="12345").content.decode()
    assert "Số định danh cá nhân: cần đúng 12 chữ số." in html
    assert not Person.objects.exists()


def test_too_young_is_refused_on_the_field(world):
    today = policy.today()
    young = today.replace(year=today.year - 15)
    html = post_create(world.editor_a, birth_date=young.strftime("%d/%m/%Y")).content.decode()
    assert "Ngày sinh: người được ghi nhận phải đủ 16 tuổi." in html


def test_duplicate_in_scope_is_shown_with_a_link_then_confirmed(world):
    existing = make_person(world.cell_a, family="Giang", middle="A", given="Phao", birth_date=dt.date(1995, 4, 9))
    html = post_create(world.editor_a).content.decode()
    assert "Có thể người này đã có hồ sơ" in html
    assert reverse("person", args=[existing.pk]) in html
    key = re.search(r'name="confirm" value="([0-9a-f]+)"', html).group(1)
    # A confirmation holds for the name and birth date it was given for only.
    other = post_create(world.editor_a, confirm=key, citizen_id="011095000999").content.decode()
    assert "Có thể người này đã có hồ sơ" in other
    assert post_create(world.editor_a, confirm="1").status_code == 200
    assert post_create(world.editor_a, confirm=key).status_code == 302
    assert Person.objects.filter(given_name="Pháo").count() == 1


def test_duplicate_out_of_scope_shows_only_the_generic_sentence(world):
    hidden = make_person(
        world.cell_a, family="Giàng", middle="A", given="Pháo", birth_date=dt.date(1995, 4, 9), hometown="Bản Bí Mật"
    )
    html = post_create(world.outsider_b, organization="chi-bo-b").content.decode()
    assert "Có thể đã có hồ sơ ở đơn vị khác." in html
    for leak in (reverse("person", args=[hidden.pk]), "Chi bộ thôn A", "chi-bo-a", "Bản Bí Mật"):
        assert leak not in html
    assert not Person.objects.filter(organization=world.cell_b).exists()


def test_cell_editor_adds_a_new_person_straight_into_the_source(world):
    source = reverse("admission:prospects", args=["chi-bo-a"])
    assert "Thêm người mới vào nguồn" in client_for(world.editor_a).get(source).content.decode()
    url = reverse("prospect_create", args=["chi-bo-a"])
    data = {**FORM, "origin": "youth_union", "noted_on": dt.date.today().strftime("%d/%m/%Y"), "note": ""}
    response = client_for(world.editor_a).post(url, data)
    assert response.status_code == 302 and response["Location"] == source
    prospect = Prospect.objects.get(person__given_name="Pháo")
    assert prospect.cell == world.cell_a


def test_new_person_in_source_three_ways(world):
    url = reverse("prospect_create", args=["chi-bo-a"])
    assert client_for(world.nobody).get(url).status_code == 404
    assert client_for(world.outsider_b).get(url).status_code == 404
    assert client_for(world.viewer_commune_a).get(url).status_code == 403
    assert client_for(world.editor_a).get(url).status_code == 200


def test_edit_page_has_two_sections_and_shows_sensitive_values_as_an_audited_reveal(world):
    person = make_member(world.cell_a, citizen_id="011095000777")
    html = client_for(world.editor_a).get(reverse("person_update", args=[person.pk])).content.decode()
    assert "Sửa lỗi nhập liệu (không đổi lịch sử)" in html and "Thay đổi từ ngày … (lịch sử)" in html
    assert "011095000777" in html
    assert AuditEntry.objects.filter(action="person.reveal", object_id=str(person.pk)).exists()


def edit_data(person, **changes):
    data = {k: v for k, v in FORM.items() if k != "organization"}
    data |= {"family_name": person.family_name, "middle_name": person.middle_name, "given_name": person.given_name}
    data |= {"birth_date": person.birth_date.strftime("%d/%m/%Y"), "ethnicity": person.ethnicity, "hometown": ""}
    data |= {"education": person.education, "occupation": person.occupation}
    return data | changes


def test_history_change_needs_a_date_or_the_correction_box(world):
    person = make_member(world.cell_a)
    url = reverse("person_update", args=[person.pk])
    html = client_for(world.editor_a).post(url, edit_data(person, political_theory="advanced")).content.decode()
    assert "Thay đổi từ ngày: cần nhập ngày bắt đầu" in html
    dated = edit_data(person, political_theory="advanced", effective_on="01/01/2024")
    assert client_for(world.editor_a).post(url, dated).status_code == 302
    rows = Profile.objects.filter(person=person).order_by("valid_from")
    assert [(r.valid_from, r.political_theory) for r in rows] == [
        (person.birth_date, "none"),
        (dt.date(2024, 1, 1), "advanced"),
    ]


def test_edit_page_three_ways(world):
    person = make_member(world.cell_a)
    url = reverse("person_update", args=[person.pk])
    assert client_for(world.nobody).get(url).status_code == 404
    assert client_for(world.outsider_b).get(url).status_code == 404
    assert client_for(world.viewer_commune_a).get(url).status_code == 403


def test_person_page_lists_only_the_allowed_actions(world):
    person = make_person(world.cell_a, given="Mới")
    url = reverse("person", args=[person.pk])
    html = client_for(world.editor_a).get(url).content.decode()
    assert reverse("person_update", args=[person.pk]) in html
    assert "Đưa vào nguồn phát triển đảng viên" in html
    viewer = client_for(world.viewer_commune_a).get(url).content.decode()
    assert reverse("person_update", args=[person.pk]) not in viewer and "Thao tác" not in viewer


def test_pages_in_english(world):
    client = client_for(world.editor_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.post(reverse("person_create"), {**FORM, "given_name": ""}).content.decode()
    assert "New person" in html and "Name: required." in html
    person = make_member(world.cell_a)
    html = client.get(reverse("person_update", args=[person.pk])).content.decode()
    assert "Correct a data-entry mistake (history unchanged)" in html
    assert "Change from a date (history)" in html
    html = client.get(reverse("person", args=[person.pk])).content.decode()
    assert "Correct a data-entry mistake" in html


def test_people_list_offers_a_new_person_to_editors_only(world):
    url = reverse("organization_people", args=["chi-bo-a"])
    html = client_for(world.editor_a).get(url).content.decode()
    assert f"{reverse('person_create')}?to_chuc=chi-bo-a" in html
    assert reverse("person_create") not in client_for(world.viewer_commune_a).get(url).content.decode()


def test_create_form_is_prefilled_with_the_organization_the_user_came_from(world):
    html = client_for(world.editor_a).get(reverse("person_create") + "?to_chuc=chi-bo-a").content.decode()
    assert 'value="chi-bo-a"' in html
    html = client_for(world.editor_a).get(reverse("person_create")).content.decode()
    assert 'value="tinh-a"' in html  # the subtree the user edits


def test_without_the_sensitive_permission_the_forms_have_no_sensitive_fields(world):
    person = make_member(world.cell_a, citizen_id="011095000777")
    without = {**policy.ROLE_ACTIONS, "editor": frozenset({Action.VIEW, Action.EDIT})}
    with mock.patch.dict(policy.ROLE_ACTIONS, without):
        client = client_for(world.editor_a)
        html = client.get(reverse("person_update", args=[person.pk])).content.decode()
        create = client.get(reverse("person_create")).content.decode()
        response = client.post(reverse("person_update", args=[person.pk]), {**edit_data(person), "citizen_id": ""})
    for page in (html, create):
        assert 'name="citizen_id"' not in page and 'name="ethnicity"' not in page and 'name="religion"' not in page
    assert "011095000777" not in html
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.citizen_id == "011095000777"  # a value sent anyway is not taken
    assert not AuditEntry.objects.filter(action="person.reveal").exists()
