"""Writes of the candidate source (tạo nguồn, domain §4.0): outstanding mass members
followed by a cell, the sympathiser list kept by cell resolution, test tasks, the
official members assigned to help, progress notes heard at monthly meetings, and the
cells assigned to villages with no member or no cell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from ketnap.admission.facts import member_standing
from ketnap.admission.models import (
    AdmissionCase,
    HelperAssignment,
    HelperPurpose,
    HelpingCell,
    Origin,
    ProgressNote,
    Prospect,
    SympathiserListing,
    TestTask,
)
from ketnap.admission.services import require_placed_in
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import close_open, overlaps
from ketnap.core.errors import TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Locality, LocalityCell, Organization
from ketnap.people.models import Person, StatusPeriod
from ketnap.people.services import person_register


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error


def _require_cell(cell: Organization, on: dt.date) -> None:
    if not cell.is_cell or not cell.is_valid_on(on):
        raise ValidationFailed({"cell": [_("Chỉ chi bộ đang hoạt động vào ngày đó mới theo dõi quần chúng.")]})


def _not_in_future(day: dt.date, field: str) -> None:
    if day > policy.today():
        raise ValidationFailed({field: [_("Ngày không được ở tương lai.")]})


def _locked_prospect(actor: Any, prospect: Prospect, *, open_only: bool = True) -> Prospect:
    prospect = Prospect.objects.select_for_update(of=("self",)).select_related("cell", "person").get(pk=prospect.pk)
    policy.require(actor, Action.EDIT, prospect)
    if open_only and prospect.left_on is not None:
        raise TransitionNotAllowed(_("Quần chúng này đã ra khỏi nguồn."))
    return prospect


def _audit(actor: Any, action: str, obj: models.Model, path: str, before: dict[str, Any] | None = None) -> None:
    audit_log(actor=actor, action=action, obj=obj, before=before, after=snapshot(obj), organization_path=path)


@transaction.atomic
def prospect_add(
    *, actor: Any, person: Person, cell: Organization, origin: str, noted_on: dt.date, note: str = ""
) -> Prospect:
    """Put an outstanding mass member in ``cell``'s source (one open entry per person)."""
    policy.require(actor, Action.EDIT, cell)
    policy.require(actor, Action.VIEW, person)
    _require_cell(cell, noted_on)
    _not_in_future(noted_on, "noted_on")
    require_placed_in(person, cell, noted_on)
    if origin not in Origin.values:
        raise ValidationFailed({"origin": [_("Nguồn không hợp lệ.")]})
    if StatusPeriod.objects.members().as_of(noted_on).filter(person=person).exists():
        raise ValidationFailed({"person": [_("Người này đã là đảng viên.")]})
    prospect = Prospect(person=person, cell=cell, origin=origin, noted_on=noted_on, note=note)
    _validated(prospect, exclude=["person", "cell"])
    try:
        with transaction.atomic():
            prospect.save()
    except IntegrityError as error:
        raise ValidationFailed({"person": [_("Người này đang ở trong nguồn của một chi bộ.")]}) from error
    _audit(actor, "prospect.add", prospect, cell.path)
    return prospect


@transaction.atomic
def prospect_add_new_person(
    *,
    actor: Any,
    cell: Organization,
    origin: str,
    noted_on: dt.date,
    note: str = "",
    confirm: bool = False,
    person: dict[str, Any],
) -> Prospect:
    """Record a new person in ``cell`` (with the duplicate check of ``person_register``)
    and put them in the cell's source, in one transaction: a refusal of either leaves
    nothing behind."""
    new = person_register(actor=actor, organization=cell, confirm=confirm, **person)
    return prospect_add(actor=actor, person=new, cell=cell, origin=origin, noted_on=noted_on, note=note)


