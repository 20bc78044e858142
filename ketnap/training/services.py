"""Writes of the training classes: each one atomic, checked against the policy and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.training.models import Attendance, Enrolment, TrainingClass


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error


def _not_in_future(day: dt.date, field: str) -> None:
    if day > policy.today():
        raise ValidationFailed({field: [_("Ngày không được sau hôm nay.")]})


def _check_period(start: dt.date, end: dt.date, sessions: int) -> None:
    if end < start:
        raise ValidationFailed({"end": [_("Ngày bế giảng không được trước ngày khai giảng.")]})
    if not 1 <= sessions <= 100:
        raise ValidationFailed({"sessions": [_("Số buổi học phải từ 1 đến 100.")]})


def _log(actor: Any, action: str, obj: models.Model, path: str, before: dict[str, Any] | None = None) -> None:
    audit_log(actor=actor, action=action, obj=obj, before=before, after=snapshot(obj), organization_path=path)


@transaction.atomic
def class_create(
    *,
    actor: Any,
    organizer: Organization,
    kind: str,
    name: str,
    start: dt.date,
    end: dt.date,
    sessions: int = 1,
    place: str = "",
    note: str = "",
) -> TrainingClass:
    """Open a class organized by ``organizer`` (the actor edits it)."""
    policy.require(actor, Action.EDIT, organizer)
    _check_period(start, end, sessions)
    training_class = TrainingClass(
        organizer=organizer, kind=kind, name=name, start=start, end=end, sessions=sessions, place=place, note=note
    )
    _validated(training_class, exclude=["organizer"])
    training_class.save()
    _log(actor, "training.class_create", training_class, organizer.path)
    return training_class


def _locked_class(actor: Any, training_class: TrainingClass) -> TrainingClass:
    locked = TrainingClass.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=training_class.pk)
    policy.require(actor, Action.EDIT, locked)
    return locked


@transaction.atomic
def enrolment_add(*, actor: Any, training_class: TrainingClass, person: Person) -> Enrolment:
    """Enrol a person the actor sees; once per class."""
    training_class = _locked_class(actor, training_class)
    policy.require(actor, Action.VIEW, person)
    if Enrolment.objects.filter(training_class=training_class, person=person).exists():
        raise ValidationFailed({"person": [_("Người này đã có trong danh sách lớp.")]})
    enrolment = Enrolment.objects.create(training_class=training_class, person=person)
    _log(actor, "training.enrol", enrolment, training_class.organizer.path)
    return enrolment


def _locked_enrolment(actor: Any, enrolment: Enrolment) -> Enrolment:
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("training_class__organizer", "person")
        .get(pk=enrolment.pk)
    )
    policy.require(actor, Action.EDIT, locked)
    return locked


@transaction.atomic
def attendance_record(*, actor: Any, enrolment: Enrolment, session: int, present: bool, reason: str = "") -> Attendance:
    """Presence at one session; the overall count of sessions attended follows."""
    enrolment = _locked_enrolment(actor, enrolment)
    if not 1 <= session <= enrolment.training_class.sessions:
        raise ValidationFailed({"session": [_("Buổi học không có trong lớp này.")]})
    row, _created = Attendance.objects.update_or_create(
        enrolment=enrolment, session=session, defaults={"present": present, "reason": "" if present else reason}
    )
    before = snapshot(enrolment)
    enrolment.attended_sessions = enrolment.attendance.filter(present=True).count()
    enrolment.save(update_fields=["attended_sessions"])
    _log(actor, "training.attendance", enrolment, enrolment.training_class.organizer.path, before)
    return row


@transaction.atomic
def attendance_overall(*, actor: Any, enrolment: Enrolment, attended_sessions: int) -> Enrolment:
    """The number of sessions attended, when the class keeps no roll per session."""
    enrolment = _locked_enrolment(actor, enrolment)
    if not 0 <= attended_sessions <= enrolment.training_class.sessions:
        raise ValidationFailed({"attended_sessions": [_("Số buổi có mặt vượt quá số buổi học của lớp.")]})
    if enrolment.attendance.exists():
        raise TransitionNotAllowed(_("Lớp đã điểm danh từng buổi; sửa điểm danh từng buổi."), field="attended_sessions")
    before = snapshot(enrolment)
    enrolment.attended_sessions = attended_sessions
    enrolment.save(update_fields=["attended_sessions"])
    _log(actor, "training.attendance", enrolment, enrolment.training_class.organizer.path, before)
    return enrolment


@transaction.atomic
def enrolment_complete(*, actor: Any, enrolment: Enrolment, completed_on: dt.date) -> Enrolment:
    """Completion of the class, on or after its first day."""
    enrolment = _locked_enrolment(actor, enrolment)
    _not_in_future(completed_on, "completed_on")
    if completed_on < enrolment.training_class.start:
        raise ValidationFailed({"completed_on": [_("Ngày hoàn thành không được trước ngày khai giảng.")]})
    if enrolment.certificate_issued_on and completed_on > enrolment.certificate_issued_on:
        raise ValidationFailed({"completed_on": [_("Ngày hoàn thành không được sau ngày cấp giấy chứng nhận.")]})
    before = snapshot(enrolment)
    enrolment.completed_on = completed_on
    enrolment.save(update_fields=["completed_on"])
    _log(actor, "training.complete", enrolment, enrolment.training_class.organizer.path, before)
    return enrolment


@transaction.atomic
def certificate_issue(*, actor: Any, enrolment: Enrolment, number: str, issued_on: dt.date) -> Enrolment:
    """The certificate of a completed class. For a party-awareness class it is the
    certificate the admission procedure reads (rule 3, valid 60 months)."""
    enrolment = _locked_enrolment(actor, enrolment)
    _not_in_future(issued_on, "issued_on")
    if enrolment.completed_on is None:
        raise TransitionNotAllowed(_("Học viên chưa hoàn thành lớp học."), field="issued_on")
    if issued_on < enrolment.completed_on:
        raise ValidationFailed({"issued_on": [_("Ngày cấp không được trước ngày hoàn thành.")]})
    if not number.strip():
        raise ValidationFailed({"number": [_("Số giấy chứng nhận: bắt buộc.")]})
    before = snapshot(enrolment)
    enrolment.certificate_number = number.strip()
    enrolment.certificate_issued_on = issued_on
    _validated(enrolment, exclude=["training_class", "person"])
    enrolment.save(update_fields=["certificate_number", "certificate_issued_on"])
    _log(actor, "training.certificate", enrolment, enrolment.training_class.organizer.path, before)
    return enrolment
