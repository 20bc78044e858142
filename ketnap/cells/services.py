"""Writes of cell life: a meeting with its attendance, a resolution (an exemption is also
recorded in the membership ledger, through its service), a cell's dues for a month, a member
away, the party-group pilot, and the review tasks of the removal trigger. Every write is
atomic, re-checks the policy on the cell and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.cells import selectors
from ketnap.cells.models import (
    Absence,
    Attendance,
    AwayRecord,
    DuesPayment,
    GroupPilot,
    Meeting,
    MeetingKind,
    Resolution,
    ResolutionKind,
    ReviewState,
    ReviewTask,
)
from ketnap.core import policy
from ketnap.core.errors import TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.rules import cell_life as rules
from ketnap.rules import message
from ketnap.rules.membership import LedgerEvent

REVIEW_DAYS = 30  # the review is taken up at the next monthly meeting
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Presence:
    """One member's line of the attendance form."""

    absence: str = Absence.PRESENT
    reason: str = ""


def _require_cell(actor: Any, cell: Organization, on: dt.date, action: Action = Action.EDIT) -> None:
    policy.require(actor, action, cell)
    if not selectors.is_cell(cell):
        raise ValidationFailed({"cell": [_("Chỉ chi bộ mới ghi sinh hoạt, đảng phí.")]})
    if not cell.is_valid_on(on):
        raise ValidationFailed({"date": [_("Chi bộ không hoạt động vào ngày này.")]})


def _require_past(on: dt.date, field: str = "date") -> None:
    if on > policy.today():
        raise ValidationFailed({field: [_("Ngày không được sau hôm nay.")]})


def _check_attendance(cell: Organization, on: dt.date, lines: Mapping[int, Presence]) -> None:
    members = {row.person.pk for row in selectors.roster(cell, on)}
    errors: list[str] = []
    if set(lines) - members:
        errors.append(_("Danh sách điểm danh có người không phải đảng viên của chi bộ vào ngày họp."))
    for line in lines.values():
        if line.absence not in Absence.values:
            errors.append(_("Tình trạng vắng mặt không hợp lệ."))
        elif line.absence == Absence.EXCUSED and not line.reason.strip():
            errors.append(_("Vắng có lý do: ghi lý do vắng."))
    if errors:
        raise ValidationFailed({"attendance": sorted(set(errors))})


def _check_meeting(cell: Organization, on: dt.date, kind: str, topic: str, party_group: str) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [_("Hình thức sinh hoạt không hợp lệ.")]
    if not topic.strip():
        errors["topic"] = [_("Nhập nội dung buổi sinh hoạt.")]
    if kind == MeetingKind.GROUP and not party_group.strip():
        errors["party_group"] = [_("Sinh hoạt theo tổ đảng: ghi tên tổ đảng.")]
    if errors:
        raise ValidationFailed(errors)


def _write_attendance(meeting: Meeting, lines: Mapping[int, Presence]) -> None:
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person_id=pid, absence=line.absence, reason=line.reason.strip()[:255])
        for pid, line in lines.items()
    )


