"""The procedure steps over the API: one record and one dry-run check operation per step
kind, generated from the catalogue with each kind's own body schema, and the correction
and void of a recorded step. All call the same services as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router

from ketnap.admission import services
from ketnap.admission.api import schemas as s
from ketnap.admission.api.common import (
    any_blocking,
    case_get,
    findings_out,
    person_get,
    recorded_out,
    visible,
    write_responses,
)
from ketnap.admission.models import CaseStep
from ketnap.admission.steps import CATALOGUE, StepSpec
from ketnap.api.errors import path_lookup
from ketnap.api.schemas import responses
from ketnap.core.policy import Action

router = Router(tags=["admission"])
path_lookup("case_id", case_get)


def _record_view(spec: StepSpec) -> Callable[..., s.RecordedOut]:
    def view(request: HttpRequest, case_id: int, payload: s.StepBody) -> s.RecordedOut:
        user = request.auth  # type: ignore[attr-defined]
        case = case_get(user, case_id, Action.EDIT)
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
        return recorded_out(step)

    return view


def _check_view(spec: StepSpec) -> Callable[..., s.CheckOut]:
    def view(request: HttpRequest, case_id: int, payload: s.StepBody) -> s.CheckOut:
        user = request.auth  # type: ignore[attr-defined]
        case = case_get(user, case_id)
        _check_people_in_body(user, payload)
        findings = findings_out(
            services.case_check(
                case=case,
                kind=spec.kind,
                occurred_on=payload.occurred_on,
                data=s.step_data(payload),
                document_number=payload.document_number,
            )
        )
        return s.CheckOut(
            kind=spec.kind, occurred_on=payload.occurred_on, blocking=any_blocking(findings), findings=findings
        )

    return view


def _check_people_in_body(user: Any, payload: s.StepBody) -> None:
    helper_id = getattr(payload, "helper_id", None)
    if helper_id is not None:
        person_get(user, helper_id, "helper_id")


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


# --- Corrections and voids ---------------------------------------------------------------------


def _step(user: Any, step_id: int, action: Action) -> CaseStep:
    queryset = CaseStep.objects.select_related("case__cell", "case__person", "recorded_by")
    step: CaseStep = visible(queryset, step_id, user, action)
    return step


path_lookup("step_id", lambda user, step_id: _step(user, step_id, Action.VIEW))


@router.post(
    "/steps/{step_id}/correct",
    response=write_responses(s.RecordedOut),
    summary="Correct a recorded step (a new step supersedes it; history is kept)",
    description=(
        "The correction is judged by the rules again; if it still has blocking findings only an approver may "
        "record it (the reason is the override), anyone else gets 403."
    ),
)
def step_correct_view(request: HttpRequest, step_id: int, payload: s.CorrectIn) -> s.RecordedOut:
    user = request.auth  # type: ignore[attr-defined]
    step = _step(user, step_id, Action.EDIT)
    changes = payload.model_dump(exclude={"reason"}, exclude_none=True)
    correction = services.step_correct(actor=user, step=step, reason=payload.reason, **changes)
    return recorded_out(correction)


@router.post(
    "/steps/{step_id}/void",
    response=write_responses(s.RecordedOut),
    summary="Void a step recorded by mistake (history is kept)",
)
def step_void_view(request: HttpRequest, step_id: int, payload: s.VoidIn) -> s.RecordedOut:
    user = request.auth  # type: ignore[attr-defined]
    step = _step(user, step_id, Action.EDIT)
    voiding = services.step_void(actor=user, step=step, reason=payload.reason)
    return recorded_out(voiding)
