"""Admission over the API: cases, one operation per procedure step, evidence, the source,
the work queue and the documents.

Every operation asks the policy: reads need ``view``, writes ``edit``; the step service
accepts an override of blocking findings only from a holder of ``approve``. Out of scope
is a 404, visible but read-only a 403. The step operations are generated from the
catalogue, one per step kind, each with its own body schema; all of them call the same
``step_record`` service as the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Status

from ketnap.admission import documents, queue, selectors, services, source
from ketnap.admission.models import (
    AdmissionCase,
    AwarenessCertificate,
    CaseStep,
    HelperAssignment,
    HelperPurpose,
    Introducer,
    Origin,
    ProgressNote,
    Prospect,
    Relative,
    SympathiserListing,
    TestTask,
    VerificationRequest,
)
from ketnap.admission.steps import CATALOGUE, Stage, StepKind, StepSpec
from ketnap.admission.steps import spec as step_spec
from ketnap.admission.types import ChecklistRow, QueueItem
from ketnap.api import admission_schemas as s
from ketnap.api import organizations
from ketnap.api.errors import ErrorOut
from ketnap.api.schemas import responses
from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.rules.base import Severity
from ketnap.rules.facts import Basis, Relation

router = Router(tags=["admission"])

# Writes on a case can also meet a newer version of it (409).
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 422})


def write_responses(ok: Any, status: int = 200) -> dict[Any, Any]:
    return {status: ok, WRITE_ERRORS: ErrorOut}


# --- Lookups through the policy ---------------------------------------------------------------


def _visible(queryset: QuerySet[Any], pk: int, user: Any, action: Action, field: str | None = None) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise NotFound(field=field)
    policy.require(user, action, obj)
    return obj


def _case(user: Any, case_id: int, action: Action = Action.VIEW) -> AdmissionCase:
    return _visible(AdmissionCase.objects.select_related("person", "cell"), case_id, user, action)


def _person(user: Any, person_id: int, field: str, action: Action = Action.VIEW) -> Person:
    """A person named in a body: one the caller cannot see is reported on that field."""
    person = Person.objects.select_related("organization").filter(pk=person_id).first()
    if person is None or not policy.can(user, Action.VIEW, person):
        raise NotFound(field=field)
    policy.require(user, action, person)
    return person


def _cell(user: Any, code: str, action: Action, field: str = "cell") -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None or not policy.can(user, Action.VIEW, org):
        raise NotFound(field=field)
    policy.require(user, action, org)
    return org


def _prospect(user: Any, prospect_id: int, action: Action) -> Prospect:
    return _visible(Prospect.objects.select_related("person", "cell"), prospect_id, user, action)


# --- Output ------------------------------------------------------------------------------------


def finding_out(finding: Any) -> s.FindingOut:
    """A rules ``Finding`` (or the dict stored on a step) as the API shows it."""
    get = finding.get if isinstance(finding, dict) else lambda name, default=None: getattr(finding, name, default)
    severity = Severity(str(get("severity")))
    return s.FindingOut(
        code=str(get("code")),
        severity=severity,
        blocking=severity is Severity.BLOCKING,
        message=str(get("message", "")),
        citation=str(get("citation", "") or ""),
        satisfiable_on=get("satisfiable_on"),
        due_on=get("due_on"),
        edition=get("edition", "") or "",
    )


def _findings(findings: Iterable[Any]) -> list[s.FindingOut]:
    return [finding_out(f) for f in findings]


def _blocking(findings: list[s.FindingOut]) -> bool:
    return any(f.blocking for f in findings)


def _case_out(case: AdmissionCase) -> dict[str, Any]:
    return {
        "id": case.pk,
        "person_id": case.person_id,
        "person_name": case.person.full_name,
        "cell": case.cell.code,
        "cell_name": case.cell.name,
        "kind": case.kind,
        "opened_on": case.opened_on,
        "stage": case.stage,
        "closed_on": case.closed_on,
        "outcome": case.outcome or None,
        "due_on": case.due_on,
        "due_code": case.due_code,
        "version": case.version,
        **{flag: getattr(case, flag) for flag in s.FLAG_FIELDS},
    }


def timeline_out(row: selectors.TimelineRow) -> s.StepOut:
    return s.StepOut(
        id=row.id,
        kind=StepKind(row.kind),
        label=row.label,
        stage=Stage(row.stage),
        occurred_on=row.occurred_on,
        document_number=row.document_number,
        note=row.note,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        findings=_findings(row.findings),
        edition=row.edition,
        override_reason=row.override_reason,
        void=row.void,
        superseded=row.superseded,
        supersedes=row.supersedes_id,
    )


def _recorded_out(step: CaseStep) -> s.RecordedOut:
    """The step just written, with the case's new version and stage for the next form."""
    case = AdmissionCase.objects.only("version", "stage").get(pk=step.case_id)
    user = step.recorded_by
    item = step_spec(step.kind)
    return s.RecordedOut(
        id=step.pk,
        kind=StepKind(step.kind),
        label=str(item.label),
        stage=item.stage,
        occurred_on=step.occurred_on,
        document_number=step.document_number,
        note=step.note,
        recorded_by=(user.get_full_name() or user.get_username()) if user else "",
        recorded_at=step.recorded_at,
        findings=_findings(step.findings or []),
        edition=step.edition,
        override_reason=step.override_reason,
        void=step.void,
        superseded=False,
        supersedes=step.supersedes_id,
        case_id=step.case_id,
        data=step.data or {},
        case_version=case.version,
        case_stage=Stage(case.stage),
    )


