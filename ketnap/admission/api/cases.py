"""Cases over the API: the list, opening one, its detail, checklist and findings on a
date, its documents, and the work queue of an organization."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Status

from ketnap.admission import documents, queue, selectors, services
from ketnap.admission.api import schemas as s
from ketnap.admission.api.common import (
    any_blocking,
    case_get,
    case_out,
    cell_get,
    checklist_out,
    findings_out,
    introducer_out,
    person_get,
    relative_out,
    timeline_out,
    verification_out,
    write_responses,
)
from ketnap.admission.types import QueueItem
from ketnap.api.schemas import responses
from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.organizations.api import reads as organizations
from ketnap.people.disclosure import disclosure_for

router = Router(tags=["admission"])


@router.get("/cases", response=responses(s.CasePage), summary="Visible admission cases")
def case_list(request: HttpRequest, filters: Query[s.CaseFilters]) -> s.CasePage:
    user = request.auth  # type: ignore[attr-defined]
    queryset = selectors.cases_visible(user)
    if filters.org is not None:
        # Unknown and invisible codes both give an empty list (nothing disclosed).
        org = organizations.visible_or_none(user, filters.org)
        queryset = queryset.filter(cell__path__startswith=org.path) if org else queryset.none()
    if filters.stage is not None:
        queryset = queryset.filter(stage=filters.stage)
    if filters.open is not None:
        queryset = queryset.filter(closed_on__isnull=filters.open)
    page = queryset.order_by("opened_on", "pk")
    items = [s.CaseOut(**case_out(case)) for case in page[filters.offset : filters.offset + filters.limit]]
    return s.CasePage(count=queryset.count(), limit=filters.limit, offset=filters.offset, items=items)


@router.post("/cases", response=write_responses(s.CaseOut, 201), summary="Open an admission case")
def case_open_view(request: HttpRequest, payload: s.CaseOpenIn) -> Status[s.CaseOut]:
    user = request.auth  # type: ignore[attr-defined]
    person = person_get(user, payload.person_id, "person_id")
    cell = cell_get(user, payload.cell, Action.EDIT) if payload.cell is not None else None
    flags = {flag: getattr(payload, flag) for flag in s.FLAG_FIELDS}
    case = services.case_open(
        actor=user, person=person, cell=cell, opened_on=payload.opened_on, kind=payload.kind.value, **flags
    )
    return Status(201, s.CaseOut(**case_out(case_get(user, case.pk))))


@router.get("/cases/{case_id}", response=responses(s.CaseDetailOut), summary="A case with its checklist and timeline")
def case_detail(request: HttpRequest, case_id: int, params: Query[s.OnQuery]) -> s.CaseDetailOut:
    case = case_get(request.auth, case_id)  # type: ignore[attr-defined]
    on = params.on or policy.today()
    introducers = case.introducers.select_related("member").order_by("introduced_on", "pk")
    disclosure = disclosure_for(request.auth, case.person)  # type: ignore[attr-defined]
    return s.CaseDetailOut(
        **case_out(case),
        on=on,
        checklist=checklist_out(selectors.case_checklist(case, on)),
        findings=findings_out(selectors.case_findings(case, on)),
        timeline=[timeline_out(row) for row in selectors.case_timeline(case)],
        introducers=[introducer_out(i) for i in introducers],
        relatives=[relative_out(r, disclosure) for r in case.relatives.order_by("pk")],
        verifications=[verification_out(v, disclosure) for v in case.verifications.order_by("sent_on", "pk")],
    )


@router.get("/cases/{case_id}/checklist", response=responses(s.ChecklistOut), summary="Dossier checklist on a date")
def case_checklist_view(request: HttpRequest, case_id: int, params: Query[s.OnQuery]) -> s.ChecklistOut:
    case = case_get(request.auth, case_id)  # type: ignore[attr-defined]
    on = params.on or policy.today()
    return s.ChecklistOut(on=on, items=checklist_out(selectors.case_checklist(case, on)))


@router.get("/cases/{case_id}/findings", response=responses(s.FindingsOut), summary="What the rules say on a date")
def case_findings_view(request: HttpRequest, case_id: int, params: Query[s.OnQuery]) -> s.FindingsOut:
    case = case_get(request.auth, case_id)  # type: ignore[attr-defined]
    on = params.on or policy.today()
    findings = findings_out(selectors.case_findings(case, on))
    return s.FindingsOut(on=on, blocking=any_blocking(findings), findings=findings)


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
    case = case_get(request.auth, case_id)  # type: ignore[attr-defined]
    return documents.download(kind.value, case, params.on or policy.today(), reader=request.auth)  # type: ignore[attr-defined]
