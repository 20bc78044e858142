"""Classes, enrolment, attendance, completion and certificates through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.testing import build_world, make_member, make_person
from ketnap.training import selectors, services
from ketnap.training.models import ClassKind, Enrolment

D = dt.date
START = D(2024, 3, 1)


@pytest.fixture
def w(db):
    return build_world()


def open_class(w, kind=ClassKind.AWARENESS, sessions=3, org=None, start=START):
    return services.class_create(
        actor=w.editor_a,
        organizer=org or w.commune_a,
        kind=kind,
        name="Lớp 1",
        start=start,
        end=start + dt.timedelta(days=4),
        sessions=sessions,
    )


def test_a_class_is_created_audited_and_its_period_checked(w):
    klass = open_class(w)
    assert AuditEntry.objects.filter(action="training.class_create", object_id=str(klass.pk)).exists()
    with pytest.raises(ValidationFailed) as error:
        services.class_create(
            actor=w.editor_a, organizer=w.commune_a, kind="general", name="X", start=D(2024, 3, 5), end=D(2024, 3, 1)
        )
    assert error.value.field == "end"


def test_a_viewer_or_an_outsider_cannot_open_a_class(w):
    with pytest.raises(PermissionDenied):
        services.class_create(
            actor=w.viewer_commune_a,
            organizer=w.commune_a,
            kind="general",
            name="X",
            start=D(2024, 1, 1),
            end=D(2024, 1, 1),
        )
    with pytest.raises((NotFound, PermissionDenied)):
        services.class_create(
            actor=w.outsider_b, organizer=w.commune_a, kind="general", name="X", start=D(2024, 1, 1), end=D(2024, 1, 1)
        )


def test_enrolment_is_once_per_class_and_needs_a_visible_person(w):
    klass = open_class(w)
    person = make_person(w.cell_a)
    services.enrolment_add(actor=w.editor_a, training_class=klass, person=person)
    with pytest.raises(ValidationFailed):
        services.enrolment_add(actor=w.editor_a, training_class=klass, person=person)
    stranger = make_person(w.cell_b)
    with pytest.raises((NotFound, PermissionDenied)):
        services.enrolment_add(actor=w.editor_a, training_class=klass, person=stranger)


def test_attendance_per_session_counts_the_sessions_attended(w):
    klass = open_class(w)
    enrolment = services.enrolment_add(actor=w.editor_a, training_class=klass, person=make_person(w.cell_a))
    services.attendance_record(actor=w.editor_a, enrolment=enrolment, session=1, present=True)
    services.attendance_record(actor=w.editor_a, enrolment=enrolment, session=2, present=False, reason="Ốm")
    services.attendance_record(actor=w.editor_a, enrolment=enrolment, session=3, present=True)
    assert Enrolment.objects.get(pk=enrolment.pk).attended_sessions == 2
    with pytest.raises(ValidationFailed):
        services.attendance_record(actor=w.editor_a, enrolment=enrolment, session=4, present=True)
    with pytest.raises(TransitionNotAllowed):
        services.attendance_overall(actor=w.editor_a, enrolment=enrolment, attended_sessions=3)


def test_overall_attendance_cannot_exceed_the_sessions(w):
    klass = open_class(w, sessions=2)
    enrolment = services.enrolment_add(actor=w.editor_a, training_class=klass, person=make_person(w.cell_a))
    services.attendance_overall(actor=w.editor_a, enrolment=enrolment, attended_sessions=2)
    with pytest.raises(ValidationFailed) as error:
        services.attendance_overall(actor=w.editor_a, enrolment=enrolment, attended_sessions=3)
    assert error.value.field == "attended_sessions"


def test_a_certificate_needs_completion_on_or_before_its_date(w):
    klass = open_class(w)
    enrolment = services.enrolment_add(actor=w.editor_a, training_class=klass, person=make_person(w.cell_a))
    with pytest.raises(TransitionNotAllowed):
        services.certificate_issue(actor=w.editor_a, enrolment=enrolment, number="12/CN", issued_on=D(2024, 3, 10))
    with pytest.raises(ValidationFailed):
        services.enrolment_complete(actor=w.editor_a, enrolment=enrolment, completed_on=D(2024, 2, 29))
    services.enrolment_complete(actor=w.editor_a, enrolment=enrolment, completed_on=D(2024, 3, 5))
    with pytest.raises(ValidationFailed):
        services.certificate_issue(actor=w.editor_a, enrolment=enrolment, number="12/CN", issued_on=D(2024, 3, 4))
    with pytest.raises(ValidationFailed):
        services.certificate_issue(actor=w.editor_a, enrolment=enrolment, number=" ", issued_on=D(2024, 3, 10))
    with pytest.raises(ValidationFailed):
        services.certificate_issue(actor=w.editor_a, enrolment=enrolment, number="1", issued_on=D(2027, 1, 1))
    services.certificate_issue(actor=w.editor_a, enrolment=enrolment, number="12/CN", issued_on=D(2024, 3, 10))
    saved = Enrolment.objects.get(pk=enrolment.pk)
    assert (saved.certificate_number, saved.certificate_issued_on) == ("12/CN", D(2024, 3, 10))


def test_the_class_list_is_scoped(w):
    open_class(w)
    assert selectors.class_list(w.viewer_commune_a).count() == 1
    assert selectors.class_list(w.outsider_b).count() == 0
    klass = selectors.class_list(w.admin).get()
    with pytest.raises(NotFound):
        selectors.class_get(w.outsider_b, klass.pk)
    with pytest.raises(PermissionDenied):
        selectors.class_get(w.viewer_commune_a, klass.pk, action=selectors.Action.EDIT)


def test_summary_counts_classes_and_people_per_kind_in_the_period(w):
    general = open_class(w, kind=ClassKind.GENERAL, start=D(2022, 4, 1))
    open_class(w, kind=ClassKind.GENERAL, start=D(2022, 9, 1))
    open_class(w, kind=ClassKind.NEW_MEMBER, start=D(2023, 1, 1))  # outside 2022
    for given in ("A", "B", "C"):
        services.enrolment_add(actor=w.editor_a, training_class=general, person=make_person(w.cell_a, given=given))
    result = selectors.summary(w.district_a, D(2022, 1, 1), D(2022, 12, 31))
    assert result.classes == 2
    assert [(r.kind, r.classes, r.enrolled) for r in result.rows] == [("general", 2, 3)]
    assert selectors.summary(w.province_b, D(2022, 1, 1), D(2022, 12, 31)).classes == 0


def test_new_member_coverage_is_the_share_of_admitted_who_completed_the_class(w):
    trained = make_member(w.cell_a, given="Trained", ceremony=D(2023, 5, 1), official=False)
    make_member(w.cell_a, given="Waiting", ceremony=D(2023, 6, 1), official=False)
    make_member(w.cell_a, given="Earlier", ceremony=D(2020, 6, 1))
    klass = open_class(w, kind=ClassKind.NEW_MEMBER, start=D(2023, 7, 1))
    enrolment = services.enrolment_add(actor=w.editor_a, training_class=klass, person=trained)
    services.enrolment_complete(actor=w.editor_a, enrolment=enrolment, completed_on=D(2023, 7, 5))
    coverage = selectors.new_member_coverage(w.commune_a, D(2023, 1, 1), D(2023, 12, 31), D(2023, 12, 31))
    assert (coverage.admitted, coverage.trained, coverage.percent) == (2, 1, 50)
    before = selectors.new_member_coverage(w.commune_a, D(2023, 1, 1), D(2023, 12, 31), D(2023, 7, 4))
    assert before.trained == 0
    assert selectors.new_member_coverage(w.province_b, D(2023, 1, 1), D(2023, 12, 31), D(2023, 12, 31)).percent is None


@pytest.mark.parametrize(("part", "whole", "expected"), [(8, 11, 73), (7, 12, 58), (1022, 1002, 102), (1, 2, 50)])
def test_percent_rounds_as_the_reports_round(part, whole, expected):
    assert selectors.percent(part, whole) == expected


def test_the_report_command_writes_the_summary_as_json(w):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    open_class(w, kind=ClassKind.GENERAL, start=D(2022, 4, 1))
    out = StringIO()
    call_command("report", "training", "--org", "huyen-a", "--from", "2022-01-01", "--to", "2022-12-31", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["classes"], result["rows"][0]["kind"]) == (1, "general")
    with pytest.raises(CommandError):
        call_command("report", "training", "--org", "huyen-a", "--from", "2022-12-31", "--to", "2022-01-01")