def _checklist(rows: Iterable[ChecklistRow]) -> list[s.ChecklistRowOut]:
    return [
        s.ChecklistRowOut(
            code=row.code,
            label=str(row.label),
            form=row.form,
            state=row.state,
            occurred_on=row.occurred_on,
            document_number=row.document_number,
            note=row.note,
        )
        for row in rows
    ]


def _introducer_out(introducer: Introducer) -> s.IntroducerOut:
    return s.IntroducerOut(
        id=introducer.pk,
        member_id=introducer.member_id,
        member_name=introducer.member.full_name,
        basis=Basis(introducer.basis),
        together_since=introducer.together_since,
        introduced_on=introducer.introduced_on,
        replacement=introducer.replacement,
        withdrawn_on=introducer.withdrawn_on,
    )


def _relative_out(relative: Relative) -> s.RelativeOut:
    return s.RelativeOut(
        id=relative.pk,
        full_name=relative.full_name,
        relation=Relation(relative.relation),
        party_member=relative.party_member,
        fully_declared=relative.fully_declared,
        full_civil_capacity=relative.full_civil_capacity,
        abroad=relative.abroad,
        residence=relative.residence,
    )


def _verification_out(request_: VerificationRequest) -> s.VerificationOut:
    return s.VerificationOut(
        id=request_.pk,
        relative_id=request_.relative_id,
        addressee=request_.addressee,
        via_upper_committee=request_.via_upper_committee,
        sent_on=request_.sent_on,
        document_number=request_.document_number,
        replied_on=request_.replied_on,
        result=request_.result,
    )


# --- Cases -------------------------------------------------------------------------------------


@router.get("/cases", response=responses(s.CasePage), summary="Visible admission cases")
def case_list(request: HttpRequest, filters: Query[s.CaseFilters]) -> s.CasePage:
    user = request.auth  # type: ignore[attr-defined]
    queryset = selectors.cases_visible(user)
    if filters.org is not None:
        # Unknown and invisible codes both give an empty list (nothing disclosed).
        org = Organization.objects.filter(code=filters.org).first()
        queryset = queryset.filter(cell__path__startswith=org.path) if org else queryset.none()
    if filters.stage is not None:
        queryset = queryset.filter(stage=filters.stage)
    if filters.open is not None:
        queryset = queryset.filter(closed_on__isnull=filters.open)
    page = queryset.order_by("opened_on", "pk")
    items = [s.CaseOut(**_case_out(case)) for case in page[filters.offset : filters.offset + filters.limit]]
    return s.CasePage(count=queryset.count(), limit=filters.limit, offset=filters.offset, items=items)


