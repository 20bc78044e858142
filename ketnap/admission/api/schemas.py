"""Request and response schemas of the admission API.

Each procedure step gets its own body schema, built from the step catalogue, so the
OpenAPI document shows exactly which fields a cell resolution or a ceremony takes.
Ids and counts are strict integers: ``false`` or ``"3"`` is refused, not read as 0 or 3.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt, create_model

from ketnap.admission.documents import KINDS as DOCUMENT_KINDS
from ketnap.admission.models import (
    CaseKind,
    CaseStep,
    HelperAssignment,
    HelperPurpose,
    Origin,
    Outcome,
    ProgressNote,
    Prospect,
    Relative,
    SympathiserListing,
    TestTask,
    VerificationRequest,
)
from ketnap.admission.steps import CATALOGUE, Stage, StepKind, StepSpec
from ketnap.admission.types import ItemState
from ketnap.api.schemas import IsoDate, PageIn
from ketnap.core.limits import STEP_REASON_MAX_LENGTH, max_length
from ketnap.organizations.models import Organization
from ketnap.rules.base import Severity
from ketnap.rules.facts import Basis, Body, Relation

Count = StrictInt
Id = StrictInt


# --- Findings, checklist, timeline ----------------------------------------------------------


class FindingOut(Schema):
    code: str = Field(description="Stable code of the rule, e.g. `introducer.together_months`.")
    severity: Severity
    blocking: bool
    message: str = Field(description="What the rule found, in the negotiated language (Accept-Language: vi or en).")
    citation: str = Field(
        description="Document and article the rule comes from, with its reliability tag; the article in the "
        "negotiated language, the document name as it is."
    )
    satisfiable_on: dt.date | None = Field(None, description="The date time alone cures the finding.")
    due_on: dt.date | None = Field(None, description="The deadline the finding is about.")
    edition: str = ""


class CheckOut(Schema):
    kind: StepKind
    occurred_on: dt.date
    blocking: bool = Field(description="True when the step cannot be recorded without an approver's override.")
    findings: list[FindingOut]


class FindingsOut(Schema):
    on: dt.date
    blocking: bool
    findings: list[FindingOut]


class ChecklistRowOut(Schema):
    code: str
    label: str
    form: str
    state: ItemState
    occurred_on: dt.date | None = None
    document_number: str = ""
    note: str = ""


class ChecklistOut(Schema):
    on: dt.date
    items: list[ChecklistRowOut]


class StepOut(Schema):
    """One recorded step as the case timeline shows it, corrections and voids included."""

    id: int
    kind: StepKind
    label: str
    stage: Stage
    occurred_on: dt.date
    document_number: str
    note: str
    recorded_by: str
    recorded_at: dt.datetime
    findings: list[FindingOut] = Field(description="What the rules said when the step was recorded.")
    edition: str = Field(description="Code of the regulation edition the step was judged under.")
    override_reason: str = Field(description="Set when an approver recorded the step over blocking findings.")
    void: bool = Field(description="True for a step that annuls the one it supersedes.")
    superseded: bool = Field(description="True when a later step corrects or voids this one.")
    supersedes: int | None = Field(description="Id of the step this one corrects or voids.")


class RecordedOut(StepOut):
    case_id: int
    data: dict[str, Any] = Field(description="The step-specific fields as stored.")
    case_version: int = Field(description="The case's version after this step; send it as `expected_version`.")
    case_stage: Stage


# --- Cases -------------------------------------------------------------------------------------


class CaseFlags(Schema):
    village_elder: StrictBool = False
    fisherman_at_sea: StrictBool = False
    health_and_prestige: StrictBool = False
    base_condition: StrictBool = False
    over_60_approved_on: IsoDate | None = None
    youth_union_organisation_exists: StrictBool = True


FLAG_FIELDS = tuple(CaseFlags.model_fields)


class CaseOpenIn(CaseFlags):
    person_id: Id
    cell: str | None = Field(
        None,
        max_length=max_length(Organization, "code"),
        description="Code of the cell that files the case; the cell serving the village if omitted.",
    )
    opened_on: IsoDate
    kind: CaseKind = CaseKind.ADMISSION


class CaseOut(CaseFlags):
    id: int
    person_id: int
    person_name: str
    cell: str = Field(description="Code of the cell.")
    cell_name: str
    kind: CaseKind
    opened_on: dt.date
    stage: Stage
    closed_on: dt.date | None
    outcome: Outcome | None
    due_on: dt.date | None
    due_code: str
    version: int


class CasePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseOut]


class CaseFilters(PageIn):
    org: str | None = Field(
        None,
        max_length=max_length(Organization, "code"),
        description="Organization code: cases of cells in its subtree.",
    )
    stage: Stage | None = None
    open: bool | None = Field(None, description="true: open cases only; false: closed cases only.")


class IntroducerOut(Schema):
    id: int
    member_id: int
    member_name: str
    basis: Basis
    together_since: dt.date
    introduced_on: dt.date
    replacement: bool
    withdrawn_on: dt.date | None


class RelativeOut(Schema):
    id: int
    full_name: str = Field(description="Sensitive: masked (••••) unless the caller may see sensitive data.")
    relation: Relation
    party_member: bool
    fully_declared: bool
    full_civil_capacity: bool
    abroad: bool
    residence: str = Field(description="Sensitive: masked (••••) unless the caller may see sensitive data.")


class VerificationOut(Schema):
    id: int
    relative_id: int | None
    addressee: str
    via_upper_committee: bool
    sent_on: dt.date
    document_number: str
    replied_on: dt.date | None
    result: str = Field(description="Sensitive: masked (••••) unless the caller may see sensitive data.")


class CaseDetailOut(CaseOut):
    on: dt.date = Field(description="Date of the checklist and findings.")
    checklist: list[ChecklistRowOut]
    findings: list[FindingOut]
    timeline: list[StepOut]
    introducers: list[IntroducerOut]
    relatives: list[RelativeOut]
    verifications: list[VerificationOut]


class OnQuery(Schema):
    on: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")


# --- Steps -------------------------------------------------------------------------------------


class StepBody(Schema):
    """Fields every step takes."""

    occurred_on: IsoDate = Field(description="Date of the step (resolution, decision, ceremony…).")
    document_number: str = Field(
        "", max_length=max_length(CaseStep, "document_number"), description="Number of the resolution or decision."
    )
    note: str = Field("", max_length=max_length(CaseStep, "note"))
    expected_version: StrictInt | None = Field(
        None, ge=0, description="The case version the form was read at; a newer case refuses the write (409)."
    )
    override_reason: str = Field(
        "",
        max_length=max_length(CaseStep, "override_reason"),
        description="Record despite blocking findings: approvers only, audited.",
    )


COMMON_FIELDS = frozenset(StepBody.model_fields)


class CellVoteBody(StepBody):
    """A cell's vote (≥ 2/3 of the official members counted; Charter art. 5.2)."""

    official_members: Count = Field(ge=0, description="Official members on the cell's rolls, exempted included.")
    present: Count | None = Field(None, ge=0, description="Official members present (at most the official members).")
    in_favour: Count = Field(
        ge=0, description="Official members who agreed (at most the official members less those away or absent)."
    )
    temporarily_away: Count = Field(0, ge=0, description="Introduced to temporary activity elsewhere.")
    exempted_absent: Count = Field(0, ge=0, description="Exempted from activity and absent.")
    probationary_in_favour: Count = Field(0, ge=0, description="Ballots of probationary members (never counted).")


