"""The certificate of a party-awareness class is the one the admission checks read."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.admission import queue
from ketnap.admission.facts import case_facts
from ketnap.admission.models import AwarenessCertificate
from ketnap.admission.selectors import case_checklist, case_findings
from ketnap.admission.tests.factories import open_case
from ketnap.admission.types import ItemState
from ketnap.core.testing import build_world
from ketnap.training import services
from ketnap.training.models import ClassKind

D = dt.date
ON = D(2023, 2, 1)
ISSUED = D(2022, 11, 15)


@pytest.fixture
def w(db):
    return build_world()


def trained(w, person, kind=ClassKind.AWARENESS, issued_on=ISSUED):
    klass = services.class_create(
        actor=w.editor_a, organizer=w.commune_a, kind=kind, name="Lớp", start=D(2022, 11, 1), end=D(2022, 11, 5)
    )
    enrolment = services.enrolment_add(actor=w.editor_a, training_class=klass, person=person)
    services.enrolment_complete(actor=w.editor_a, enrolment=enrolment, completed_on=D(2022, 11, 5))
    return services.certificate_issue(actor=w.editor_a, enrolment=enrolment, number="35/CN", issued_on=issued_on)


def certificate_codes(case, on=ON):
    return {f.code for f in case_findings(case, on) if f.code.startswith("certificate.")}


def certificate_row(case, on=ON):
    return next(row for row in case_checklist(case, on) if row.code == "certificate")


def test_without_a_class_certificate_the_case_lacks_one(w):
    case = open_case(w, certificate_on=None)
    assert case_facts(case, ON).certificate_issued_on is None
    assert "certificate.missing" in certificate_codes(case)
    assert certificate_row(case).state == ItemState.MISSING


def test_the_awareness_class_certificate_satisfies_the_check(w):
    case = open_case(w, certificate_on=None)
    trained(w, case.person)
    assert case_facts(case, ON).certificate_issued_on == D(2022, 11, 15)
    assert not certificate_codes(case)
    row = certificate_row(case)
    assert (row.state, row.document_number) == (ItemState.PRESENT, "35/CN")


def test_another_kind_of_class_is_not_an_awareness_certificate(w):
    case = open_case(w, certificate_on=None)
    trained(w, case.person, kind=ClassKind.GENERAL)
    assert "certificate.missing" in certificate_codes(case)


def test_a_certificate_issued_after_the_review_date_does_not_count_yet(w):
    case = open_case(w, certificate_on=None)
    trained(w, case.person, issued_on=D(2023, 3, 1))
    assert case_facts(case, ON).certificate_issued_on is None


def test_the_class_certificate_expires_after_60_months(w):
    case = open_case(w, certificate_on=None)
    trained(w, case.person, issued_on=D(2022, 11, 15))
    assert certificate_row(case, D(2027, 11, 15)).state == ItemState.PRESENT
    assert certificate_row(case, D(2027, 11, 16)).state == ItemState.EXPIRED


def test_a_certificate_typed_in_a_case_before_remains_valid(w):
    case = open_case(w, certificate_on=D(2022, 10, 1))
    assert AwarenessCertificate.objects.filter(person=case.person).exists()
    assert case_facts(case, ON).certificate_issued_on == D(2022, 10, 1)
    trained(w, case.person, issued_on=D(2022, 11, 15))
    assert case_facts(case, ON).certificate_issued_on == D(2022, 11, 15)


def test_the_work_queue_reads_class_certificates_too(w):
    case = open_case(w, certificate_on=D(2018, 1, 1))
    trained(w, case.person, issued_on=D(2022, 11, 15))
    assert queue._latest_certificates({case.person_id}, ON) == {case.person_id: D(2022, 11, 15)}