@router.post("/cases", response=write_responses(s.CaseOut, 201), summary="Open an admission case")
def case_open_view(request: HttpRequest, payload: s.CaseOpenIn) -> Status[s.CaseOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = _person(user, payload.person_id, "person_id")
    cell = _cell(user, payload.cell, Action.EDIT) if payload.cell is not None else None
    flags = {flag: getattr(payload, flag) for flag in s.FLAG_FIELDS}
    case = services.case_open(
        actor=user, person=person, cell=cell, opened_on=payload.opened_on, kind=payload.kind.value, **flags
    )
    return Status(201, s.CaseOut(**_case_out(_case(user, case.pk))))


@router.get("/cases/{case_id}", response=responses(s.CaseDetailOut), summary="A case with its checklist and timeline")
def case_detail(request: HttpRequest, case_id: int, params: Query[s.OnQuery]) -> s.CaseDetailOut:
    case = _case(request.auth, case_id)  # type: ignore[attr-defined]
    on = params.on or policy.today()
    introducers = case.introducers.select_related("member").order_by("introduced_on", "pk")
    return s.CaseDetailOut(
        **_case_out(case),
        on=on,
        checklist=_checklist(selectors.case_checklist(case, on)),
        findings=_findings(selectors.case_findings(case, on)),
        timeline=[timeline_out(row) for row in selectors.case_timeline(case)],
        introducers=[_introducer_out(i) for i in introducers],
        relatives=[_relative_out(r) for r in case.relatives.order_by("pk")],
        verifications=[_verification_out(v) for v in case.verifications.order_by("sent_on", "pk")],
    )


@router.get("/cases/{case_id}/checklist", response=responses(s.ChecklistOut), summary="Dossier checklist on a date")
def case_checklist_view(request: HttpRequest, case_id: int, params: Query[s.OnQuery]) -> s.ChecklistOut:
    case = _case(request.auth, case_id)  # type: ignore[attr-defined]
    on = params.on or policy.today()
    return s.ChecklistOut(on=on, items=_checklist(selectors.case_checklist(case, on)))


@router.get("/cases/{case_id}/findings", response=responses(s.FindingsOut), summary="What the rules say on a date")
def case_findings_view(request: HttpRequest, case_id: int, params: Query[s.OnQuery]) -> s.FindingsOut:
    case = _case(request.auth, case_id)  # type: ignore[attr-defined]
    on = params.on or policy.today()
    findings = _findings(selectors.case_findings(case, on))
    return s.FindingsOut(on=on, blocking=_blocking(findings), findings=findings)


# --- One operation per step --------------------------------------------------------------------


def _record_view(spec: StepSpec) -> Callable[..., s.RecordedOut]:
    def view(request: HttpRequest, case_id: int, payload: s.StepBody) -> s.RecordedOut:
        user = request.auth  # type: ignore[attr-defined]
        case = _case(user, case_id, Action.EDIT)
        _check_people_in_body(user, payload)
        step = services.step_record(
            actor=user,
            case=case,
            kind=spec.kind,
            occurred_on=payload.occurred_on,
            document_number=payload.document_number,
            data=s.step_data(payload),
            note=payload.note,
            expected_version=payload.expected_version,
            override_reason=payload.override_reason,
        )
        return _recorded_out(step)

    return view


def _check_view(spec: StepSpec) -> Callable[..., s.CheckOut]:
    def view(request: HttpRequest, case_id: int, payload: s.StepBody) -> s.CheckOut:
        user = request.auth  # type: ignore[attr-defined]
        case = _case(user, case_id)
        _check_people_in_body(user, payload)
        findings = _findings(
            services.case_check(
                case=case,
                kind=spec.kind,
                occurred_on=payload.occurred_on,
                data=s.step_data(payload),
                document_number=payload.document_number,
            )
        )
        return s.CheckOut(
            kind=spec.kind, occurred_on=payload.occurred_on, blocking=_blocking(findings), findings=findings
        )

    return view


def _check_people_in_body(user: Any, payload: s.StepBody) -> None:
    helper_id = getattr(payload, "helper_id", None)
    if helper_id is not None:
        _person(user, helper_id, "helper_id")


def _typed(view: Callable[..., Any], body: type[s.StepBody], returns: type, name: str) -> Callable[..., Any]:
    # django-ninja reads the body schema from the annotation; each generated view gets
    # its own, so the OpenAPI document shows each step's fields.
    view.__annotations__ = {"request": HttpRequest, "case_id": int, "payload": body, "return": returns}
    view.__name__ = view.__qualname__ = name
    return view


def _register_step(spec: StepSpec) -> None:
    body = s.STEP_BODIES[spec.kind]
    path = f"/cases/{{case_id}}/steps/{s.slug(spec.kind)}"
    form = f" (form {spec.form})" if spec.form else ""
    router.post(
        path,
        response=write_responses(s.RecordedOut),
        operation_id=f"record_{spec.kind.value}",
        summary=f"Record step: {spec.kind.value}",
        description=(
            f"{spec.label}{form}. Checks the case against the regulations in force; blocking findings refuse "
            "the write (409, `step_blocked`, findings in `details`) unless an approver gives `override_reason`. "
            "A stale `expected_version` is refused with 409 (`stale_case`)."
        ),
    )(_typed(_record_view(spec), body, s.RecordedOut, f"record_{spec.kind.value}"))
    router.post(
        f"{path}/check",
        response=responses(s.CheckOut),
        operation_id=f"check_{spec.kind.value}",
        summary=f"Check step (dry run): {spec.kind.value}",
        description=f"{spec.label}{form}: every finding the rules give for this step, without recording anything.",
    )(_typed(_check_view(spec), body, s.CheckOut, f"check_{spec.kind.value}"))


for _spec in CATALOGUE:
    _register_step(_spec)


def _step(user: Any, step_id: int, action: Action) -> CaseStep:
    queryset = CaseStep.objects.select_related("case__cell", "case__person", "recorded_by")
    return _visible(queryset, step_id, user, action)


@router.post(
    "/steps/{step_id}/correct",
    response=write_responses(s.RecordedOut),
    summary="Correct a recorded step (a new step supersedes it; history is kept)",
)
def step_correct_view(request: HttpRequest, step_id: int, payload: s.CorrectIn) -> s.RecordedOut:
    user = request.auth  # type: ignore[attr-defined]
    step = _step(user, step_id, Action.EDIT)
    changes = payload.model_dump(exclude={"reason"}, exclude_none=True)
    correction = services.step_correct(actor=user, step=step, reason=payload.reason, **changes)
    return _recorded_out(correction)


@router.post(
    "/steps/{step_id}/void",
    response=write_responses(s.RecordedOut),
    summary="Void a step recorded by mistake (history is kept)",
)
def step_void_view(request: HttpRequest, step_id: int, payload: s.VoidIn) -> s.RecordedOut:
    user = request.auth  # type: ignore[attr-defined]
    step = _step(user, step_id, Action.EDIT)
    voiding = services.step_void(actor=user, step=step, reason=payload.reason)
    return _recorded_out(voiding)


# --- Evidence ----------------------------------------------------------------------------------


@router.post(
    "/cases/{case_id}/introducers", response=write_responses(s.IntroducerOut, 201), summary="Add an introducer"
)
def introducer_add_view(request: HttpRequest, case_id: int, payload: s.IntroducerIn) -> Status[s.IntroducerOut]:
    user = request.auth  # type: ignore[attr-defined]
    case = _case(user, case_id, Action.EDIT)
    member = _person(user, payload.member_id, "member_id")
    introducer = services.introducer_add(
        actor=user,
        case=case,
        member=member,
        basis=payload.basis.value,
        together_since=payload.together_since,
        introduced_on=payload.introduced_on,
        replacement=payload.replacement,
    )
    return Status(201, _introducer_out(introducer))


@router.post("/cases/{case_id}/relatives", response=write_responses(s.RelativeOut, 201), summary="Declare a relative")
def relative_add_view(request: HttpRequest, case_id: int, payload: s.RelativeIn) -> Status[s.RelativeOut]:
    user = request.auth  # type: ignore[attr-defined]
    case = _case(user, case_id, Action.EDIT)
    relative = services.relative_add(actor=user, case=case, **payload.model_dump(mode="python"))
    return Status(201, _relative_out(relative))


@router.post(
    "/cases/{case_id}/verifications",
    response=write_responses(s.VerificationOut, 201),
    summary="Send a verification request",
)
def verification_add_view(request: HttpRequest, case_id: int, payload: s.VerificationIn) -> Status[s.VerificationOut]:
    user = request.auth  # type: ignore[attr-defined]
    case = _case(user, case_id, Action.EDIT)
    relative = None
    if payload.relative_id is not None:
        relative = case.relatives.filter(pk=payload.relative_id).first()
        if relative is None:
            raise NotFound(field="relative_id")
    fields = payload.model_dump(exclude={"relative_id"})
    verification = services.verification_request_add(actor=user, case=case, relative=relative, **fields)
    return Status(201, _verification_out(verification))


@router.post(
    "/verifications/{verification_id}/reply",
    response=write_responses(s.VerificationOut),
    summary="Record the reply to a verification request",
)
def verification_reply_view(
    request: HttpRequest, verification_id: int, payload: s.VerificationReplyIn
) -> s.VerificationOut:
    user = request.auth  # type: ignore[attr-defined]
    queryset = VerificationRequest.objects.select_related("case__cell")
    verification = _visible(queryset, verification_id, user, Action.EDIT)
    verification = services.verification_reply_record(
        actor=user, request=verification, replied_on=payload.replied_on, result=payload.result
    )
    return _verification_out(verification)


@router.post(
    "/people/{person_id}/certificates",
    response=write_responses(s.CertificateOut, 201),
    summary="Record an awareness-class certificate",
)
def certificate_add_view(request: HttpRequest, person_id: int, payload: s.CertificateIn) -> Status[s.CertificateOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = _visible(Person.objects.select_related("organization"), person_id, user, Action.EDIT)
    certificate: AwarenessCertificate = services.certificate_record(actor=user, person=person, **payload.model_dump())
    return Status(
        201,
        s.CertificateOut(
            id=certificate.pk,
            person_id=certificate.person_id,
            issued_on=certificate.issued_on,
            number=certificate.number,
            issuer=certificate.issuer,
        ),
    )


# --- The source --------------------------------------------------------------------------------


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
    person = _person(user, payload.person_id, "person_id")
    cell = _cell(user, payload.cell, Action.EDIT)
    prospect = source.prospect_add(
        actor=user, person=person, cell=cell, origin=payload.origin.value, noted_on=payload.noted_on, note=payload.note
    )
    return Status(201, _prospect_out(_prospect(user, prospect.pk, Action.VIEW), payload.noted_on))


@router.post(
    "/prospects/{prospect_id}/sympathiser-listing",
    response=write_responses(s.ListingOut),
    summary="Put on or take off the cell's sympathiser list by cell resolution",
)
def listing_view(request: HttpRequest, prospect_id: int, payload: s.ListingIn) -> s.ListingOut:
    user = request.auth  # type: ignore[attr-defined]
    prospect = _prospect(user, prospect_id, Action.EDIT)
    service = source.sympathiser_list if payload.action == s.ListingAction.ADD else source.sympathiser_unlist
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
    prospect = _prospect(user, prospect_id, Action.EDIT)
    helper = _person(user, payload.helper_id, "helper_id")
    assignment: HelperAssignment = source.helper_assign(
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
    prospect = _prospect(user, prospect_id, Action.EDIT)
    reporter = _person(user, payload.reported_by_id, "reported_by_id") if payload.reported_by_id else None
    note: ProgressNote = source.progress_note_add(
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
    prospect = _prospect(user, prospect_id, Action.EDIT)
    task: TestTask = source.test_task_assign(actor=user, prospect=prospect, **payload.model_dump())
    return Status(
        201,
        s.TaskOut(
            id=task.pk,
            prospect_id=task.prospect_id,
            assigned_on=task.assigned_on,
            description=task.description,
            due_on=task.due_on,
            completed_on=task.completed_on,
            result=task.result,
        ),
    )


# --- Work queue and documents ------------------------------------------------------------------


def queue_item_out(item: QueueItem) -> s.QueueItemOut:
    return s.QueueItemOut(
        code=item.code,
        message=str(item.message),
        citation=str(item.citation),
        due_on=item.due_on,
        overdue=item.overdue,
        person_id=item.person_id,
        person_name=item.person_name,
        organization_code=item.organization_code,
        organization_name=item.organization_name,
        case_id=item.case_id,
    )


@router.get(
    "/organizations/{code}/queue",
    response=responses(s.QueueOut),
    summary="What is due soon and overdue in the subtree (the same rows as the page and `ketnap queue`)",
)
def queue_view(request: HttpRequest, code: str, params: Query[s.QueueQuery]) -> s.QueueOut:
    org = organizations.get_visible(request.auth, code)  # type: ignore[attr-defined]
    as_of = params.as_of or policy.today()
    items = [queue_item_out(item) for item in queue.work_queue(org, as_of, horizon_days=params.horizon)]
    return s.QueueOut(
        organization=org.code,
        as_of=as_of,
        horizon=params.horizon,
        overdue=sum(1 for item in items if item.overdue),
        items=items,
    )


_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/cases/{case_id}/documents/{kind}",
    response=responses(None),
    summary="A draft document of the case (Word) or the dossier checklist (PDF)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment.",
                "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _FILE,
                    "application/pdf": _FILE,
                },
            }
        }
    },
)
def document_view(
    request: HttpRequest, case_id: int, kind: Path[s.DocumentKind], params: Query[s.OnQuery]
) -> HttpResponse:
    case = _case(request.auth, case_id)  # type: ignore[attr-defined]
    content, filename, content_type = documents.render(kind.value, case, params.on or policy.today())
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