class CommitteeVoteBody(StepBody):
    """A committee's vote on the cell's proposal."""

    members_total: Count = Field(ge=0, description="Members of the committee.")
    present: Count | None = Field(None, ge=0, description="Members present (at most the members).")
    in_favour: Count = Field(ge=0, description="Members who agreed (at most the members).")


class DecisionBody(StepBody):
    """A decision by the competent committee, with any extension of its deadline."""

    extension_working_days: Count = Field(0, ge=0, le=30, description="Extension granted, in working days.")
    extension_reason: str = Field("", max_length=STEP_REASON_MAX_LENGTH)
    body: Body | None = Field(None, description="Kind of body that decided; the configured authority when omitted.")
    standing_members_total: Count | None = Field(
        None, ge=1, description="Where a standing committee decides: its members (its majority is then checked)."
    )
    standing_in_favour: Count | None = Field(None, ge=0, description="Standing committee members who agreed.")


class AdmissionDecisionBody(DecisionBody):
    """The admission (or readmission) decision."""

    provincial_consent_on: IsoDate | None = Field(
        None, description="Readmission: date of the provincial standing committee's written agreement."
    )


class CeremonyBody(StepBody):
    """The admission ceremony, with the official member assigned to help."""

    helper_id: Id | None = Field(None, description="Id of the official member assigned to help.")
    late_approved: StrictBool = Field(False, description="A late ceremony approved by the upper committee.")


class RecognitionResolutionBody(CellVoteBody):
    """The cell's resolution on recognising a probationary member."""

    qualified: StrictBool = Field(description="false: the cell proposes removal from the rolls.")
    failed_votes: Count = Field(
        0,
        ge=0,
        description="Earlier votes that reached 2/3 neither way, for imported history only: votes recorded as "
        "steps are counted.",
    )