def _attendance_snapshot(meeting: Meeting) -> dict[str, str]:
    return {str(a.person_id): a.absence or "present" for a in meeting.attendance.all()}


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    cell: Organization,
    date: dt.date,
    kind: str,
    topic: str,
    attendance: Mapping[int, Presence],
    party_group: str = "",
    notes: str = "",
) -> Meeting:
    """Record a meeting held by ``cell`` on ``date`` with every member's attendance."""
    _require_cell(actor, cell, date)
    _require_past(date)
    _check_meeting(cell, date, kind, topic, party_group)
    _check_attendance(cell, date, attendance)
    meeting = Meeting(cell=cell, date=date, kind=kind, topic=topic.strip(), party_group=party_group.strip())
    meeting.notes, meeting.recorded_by = notes, actor if getattr(actor, "pk", None) else None
    meeting.full_clean(exclude=["recorded_by"])
    meeting.save()
    _write_attendance(meeting, attendance)
    after = {**snapshot(meeting), "attendance": _attendance_snapshot(meeting)}
    audit_log(actor=actor, action="cells.meeting_record", obj=meeting, after=after, organization_path=cell.path)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Any,
    meeting: Meeting,
    date: dt.date,
    kind: str,
    topic: str,
    attendance: Mapping[int, Presence],
    party_group: str = "",
    notes: str = "",
) -> Meeting:
    """Correct a meeting: its date, kind, topic and the whole attendance."""
    meeting = Meeting.objects.select_for_update().select_related("cell").get(pk=meeting.pk)
    cell = meeting.cell
    _require_cell(actor, cell, date)
    _require_past(date)
    _check_meeting(cell, date, kind, topic, party_group)
    _check_attendance(cell, date, attendance)
    before = {**snapshot(meeting), "attendance": _attendance_snapshot(meeting)}
    meeting.date, meeting.kind, meeting.topic = date, kind, topic.strip()
    meeting.party_group, meeting.notes = party_group.strip(), notes
    meeting.full_clean(exclude=["recorded_by"])
    meeting.save()
    _write_attendance(meeting, attendance)
    after = {**snapshot(meeting), "attendance": _attendance_snapshot(meeting)}
    audit_log(
        actor=actor, action="cells.meeting_update", obj=meeting, before=before, after=after, organization_path=cell.path
    )
    return meeting


def _exemption_findings(meeting: Meeting, reason: str, application: bool, certificate: bool) -> None:
    try:
        why = rules.ExemptionReason(reason)
    except ValueError as error:
        raise ValidationFailed({"reason": [_("Chọn lý do miễn sinh hoạt.")]}) from error
    facts = rules.Exemption(why, application=application, cell_resolution=True, medical_certificate=certificate)
    found = rules.check_exemption(facts, meeting.date, selectors.cell_edition(meeting.date))
    fields = {"exemption.no_application": "application", "exemption.no_certificate": "medical_certificate"}
    errors: dict[str, list[str]] = {}
    for finding in found:
        errors.setdefault(fields.get(finding.code, "reason"), []).append(message(finding, _language()))
    if errors:
        raise ValidationFailed(errors)


def _language() -> str:
    from django.utils.translation import get_language

    return get_language() or "vi"


def _ledger(actor: Any, meeting: Meeting, kind: str, person: Person, number: str, text: str) -> Any:
    """An exemption (or its end) is a decision of the membership ledger: recorded there too."""
    from ketnap.membership.services import ledger_record

    event = LedgerEvent.EXEMPTION if kind == ResolutionKind.EXEMPTION else LedgerEvent.EXEMPTION_END
    issuer = _("Chi bộ %(name)s") % {"name": meeting.cell.name}
    return ledger_record(
        actor=actor, person=person, event=event, date=meeting.date, document_number=number, issuer=issuer, note=text
    )


@transaction.atomic
def resolution_add(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str,
    text: str,
    person: Person | None = None,
    document_number: str = "",
    valid_until: dt.date | None = None,
    reason: str = "",
    application: bool = False,
    medical_certificate: bool = False,
) -> Resolution:
    """A resolution adopted at ``meeting``; an exemption is checked against the rules of its
    date (application, reason, certificate) and entered in the member's ledger."""
    meeting = Meeting.objects.select_for_update().select_related("cell").get(pk=meeting.pk)
    _require_cell(actor, meeting.cell, meeting.date)
    _check_resolution(meeting, kind, text, person, document_number)
    if kind == ResolutionKind.EXEMPTION:
        _exemption_findings(meeting, reason, application, medical_certificate)
    resolution = Resolution(meeting=meeting, kind=kind, person=person, text=text.strip(), valid_until=valid_until)
    resolution.document_number = document_number.strip()
    if person is not None and kind in (ResolutionKind.EXEMPTION, ResolutionKind.EXEMPTION_END):
        resolution.ledger_event = _ledger(actor, meeting, kind, person, resolution.document_number, resolution.text)
    resolution.save()
    audit_log(
        actor=actor,
        action="cells.resolution_add",
        obj=resolution,
        after=snapshot(resolution),
        organization_path=meeting.cell.path,
    )
    return resolution