@transaction.atomic
def prospect_leave(*, actor: Any, prospect: Prospect, on: dt.date, note: str = "") -> Prospect:
    """Take a person out of the source; their listing and helper end that day."""
    prospect = _locked_prospect(actor, prospect)
    if on < prospect.noted_on:
        raise ValidationFailed({"on": [_("Ngày ra khỏi nguồn không được trước ngày đưa vào.")]})
    before = snapshot(prospect, ["left_on", "note"])
    for listing in SympathiserListing.objects.filter(prospect=prospect, valid_to__isnull=True, valid_from__lt=on):
        listing.valid_to = on
        listing.save(update_fields=["valid_to"])
    HelperAssignment.objects.filter(prospect=prospect, valid_to__isnull=True, valid_from__lt=on).update(valid_to=on)
    prospect.left_on = on
    prospect.note = "\n".join(part for part in (prospect.note, note) if part)
    prospect.save(update_fields=["left_on", "note"])
    _audit(actor, "prospect.leave", prospect, prospect.cell.path, before)
    return prospect


@transaction.atomic
def sympathiser_list(*, actor: Any, prospect: Prospect, on: dt.date, resolution: str) -> SympathiserListing:
    """Put the person on the cell's sympathiser list by cell resolution."""
    prospect = _locked_prospect(actor, prospect)
    if not resolution.strip():
        raise ValidationFailed({"resolution": [_("Cần số nghị quyết của chi bộ.")]})
    if on < prospect.noted_on:
        raise ValidationFailed({"on": [_("Ngày đưa vào danh sách không được trước ngày đưa vào nguồn.")]})
    _not_in_future(on, "on")
    if overlaps(SympathiserListing.objects.filter(prospect=prospect), on, None):
        raise ValidationFailed({"prospect": [_("Người này đang có tên trong danh sách cảm tình Đảng.")]})
    listing = SympathiserListing(prospect=prospect, valid_from=on, added_by_resolution=resolution)
    _validated(listing, exclude=["prospect"])
    listing.save()
    _audit(actor, "sympathiser.list", listing, prospect.cell.path)
    return listing


@transaction.atomic
def sympathiser_unlist(*, actor: Any, prospect: Prospect, on: dt.date, resolution: str) -> SympathiserListing:
    """Take the person off the sympathiser list by cell resolution."""
    prospect = _locked_prospect(actor, prospect)
    if not resolution.strip():
        raise ValidationFailed({"resolution": [_("Cần số nghị quyết của chi bộ.")]})
    listing = SympathiserListing.objects.select_for_update().filter(prospect=prospect, valid_to__isnull=True).first()
    if listing is None:
        raise TransitionNotAllowed(_("Người này không có tên trong danh sách cảm tình Đảng."))
    if on <= listing.valid_from:
        raise ValidationFailed({"on": [_("Ngày đưa ra phải sau ngày đưa vào danh sách.")]})
    before = snapshot(listing, ["valid_to", "removed_by_resolution"])
    listing.valid_to, listing.removed_by_resolution = on, resolution
    listing.save(update_fields=["valid_to", "removed_by_resolution"])
    _audit(actor, "sympathiser.unlist", listing, prospect.cell.path, before)
    return listing


@transaction.atomic
def test_task_assign(
    *, actor: Any, prospect: Prospect, assigned_on: dt.date, description: str, due_on: dt.date | None = None
) -> TestTask:
    """Give a sympathiser a task to test them."""
    prospect = _locked_prospect(actor, prospect)
    if due_on is not None and due_on < assigned_on:
        raise ValidationFailed({"due_on": [_("Hạn không được trước ngày giao.")]})
    task = TestTask(prospect=prospect, assigned_on=assigned_on, description=description, due_on=due_on)
    _validated(task, exclude=["prospect"])
    task.save()
    _audit(actor, "test_task.assign", task, prospect.cell.path)
    return task


@transaction.atomic
def test_task_complete(*, actor: Any, task: TestTask, completed_on: dt.date, result: str) -> TestTask:
    """Record how a test task went (once)."""
    task = TestTask.objects.select_for_update().select_related("prospect__cell").get(pk=task.pk)
    policy.require(actor, Action.EDIT, task)
    if task.completed_on is not None:
        raise TransitionNotAllowed(_("Nhiệm vụ này đã được ghi kết quả."))
    if completed_on < task.assigned_on:
        raise ValidationFailed({"completed_on": [_("Ngày hoàn thành không được trước ngày giao.")]})
    before = snapshot(task, ["completed_on", "result"])
    task.completed_on, task.result = completed_on, result
    task.save(update_fields=["completed_on", "result"])
    _audit(actor, "test_task.complete", task, task.prospect.cell.path, before)
    return task