class DecisionExtensionBody(StepBody):
    """The competent committee extends the time to decide, before it decides (QĐ 4.3.1)."""

    extension_working_days: Count = Field(ge=1, le=30, description="Extension granted, in working days.")
    extension_reason: str = Field(min_length=1, max_length=STEP_REASON_MAX_LENGTH)


class EscalationDecision(StrEnum):
    RECOGNIZE = "recognize"
    REMOVE = "remove"


class EscalationBody(StepBody):
    """The upper committee's decision after the failed votes (QĐ 29 4.2c)."""

    decision: EscalationDecision


class RecognitionDecisionBody(DecisionBody):
    official_date: IsoDate | None = Field(None, description="Computed as ceremony + 12 months when omitted.")


class UnionOrganisation(StrEnum):
    YOUTH_UNION = "youth_union"
    TRADE_UNION = "trade_union"


class UnionIntroductionBody(StepBody):
    """The Youth Union's (or grassroots trade union's) resolution introducing the candidate."""

    organisation: UnionOrganisation = UnionOrganisation.YOUTH_UNION


class HistoryCertifiedBody(StepBody):
    cell_commented_on: IsoDate | None = Field(None, description="Date the cell committee commented on the history.")


class PartyCardBody(StepBody):
    decided_by_upper_committee: StrictBool = True


_BASES: dict[StepKind, type[StepBody]] = {
    StepKind.CELL_RESOLUTION: CellVoteBody,
    StepKind.GRASSROOTS_RESOLUTION: CommitteeVoteBody,
    StepKind.RECOGNITION_GRASSROOTS_RESOLUTION: CommitteeVoteBody,
    StepKind.DECISION: AdmissionDecisionBody,
    StepKind.RECOGNITION_DECISION: RecognitionDecisionBody,
    StepKind.UNION_INTRODUCTION: UnionIntroductionBody,
    StepKind.HISTORY_CERTIFIED: HistoryCertifiedBody,
    StepKind.PARTY_CARD: PartyCardBody,
    StepKind.CEREMONY: CeremonyBody,
    StepKind.RECOGNITION_RESOLUTION: RecognitionResolutionBody,
    StepKind.DECISION_EXTENSION: DecisionExtensionBody,
    StepKind.ESCALATION: EscalationBody,
    StepKind.REMOVAL_DECISION: DecisionBody,
}


def slug(kind: StepKind) -> str:
    """The path segment of a step: ``cell_resolution`` → ``cell-resolution``."""
    return kind.value.replace("_", "-")


def _class_name(kind: StepKind) -> str:
    return "".join(part.title() for part in kind.value.split("_")) + "In"


def _body_schema(spec: StepSpec) -> type[StepBody]:
    base = _BASES.get(spec.kind, StepBody)
    model = create_model(_class_name(spec.kind), __base__=base, __module__=__name__)
    # The docstring becomes the schema's description in the OpenAPI document.
    model.__doc__ = f"{spec.label} ({spec.form or spec.kind.value})."
    return model


STEP_BODIES: dict[StepKind, type[StepBody]] = {spec.kind: _body_schema(spec) for spec in CATALOGUE}


def step_data(payload: StepBody) -> dict[str, Any]:
    """The step-specific fields of a body, as the service's ``data`` (omitted optional
    fields are left out, so the service's defaults apply)."""
    return payload.model_dump(exclude=set(COMMON_FIELDS), exclude_none=True, mode="json")


class CorrectIn(Schema):
    reason: str = Field(
        min_length=1, max_length=max_length(CaseStep, "override_reason"), description="Why the recorded step was wrong."
    )
    occurred_on: IsoDate | None = Field(None, description="The right date; unchanged when omitted.")
    document_number: str | None = Field(None, max_length=max_length(CaseStep, "document_number"))
    data: dict[str, Any] | None = Field(
        None, description="Step-specific fields to change (same names as the step's body); others are kept."
    )


class VoidIn(Schema):
    reason: str = Field(
        min_length=1,
        max_length=max_length(CaseStep, "override_reason"),
        description="Why the step should not have been recorded.",
    )


# --- Evidence ----------------------------------------------------------------------------------


class IntroducerIn(Schema):
    member_id: Id = Field(description="Id of the official member who introduces.")
    basis: Basis
    together_since: IsoDate
    introduced_on: IsoDate
    replacement: StrictBool = False


class IntroducerReplaceIn(Schema):
    new_member_id: Id = Field(description="Id of the official member the cell assigns in place of the introducer.")
    on: IsoDate = Field(description="Date of the assignment; the introducer replaced stops that day.")


class RelativeIn(Schema):
    full_name: str = Field(min_length=1, max_length=max_length(Relative, "full_name"))
    relation: Relation
    party_member: StrictBool = False
    fully_declared: StrictBool = True
    full_civil_capacity: StrictBool = True
    abroad: StrictBool = False
    residence: str = Field("", max_length=max_length(Relative, "residence"))


