"""The candidate source over the API: outstanding mass members in a cell's source, the
sympathiser list, helpers, progress notes, test tasks, and leaving the source."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from ninja import Query, Router, Status

from ketnap.admission import source as source_services
from ketnap.admission.api import schemas as s
from ketnap.admission.api.common import cell_get, person_get, prospect_get, visible, write_responses
from ketnap.admission.models import (
    HelperAssignment,
    HelperPurpose,
    Origin,
    ProgressNote,
    Prospect,
    SympathiserListing,
    TestTask,
)
from ketnap.api.schemas import responses
from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization

router = Router(tags=["admission"])


def _prospect_out(prospect: Prospect, as_of: dt.date) -> s.ProspectOut:
    listed = getattr(prospect, "listed", None)
    if listed is None:
        listed = prospect.listings.as_of(as_of).exists()
    return s.ProspectOut(
        id=prospect.pk,
        person_id=prospect.person_id,
        person_name=prospect.person.full_name,
        cell=prospect.cell.code,
        origin=Origin(prospect.origin),
        noted_on=prospect.noted_on,
        left_on=prospect.left_on,
        note=prospect.note,
        sympathiser=bool(listed),
    )


def _task_out(task: TestTask) -> s.TaskOut:
    return s.TaskOut(
        id=task.pk,
        prospect_id=task.prospect_id,
        assigned_on=task.assigned_on,
        description=task.description,
        due_on=task.due_on,
        completed_on=task.completed_on,
        result=task.result,
    )


@router.get("/prospects", response=responses(s.ProspectPage), summary="Outstanding mass members in the source")
def prospect_list(request: HttpRequest, filters: Query[s.ProspectFilters]) -> s.ProspectPage:
    user = request.auth  # type: ignore[attr-defined]
    as_of = filters.as_of or policy.today()
    queryset = policy.scope(user, Prospect.objects.all(), Action.VIEW)
    if filters.cell is not None:
        org = Organization.objects.filter(code=filters.cell).first()
        queryset = queryset.filter(cell__path__startswith=org.path) if org else queryset.none()
    if filters.current:
        queryset = queryset.filter(Q(noted_on__lte=as_of), Q(left_on__isnull=True) | Q(left_on__gt=as_of))
    listed = SympathiserListing.objects.as_of(as_of).filter(prospect=OuterRef("pk"))
    page = (
        queryset.select_related("person", "cell")
        .annotate(listed=Exists(listed))
        .order_by("person__sort_key", "pk")[filters.offset : filters.offset + filters.limit]
    )
    return s.ProspectPage(
        count=queryset.count(),
        limit=filters.limit,
        offset=filters.offset,
        as_of=as_of,
        items=[_prospect_out(p, as_of) for p in page],
    )


@router.post("/prospects", response=write_responses(s.ProspectOut, 201), summary="Add a person to a cell's source")
def prospect_add_view(request: HttpRequest, payload: s.ProspectIn) -> Status[s.ProspectOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = person_get(user, payload.person_id, "person_id")
    cell = cell_get(user, payload.cell, Action.EDIT)
    prospect = source_services.prospect_add(
        actor=user, person=person, cell=cell, origin=payload.origin.value, noted_on=payload.noted_on, note=payload.note
    )
    return Status(201, _prospect_out(prospect_get(user, prospect.pk, Action.VIEW), payload.noted_on))


@router.post(
    "/prospects/{prospect_id}/leave",
    response=write_responses(s.ProspectOut),
    summary="Take a person out of the source (their listing and helper end that day)",
)
def prospect_leave_view(request: HttpRequest, prospect_id: int, payload: s.ProspectLeaveIn) -> s.ProspectOut:
    user = request.auth  # type: ignore[attr-defined]
    prospect = prospect_get(user, prospect_id, Action.EDIT)
    prospect = source_services.prospect_leave(actor=user, prospect=prospect, on=payload.on, note=payload.note)
    return _prospect_out(prospect, payload.on)


@router.post(
    "/prospects/{prospect_id}/sympathiser-listing",
    response=write_responses(s.ListingOut),
    summary="Put on or take off the cell's sympathiser list by cell resolution",
)
def listing_view(request: HttpRequest, prospect_id: int, payload: s.ListingIn) -> s.ListingOut:
    user = request.auth  # type: ignore[attr-defined]
    prospect = prospect_get(user, prospect_id, Action.EDIT)
    add = payload.action == s.ListingAction.ADD
    service = source_services.sympathiser_list if add else source_services.sympathiser_unlist
    listing: SympathiserListing = service(actor=user, prospect=prospect, on=payload.on, resolution=payload.resolution)
    return s.ListingOut(
        id=listing.pk,
        prospect_id=listing.prospect_id,
        valid_from=listing.valid_from,
        valid_to=listing.valid_to,
        added_by_resolution=listing.added_by_resolution,
        removed_by_resolution=listing.removed_by_resolution,
    )


@router.post(
    "/prospects/{prospect_id}/helpers",
    response=write_responses(s.HelperOut, 201),
    summary="Assign an official member to help",
)
def helper_assign_view(request: HttpRequest, prospect_id: int, payload: s.HelperIn) -> Status[s.HelperOut]:
    user = request.auth  # type: ignore[attr-defined]
    prospect = prospect_get(user, prospect_id, Action.EDIT)
    helper = person_get(user, payload.helper_id, "helper_id")
    assignment: HelperAssignment = source_services.helper_assign(
        actor=user, prospect=prospect, helper=helper, on=payload.on, resolution=payload.resolution
    )
    return Status(
        201,
        s.HelperOut(
            id=assignment.pk,
            helper_id=assignment.helper_id,
            helper_name=helper.full_name,
            purpose=HelperPurpose(assignment.purpose),
            valid_from=assignment.valid_from,
            valid_to=assignment.valid_to,
            resolution=assignment.resolution,
        ),
    )


@router.post(
    "/prospects/{prospect_id}/notes",
    response=write_responses(s.NoteOut, 201),
    summary="Record a progress note heard at a cell meeting",
)
def note_add_view(request: HttpRequest, prospect_id: int, payload: s.NoteIn) -> Status[s.NoteOut]:
    user = request.auth  # type: ignore[attr-defined]
    prospect = prospect_get(user, prospect_id, Action.EDIT)
    reporter = person_get(user, payload.reported_by_id, "reported_by_id") if payload.reported_by_id else None
    note: ProgressNote = source_services.progress_note_add(
        actor=user, prospect=prospect, meeting_on=payload.meeting_on, text=payload.text, reported_by=reporter
    )
    return Status(
        201,
        s.NoteOut(
            id=note.pk,
            prospect_id=note.prospect_id,
            meeting_on=note.meeting_on,
            reported_by_id=note.reported_by_id,
            text=note.text,
        ),
    )


@router.post(
    "/prospects/{prospect_id}/tasks",
    response=write_responses(s.TaskOut, 201),
    summary="Assign a test task",
)
def task_assign_view(request: HttpRequest, prospect_id: int, payload: s.TaskIn) -> Status[s.TaskOut]:
    user = request.auth  # type: ignore[attr-defined]
    prospect = prospect_get(user, prospect_id, Action.EDIT)
    task: TestTask = source_services.test_task_assign(actor=user, prospect=prospect, **payload.model_dump())
    return Status(201, _task_out(task))


@router.post(
    "/tasks/{task_id}/complete",
    response=write_responses(s.TaskOut),
    summary="Record how a test task went (once)",
)
def task_complete_view(request: HttpRequest, task_id: int, payload: s.TaskCompleteIn) -> s.TaskOut:
    user = request.auth  # type: ignore[attr-defined]
    task: TestTask = visible(TestTask.objects.select_related("prospect__cell"), task_id, user, Action.EDIT)
    task = source_services.test_task_complete(
        actor=user, task=task, completed_on=payload.completed_on, result=payload.result
    )
    return _task_out(task)
