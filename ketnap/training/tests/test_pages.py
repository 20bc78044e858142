"""The training pages: scoped, forms through the services, exports audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ketnap.audit.models import AuditEntry
from ketnap.core.testing import build_world, make_person
from ketnap.training import services
from ketnap.training.models import Enrolment, TrainingClass

D = dt.date


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def klass(w):
    return services.class_create(
        actor=w.editor_a,
        organizer=w.commune_a,
        kind="awareness",
        name="Lớp NTVĐ xã A",
        start=D(2024, 3, 1),
        end=D(2024, 3, 5),
        sessions=2,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_class_list_shows_visible_classes_and_the_years_summary(w, klass):
    page = client_for(w.viewer_commune_a).get(reverse("training:classes"), {"to_chuc": "xa-a", "nam": "2024"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Lớp NTVĐ xã A" in body and "Tổng hợp năm 2024" in body
    assert "Lớp NTVĐ xã A" not in client_for(w.outsider_b).get(reverse("training:classes")).content.decode()


def test_an_unknown_organization_in_the_filter_is_named(w, klass):
    page = client_for(w.viewer_commune_a).get(reverse("training:classes"), {"to_chuc": "xa-b"})
    assert page.status_code == 400
    assert "Không tìm thấy tổ chức có mã này." in page.content.decode()


def test_the_class_page_is_404_out_of_scope_and_forms_403_for_a_viewer(w, klass):
    assert client_for(w.outsider_b).get(reverse("training:class", args=[klass.pk])).status_code == 404
    assert client_for(w.viewer_commune_a).get(reverse("training:class", args=[klass.pk])).status_code == 200
    assert client_for(w.viewer_commune_a).get(reverse("training:enrol", args=[klass.pk])).status_code == 403


def test_an_editor_opens_a_class_enrols_completes_and_issues_a_certificate(w):
    editor = client_for(w.editor_a)
    answer = editor.post(
        reverse("training:class_create"),
        {
            "organizer": "xa-a",
            "kind": "awareness",
            "name": "Lớp mới",
            "start": "01/03/2024",
            "end": "05/03/2024",
            "sessions": "2",
        },
    )
    assert answer.status_code == 302
    klass = TrainingClass.objects.get(name="Lớp mới")
    person = make_person(w.cell_a)
    assert editor.post(reverse("training:enrol", args=[klass.pk]), {"person": person.pk}).status_code == 302
    enrolment = Enrolment.objects.get(training_class=klass)
    editor.post(reverse("training:attendance", args=[enrolment.pk]), {"session": "1", "present": "on"})
    editor.post(reverse("training:complete", args=[enrolment.pk]), {"completed_on": "05/03/2024"})
    editor.post(reverse("training:certificate", args=[enrolment.pk]), {"number": "7/CN", "issued_on": "06/03/2024"})
    enrolment.refresh_from_db()
    assert (enrolment.attended_sessions, enrolment.completed_on, enrolment.certificate_number) == (
        1,
        D(2024, 3, 5),
        "7/CN",
    )


def test_bad_input_is_shown_on_the_field(w, klass):
    editor = client_for(w.editor_a)
    page = editor.post(reverse("training:enrol", args=[klass.pk]), {"person": "999999"})
    assert "Không tìm thấy người có số hồ sơ này." in page.content.decode()
    enrolment = services.enrolment_add(actor=w.editor_a, training_class=klass, person=make_person(w.cell_a))
    page = editor.post(reverse("training:certificate", args=[enrolment.pk]), {"number": "1", "issued_on": "31/02/2024"})
    assert page.status_code == 200 and not Enrolment.objects.filter(certificate_number="1").exists()
    page = editor.post(reverse("training:certificate", args=[enrolment.pk]), {"number": "1", "issued_on": "01/04/2024"})
    assert "Học viên chưa hoàn thành lớp học." in page.content.decode()


def test_exports_are_spreadsheets_and_audited(w, klass):
    viewer = client_for(w.viewer_commune_a)
    answer = viewer.get(reverse("training:enrolments_xlsx", args=[klass.pk]))
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    assert viewer.get(reverse("training:classes_xlsx"), {"to_chuc": "xa-a"}).content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="file.download").count() >= 2
    assert client_for(w.outsider_b).get(reverse("training:enrolments_xlsx", args=[klass.pk])).status_code == 404


def test_a_class_named_with_a_slash_exports_its_enrolment(w, klass):
    klass.name = "Lớp nhận thức về Đảng khóa 1/2025"
    klass.save()
    answer = client_for(w.editor_a).get(reverse("training:enrolments_xlsx", args=[klass.pk]))
    assert answer.status_code == 200 and answer.content[:2] == b"PK"


def test_the_organization_page_shows_the_years_classes(w, klass):
    page = client_for(w.viewer_commune_a).get(reverse("organization", args=["xa-a"]), {"ngay": "31/12/2024"})
    body = page.content.decode()
    assert "Lớp bồi dưỡng năm 2024" in body
    assert "Bồi dưỡng nhận thức về Đảng" in body
    empty = client_for(w.viewer_commune_a).get(reverse("organization", args=["xa-a"]), {"ngay": "31/12/2023"})
    assert "Lớp bồi dưỡng năm 2023" not in empty.content.decode()