class VerificationIn(Schema):
    addressee: str = Field(min_length=1, max_length=max_length(VerificationRequest, "addressee"))
    sent_on: IsoDate
    relative_id: Id | None = Field(None, description="The relative verified; the candidate when omitted.")
    via_upper_committee: StrictBool | None = Field(
        None, description="Through the upper committee; by default when the relative lives abroad."
    )
    document_number: str = Field("", max_length=max_length(VerificationRequest, "document_number"))


class VerificationReplyIn(Schema):
    replied_on: IsoDate
    result: str = Field(min_length=1, max_length=max_length(VerificationRequest, "result"))


class ProspectIn(Schema):
    person_id: Id
    cell: str = Field(
        max_length=max_length(Organization, "code"), description="Code of the cell that follows the person."
    )
    origin: Origin
    noted_on: IsoDate
    note: str = Field("", max_length=max_length(Prospect, "note"))


class ProspectOut(Schema):
    id: int
    person_id: int
    person_name: str
    cell: str
    origin: Origin
    noted_on: dt.date
    left_on: dt.date | None
    note: str
    sympathiser: bool = Field(description="On the cell's sympathiser list on the requested date.")


class ProspectPage(Schema):
    count: int
    limit: int
    offset: int
    as_of: dt.date
    items: list[ProspectOut]


class ProspectFilters(PageIn):
    cell: str | None = Field(
        None,
        max_length=max_length(Organization, "code"),
        description="Organization code: prospects followed by cells in its subtree.",
    )
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")
    current: bool = Field(True, description="Only people still in the source on the date.")


class ListingAction(StrEnum):
    ADD = "add"
    REMOVE = "remove"


class ListingIn(Schema):
    action: ListingAction = Field(description="add: put on the sympathiser list; remove: take off.")
    on: IsoDate = Field(description="Date of the cell resolution.")
    resolution: str = Field(
        min_length=1,
        max_length=max_length(SympathiserListing, "added_by_resolution"),
        description="Number of the cell resolution.",
    )


class ListingOut(Schema):
    id: int
    prospect_id: int
    valid_from: dt.date
    valid_to: dt.date | None
    added_by_resolution: str
    removed_by_resolution: str


class HelperIn(Schema):
    helper_id: Id = Field(description="Id of the official member assigned to help.")
    on: IsoDate
    resolution: str = Field("", max_length=max_length(HelperAssignment, "resolution"))


class HelperOut(Schema):
    id: int
    helper_id: int
    helper_name: str
    purpose: HelperPurpose
    valid_from: dt.date
    valid_to: dt.date | None
    resolution: str


class NoteIn(Schema):
    meeting_on: IsoDate
    text: str = Field(min_length=1, max_length=max_length(ProgressNote, "text"))
    reported_by_id: Id | None = None


class NoteOut(Schema):
    id: int
    prospect_id: int
    meeting_on: dt.date
    reported_by_id: int | None
    text: str


class TaskIn(Schema):
    assigned_on: IsoDate
    description: str = Field(min_length=1, max_length=max_length(TestTask, "description"))
    due_on: IsoDate | None = None


class TaskCompleteIn(Schema):
    completed_on: IsoDate
    result: str = Field(
        min_length=1, max_length=max_length(TestTask, "result"), description="How the sympathiser carried out the task."
    )


class ProspectLeaveIn(Schema):
    on: IsoDate = Field(description="Date the person leaves the source.")
    note: str = Field("", max_length=max_length(Prospect, "note"), description="Why; appended to the prospect's note.")


class TaskOut(Schema):
    id: int
    prospect_id: int
    assigned_on: dt.date
    description: str
    due_on: dt.date | None
    completed_on: dt.date | None
    result: str


# --- Work queue --------------------------------------------------------------------------------


class QueueQuery(Schema):
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")
    horizon: int = Field(30, ge=0, le=366, description="Days ahead that count as due soon.")


class QueueItemOut(Schema):
    code: str
    message: str
    citation: str
    due_on: dt.date
    overdue: bool
    person_id: int
    person_name: str
    organization_code: str
    organization_name: str
    case_id: int | None = None


class QueueOut(Schema):
    organization: str
    as_of: dt.date
    horizon: int
    overdue: int
    items: list[QueueItemOut]


# --- Documents ---------------------------------------------------------------------------------

# One value per document ``ketnap.admission.documents`` can render, so the OpenAPI document
# lists them and an unknown kind is refused before anything is read.
DocumentKind = StrEnum("DocumentKind", {name.upper(): name for name in DOCUMENT_KINDS})  # type: ignore[misc]
