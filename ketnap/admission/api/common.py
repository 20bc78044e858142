"""What the admission operations share: lookups through the policy and the output shapes.

Every lookup asks the policy: out of scope is a 404 (also for an object named in a
body, reported on that field), visible but not allowed a 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from ketnap.admission import selectors
from ketnap.admission.api import schemas as s
from ketnap.admission.models import AdmissionCase, CaseStep, Introducer, Prospect, Relative, VerificationRequest
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.steps import spec as step_spec
from ketnap.admission.types import ChecklistRow
from ketnap.api.errors import ErrorOut
from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.people.disclosure import Disclosure
from ketnap.people.models import Person
from ketnap.rules.base import Severity
from ketnap.rules.facts import Basis, Relation

# Writes on a case can also meet a newer version of it (409).
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 422})


def write_responses(ok: Any, status: int = 200) -> dict[Any, Any]:
    return {status: ok, WRITE_ERRORS: ErrorOut}


# --- Lookups through the policy ---------------------------------------------------------------


def visible(queryset: QuerySet[Any], pk: int, user: Any, action: Action, field: str | None = None) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise NotFound(field=field)
    policy.require(user, action, obj)
    return obj


def case_get(user: Any, case_id: int, action: Action = Action.VIEW) -> AdmissionCase:
    case: AdmissionCase = visible(AdmissionCase.objects.select_related("person", "cell"), case_id, user, action)
    return case


def person_get(user: Any, person_id: int, field: str, action: Action = Action.VIEW) -> Person:
    """A person named in a body: one the caller cannot see is reported on that field."""
    person = Person.objects.select_related("organization").filter(pk=person_id).first()
    if person is None or not policy.can(user, Action.VIEW, person):
        raise NotFound(field=field)
    policy.require(user, action, person)
    return person


def cell_get(user: Any, code: str, action: Action, field: str = "cell") -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None or not policy.can(user, Action.VIEW, org):
        raise NotFound(field=field)
    policy.require(user, action, org)
    return org


def prospect_get(user: Any, prospect_id: int, action: Action) -> Prospect:
    prospect: Prospect = visible(Prospect.objects.select_related("person", "cell"), prospect_id, user, action)
    return prospect


# --- Output ------------------------------------------------------------------------------------


def finding_out(finding: Any) -> s.FindingOut:
    """A rules ``Finding`` (or the dict stored on a step) as the API shows it: the same
    ``finding_dict`` as the pages, so the message is in the negotiated language."""
    shown = selectors.finding_dict(finding)
    return s.FindingOut(
        code=shown["code"],
        severity=Severity(shown["severity"]),
        blocking=shown["blocking"],
        message=shown["message"],
        citation=shown["citation"],
        satisfiable_on=shown["satisfiable_on"],
        due_on=shown["due_on"],
        edition=shown["edition"],
    )


def findings_out(findings: Iterable[Any]) -> list[s.FindingOut]:
    return [finding_out(f) for f in findings]


def any_blocking(findings: list[s.FindingOut]) -> bool:
    return any(f.blocking for f in findings)


def case_out(case: AdmissionCase) -> dict[str, Any]:
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
        findings=findings_out(row.findings),
        edition=row.edition,
        override_reason=row.override_reason,
        void=row.void,
        superseded=row.superseded,
        supersedes=row.supersedes_id,
    )


def recorded_out(step: CaseStep) -> s.RecordedOut:
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
        findings=findings_out(step.findings or []),
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


def checklist_out(rows: Iterable[ChecklistRow]) -> list[s.ChecklistRowOut]:
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


def introducer_out(introducer: Introducer) -> s.IntroducerOut:
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


def relative_out(relative: Relative, disclosure: Disclosure) -> s.RelativeOut:
    """A relative; the name and residence masked unless the reader may see sensitive data."""
    return s.RelativeOut(
        id=relative.pk,
        full_name=disclosure.text(relative.full_name),
        relation=Relation(relative.relation),
        party_member=relative.party_member,
        fully_declared=relative.fully_declared,
        full_civil_capacity=relative.full_civil_capacity,
        abroad=relative.abroad,
        residence=disclosure.text(relative.residence),
    )


def verification_out(request_: VerificationRequest, disclosure: Disclosure) -> s.VerificationOut:
    """A verification request; the result masked unless the reader may see sensitive data."""
    return s.VerificationOut(
        id=request_.pk,
        relative_id=request_.relative_id,
        addressee=request_.addressee,
        via_upper_committee=request_.via_upper_committee,
        sent_on=request_.sent_on,
        document_number=request_.document_number,
        replied_on=request_.replied_on,
        result=disclosure.text(request_.result),
    )