# pytest would otherwise collect the two services above as tests wherever they are imported.
test_task_assign.__test__ = False  # type: ignore[attr-defined]
test_task_complete.__test__ = False  # type: ignore[attr-defined]


@transaction.atomic
def helper_assign(
    *,
    actor: Any,
    helper: Person,
    on: dt.date,
    resolution: str = "",
    purpose: str | None = None,
    prospect: Prospect | None = None,
    case: AdmissionCase | None = None,
) -> HelperAssignment:
    """Assign an official member, by cell resolution, to help a sympathiser or a
    probationary member; the previous helper of that person and purpose stops that day."""
    if (prospect is None) == (case is None):
        raise ValidationFailed({"prospect": [_("Chọn một quần chúng hoặc một hồ sơ.")]})
    subject: Prospect | AdmissionCase = prospect or case  # type: ignore[assignment]
    path = subject.cell.path
    policy.require(actor, Action.EDIT, subject)
    purpose = purpose or (HelperPurpose.SOURCE if prospect else HelperPurpose.PROBATION)
    if purpose not in HelperPurpose.values:
        raise ValidationFailed({"purpose": [_("Mục đích không hợp lệ.")]})
    if member_standing(helper.pk, on).official_since is None:
        raise ValidationFailed({"helper": [_("Người giúp đỡ phải là đảng viên chính thức vào ngày phân công.")]})
    previous = HelperAssignment.objects.filter(prospect=prospect, case=case, purpose=purpose)
    close_open(previous, on)
    assignment = HelperAssignment(
        prospect=prospect, case=case, helper=helper, purpose=purpose, valid_from=on, resolution=resolution
    )
    _validated(assignment, exclude=["prospect", "case", "helper"])
    assignment.save()
    _audit(actor, "helper.assign", assignment, path)
    return assignment


@transaction.atomic
def progress_note_add(
    *, actor: Any, prospect: Prospect, meeting_on: dt.date, reported_by: Person | None, text: str
) -> ProgressNote:
    """A helper's report on a sympathiser, heard at the cell's monthly meeting."""
    prospect = _locked_prospect(actor, prospect)
    _not_in_future(meeting_on, "meeting_on")
    note = ProgressNote(
        prospect=prospect,
        meeting_on=meeting_on,
        reported_by=reported_by,
        text=text,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    _validated(note, exclude=["prospect", "reported_by", "recorded_by"])
    note.save()
    _audit(actor, "progress_note.add", note, prospect.cell.path)
    return note


def locality_without_cell(locality: Locality, on: dt.date) -> bool:
    """No cell serves the village on ``on``, or the cell serving it has no member there."""
    served = LocalityCell.objects.as_of(on).filter(locality=locality).values_list("cell_id", flat=True)
    if not served:
        return True
    return not StatusPeriod.objects.members().as_of(on).filter(organization_id__in=list(served)).exists()


@transaction.atomic
def helping_cell_assign(
    *, actor: Any, locality: Locality, cell: Organization, valid_from: dt.date, document_number: str = ""
) -> HelpingCell:
    """The direct upper committee assigns the most convenient cell to a village with no
    member or no cell; that cell helps and files the admission (QĐ 24-QĐ/TW 3.4)."""
    policy.require(actor, Action.EDIT, locality)
    policy.require(actor, Action.EDIT, cell)
    _require_cell(cell, valid_from)
    if not locality_without_cell(locality, valid_from):
        raise ValidationFailed(
            {"locality": [_("Thôn, bản này đã có chi bộ và đảng viên; không cần giao chi bộ giúp đỡ.")]}
        )
    close_open(HelpingCell.objects.filter(locality=locality), valid_from)
    helping = HelpingCell(locality=locality, cell=cell, valid_from=valid_from, document_number=document_number)
    _validated(helping, exclude=["locality", "cell"])
    helping.save()
    _audit(actor, "helping_cell.assign", helping, cell.path)
    return helping