def _check_resolution(meeting: Meeting, kind: str, text: str, person: Person | None, number: str) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in ResolutionKind.values:
        errors["kind"] = [_("Loại nghị quyết không hợp lệ.")]
    if not text.strip():
        errors["text"] = [_("Nhập nội dung nghị quyết.")]
    needs_person = kind in (ResolutionKind.EXEMPTION, ResolutionKind.EXEMPTION_END, ResolutionKind.REMOVAL_PROPOSAL)
    members = {row.person.pk for row in selectors.roster(meeting.cell, meeting.date)}
    if needs_person and (person is None or person.pk not in members):
        errors["person"] = [_("Chọn một đảng viên của chi bộ vào ngày họp.")]
    if kind in (ResolutionKind.EXEMPTION, ResolutionKind.EXEMPTION_END) and not number.strip():
        errors["document_number"] = [_("Nhập số nghị quyết của chi bộ.")]
    if errors:
        raise ValidationFailed(errors)


@transaction.atomic
def dues_record(*, actor: Any, cell: Organization, month: dt.date, lines: Mapping[int, tuple[bool, int | None]]) -> int:
    """The dues of ``cell``'s members for ``month`` (first day): paid or not, amount optional.
    One form for the whole cell; returns how many rows changed."""
    month = rules.month_start(month)
    last = rules.shift_month(month, 1) - dt.timedelta(days=1)
    _require_cell(actor, cell, min(last, policy.today()))
    _require_past(month, "month")
    members = {row.person.pk for row in selectors.dues_grid(cell, month)}
    if set(lines) - members:
        raise ValidationFailed({"dues": [_("Danh sách có người không phải đảng viên của chi bộ trong tháng.")]})
    changed = sum(_dues_line(actor, cell, month, pid, paid, amount) for pid, (paid, amount) in lines.items())
    if changed:
        after = {"month": month.isoformat(), "rows": changed}
        audit_log(actor=actor, action="cells.dues_record", obj=cell, after=after, organization_path=cell.path)
    return changed


def _dues_line(actor: Any, cell: Organization, month: dt.date, pid: int, paid: bool, amount: int | None) -> bool:
    if amount is not None and amount < 0:
        raise ValidationFailed({"dues": [_("Số tiền không được âm.")]})
    row = DuesPayment.objects.filter(person_id=pid, month=month).first()
    if row is not None and (row.paid, row.amount, row.cell_id) == (paid, amount, cell.pk):
        return False
    who = actor if getattr(actor, "pk", None) else None
    DuesPayment.objects.update_or_create(
        person_id=pid, month=month, defaults={"cell": cell, "paid": paid, "amount": amount, "recorded_by": who}
    )
    return True


@transaction.atomic
def away_record(
    *,
    actor: Any,
    cell: Organization,
    person: Person,
    valid_from: dt.date,
    place: str,
    excused: bool,
    valid_to: dt.date | None = None,
    note: str = "",
) -> AwayRecord:
    """A member of ``cell`` away from ``valid_from`` (working far away…), with or without a valid reason."""
    _require_cell(actor, cell, valid_from)
    _require_past(valid_from, "valid_from")
    if person.pk not in {row.person.pk for row in selectors.roster(cell, valid_from)}:
        raise ValidationFailed({"person": [_("Chọn một đảng viên của chi bộ vào ngày đi.")]})
    if not place.strip():
        raise ValidationFailed({"place": [_("Nhập nơi đến.")]})
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed({"valid_to": [_("Ngày về phải sau ngày đi.")]})
    record = AwayRecord(cell=cell, person=person, valid_from=valid_from, valid_to=valid_to, place=place.strip())
    record.excused, record.note = excused, note
    record.full_clean()
    record.save()
    audit_log(actor=actor, action="cells.away_record", obj=record, after=snapshot(record), organization_path=cell.path)
    return record


@transaction.atomic
def away_end(*, actor: Any, record: AwayRecord, valid_to: dt.date) -> AwayRecord:
    record = AwayRecord.objects.select_for_update().select_related("cell").get(pk=record.pk)
    policy.require(actor, Action.EDIT, record.cell)
    if record.valid_to is not None:
        raise TransitionNotAllowed(_("Đảng viên đã về."))
    if valid_to <= record.valid_from:
        raise ValidationFailed({"valid_to": [_("Ngày về phải sau ngày đi.")]})
    _require_past(valid_to, "valid_to")
    before = snapshot(record)
    record.valid_to = valid_to
    record.save(update_fields=["valid_to"])
    audit_log(
        actor=actor,
        action="cells.away_end",
        obj=record,
        before=before,
        after=snapshot(record),
        organization_path=record.cell.path,
    )
    return record


@transaction.atomic
def pilot_set(
    *, actor: Any, cell: Organization, valid_from: dt.date, valid_to: dt.date | None = None, document_number: str = ""
) -> GroupPilot:
    """The party-group pilot on ``cell`` over [valid_from, valid_to): a dated setting."""
    _require_cell(actor, cell, valid_from, Action.APPROVE)
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed({"valid_to": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    pilot = GroupPilot(cell=cell, valid_from=valid_from, valid_to=valid_to, document_number=document_number.strip())
    pilot.full_clean()
    pilot.save()
    audit_log(actor=actor, action="cells.pilot_set", obj=pilot, after=snapshot(pilot), organization_path=cell.path)
    return pilot


def _raise_task(trigger: selectors.Trigger, on: dt.date) -> int:
    raised = 0
    for finding in trigger.findings:
        if finding.code == "removal.probationary":
            continue
        task = ReviewTask(cell=trigger.cell, person=trigger.person, code=finding.code, period=trigger.period)
        task.raised_on, task.due_on = on, on + dt.timedelta(days=REVIEW_DAYS)
        task.message, task.params = finding.message, dict(finding.params)
        try:
            with transaction.atomic():
                task.save()
        except IntegrityError:  # raised before for this member, finding and year: safe to re-run
            continue
        audit_log(
            actor=None, action="cells.review_raise", obj=task, after=snapshot(task), organization_path=task.cell.path
        )
        raised += 1
    return raised


@transaction.atomic
def review_sweep(*, org: Organization, on: dt.date, progress: Progress | None = None) -> int:
    """Raise a review task for every member of ``org``'s subtree who reaches the removal
    trigger on ``on`` (once per member, finding and year); returns how many were raised."""
    triggers = selectors.removal_triggers(org, on)
    raised = 0
    for done, trigger in enumerate(triggers, 1):
        raised += _raise_task(trigger, on)
        if progress is not None:
            progress(done, len(triggers))
    return raised


@transaction.atomic
def review_close(*, actor: Any, task: ReviewTask, closed_on: dt.date, outcome: str) -> ReviewTask:
    """The cell has taken up the review: what it decided."""
    task = ReviewTask.objects.select_for_update().select_related("cell").get(pk=task.pk)
    policy.require(actor, Action.EDIT, task)
    if task.state != ReviewState.OPEN:
        raise TransitionNotAllowed(_("Việc xem xét này đã khép lại."))
    if not outcome.strip():
        raise ValidationFailed({"outcome": [_("Ghi kết quả xem xét của chi bộ.")]})
    _require_past(closed_on, "closed_on")
    if closed_on < task.raised_on:
        raise ValidationFailed({"closed_on": [_("Ngày xem xét không được trước ngày phát sinh.")]})
    before = snapshot(task)
    task.state, task.closed_on, task.outcome = ReviewState.CLOSED, closed_on, outcome.strip()
    task.save(update_fields=["state", "closed_on", "outcome"])
    audit_log(
        actor=actor,
        action="cells.review_close",
        obj=task,
        before=before,
        after=snapshot(task),
        organization_path=task.cell.path,
    )
    return task
