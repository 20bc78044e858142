"""Reads about admission cases: who decides, where a case stands, what it lacks."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils.translation import get_language, gettext

from ketnap.admission import deadlines
from ketnap.admission import facts as case_facts_module
from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import (
    AdmissionCase,
    AuthoritySetting,
    CaseStep,
    HelperAssignment,
    ProgressNote,
    Prospect,
    SympathiserListing,
    TestTask,
)
from ketnap.admission.steps import (
    CATALOGUE,
    NOT_AFTER,
    SPECS,
    Stage,
    StepKind,
    StepSpec,
    dossier_kinds,
    requirements,
    spec,
)
from ketnap.admission.types import ChecklistRow, ItemState
from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.lib.dates import dmy
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.people.status import EventKind
from ketnap.rules import Finding, Severity, Step, check, citation_text
from ketnap.rules import message as rules_message
from ketnap.rules import probation as probation_rules
from ketnap.rules.admission import certificate_expires_on
from ketnap.rules.base import add_months
from ketnap.rules.editions import edition_on
from ketnap.training.selectors import awareness_certificate

K = StepKind


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as stored on a step and in the audit log (JSON): the Vietnamese message
    and citation as the rules gave them, with the code, the values (``params``) and the
    wording key, so :func:`finding_dict` can show it again in another language."""
    record = {
        "code": finding.code,
        "severity": finding.severity.value,
        "blocking": finding.blocking,
        "message": finding.message,
        "citation": str(finding.citation),
        "satisfiable_on": finding.satisfiable_on.isoformat() if finding.satisfiable_on else None,
        "due_on": finding.due_on.isoformat() if finding.due_on else None,
        "edition": finding.edition,
        "params": dict(finding.params),
    }
    if finding.wording:
        record["wording"] = finding.wording
    return record


def finding_dict(finding: Finding | Mapping[str, Any]) -> dict[str, Any]:
    """A finding as every page, the API and the commands show it, in the active language
    (English when the user chose it, else Vietnamese): a rules ``Finding`` or one stored
    on a step by :func:`finding_record`. A stored row from before the values were kept
    shows its stored message. Dates are ``date`` objects (the API encodes them as ISO)."""
    language = get_language()
    record = finding_record(finding) if isinstance(finding, Finding) else finding
    severity = Severity(str(record.get("severity")))
    return {
        "code": str(record.get("code", "")),
        "severity": severity.value,
        "blocking": severity is Severity.BLOCKING,
        "message": rules_message(record, language),
        "citation": citation_text(str(record.get("citation") or ""), language),
        "satisfiable_on": _date(record.get("satisfiable_on")),
        "due_on": _date(record.get("due_on")),
        "edition": str(record.get("edition") or ""),
    }


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)) if value else None


# --- Who decides ----------------------------------------------------------------------------


def competent_authority(cell: Organization, on: dt.date) -> AuthoritySetting | None:
    """The setting valid on ``on`` hung on ``cell`` or its nearest ancestor: one query."""
    return (
        AuthoritySetting.objects.as_of(on)
        .filter(organization__path__in=cell.ancestor_paths())
        .select_related("organization", "deciding_organization")
        .order_by("-organization__depth")
        .first()
    )


def under_grassroots_committee(cell: Organization) -> bool:
    """A subordinate cell's resolutions go through the grassroots committee above it;
    a grassroots cell (chi bộ cơ sở) has none."""
    return cell.kind == OrgKind.SUBORDINATE_CELL


# --- Where a case stands --------------------------------------------------------------------

_RECOGNITION_KINDS = frozenset(s.kind for s in CATALOGUE if s.stage is Stage.RECOGNITION)


def effective_kinds(case: AdmissionCase) -> set[StepKind]:
    return {
        StepKind(k)
        for k in CaseStep.objects.filter(case=case, void=False, superseded_by__isnull=True).values_list(
            "kind", flat=True
        )
    }


def stage_of(case: AdmissionCase, on: dt.date | None = None, kinds: Iterable[StepKind] | None = None) -> Stage:
    """The board column: the stage of the next thing to do. With ``on``, a probation whose
    12 months are over counts as awaiting recognition."""
    done = set(kinds) if kinds is not None else effective_kinds(case)
    if case.closed_on is not None or done & {K.PARTY_CARD, K.REMOVAL_DECISION, K.WITHDRAWN}:
        return Stage.CLOSED
    if K.RECOGNITION_DECISION in done:
        return Stage.CARD
    if done & _RECOGNITION_KINDS:
        return Stage.RECOGNITION
    if K.CEREMONY in done:
        return _probation_stage(case, on)
    if K.DECISION in done:
        return Stage.CEREMONY
    if K.GRASSROOTS_RESOLUTION in done or (K.CELL_RESOLUTION in done and not under_grassroots_committee(case.cell)):
        return Stage.DECISION
    if K.CELL_RESOLUTION in done:
        return Stage.COMMITTEE
    if set(dossier_kinds()) <= done:
        return Stage.CELL
    return Stage.DOSSIER


def _probation_stage(case: AdmissionCase, on: dt.date | None) -> Stage:
    if on is None:
        return Stage.PROBATION
    ceremony = CaseStep.objects.filter(case=case, kind=K.CEREMONY, void=False, superseded_by__isnull=True).first()
    if ceremony and on >= add_months(
        ceremony.occurred_on, edition_on(ceremony.occurred_on).parameters.probation_months
    ):
        return Stage.RECOGNITION
    return Stage.PROBATION


def rule_step_for(stage: Stage, kinds: set[StepKind]) -> Step | None:
    """The rules to run for a case at ``stage``: those of the next step to record."""
    if stage is Stage.RECOGNITION and K.RECOGNITION_RESOLUTION in kinds:
        return Step.RECOGNITION_DECISION
    return _STAGE_RULES.get(stage)


_STAGE_RULES: dict[Stage, Step] = {
    Stage.DOSSIER: Step.DOSSIER,
    Stage.CELL: Step.CELL_REVIEW,
    Stage.COMMITTEE: Step.GRASSROOTS_REVIEW,
    Stage.DECISION: Step.DECISION,
    Stage.CEREMONY: Step.CEREMONY,
    Stage.PROBATION: Step.PROBATION,
    Stage.RECOGNITION: Step.RECOGNITION_REVIEW,
    Stage.CARD: Step.CARD,
}


def case_findings(case: AdmissionCase, on: dt.date) -> list[Finding]:
    """Every finding of the rules for the step the case is waiting for, judged on ``on``."""
    kinds = effective_kinds(case)
    step = rule_step_for(stage_of(case, on, kinds), kinds)
    if step is None:
        return []
    facts = case_facts_module.case_facts(case, on)
    return check(step, facts, on, working_calendar())


def next_due(findings: Iterable[Finding]) -> Finding | None:
    """The finding whose deadline comes first, of those still to meet."""
    # A ".late" finding reports a deadline already missed by a done act: nothing is due.
    pending = [f for f in findings if f.due_on is not None and "late" not in f.code.rsplit(".", 1)[-1]]
    return min(pending, key=lambda f: f.due_on or dt.date.max, default=None)


def case_due_as_of(case: AdmissionCase, on: dt.date) -> Finding | None:
    """The case's next deadline as it stood on ``on``: from the steps that had occurred by
    then, not from the deadline stored today (a later step may have moved or met it)."""
    rows = [row for row in case_facts_module.step_rows(case) if row.occurred_on <= on]
    kinds = {row.kind for row in rows}
    then = copy.copy(case)
    if then.closed_on is not None and then.closed_on > on:
        then.closed_on = None
    step = rule_step_for(stage_of(then, on, kinds), kinds)
    if step is None:
        return None
    facts = case_facts_module.case_facts(then, on, steps=rows)
    return next_due(check(step, facts, on, working_calendar()))


def order_problem(case: AdmissionCase, kind: str | StepKind, kinds: set[StepKind] | None = None) -> str | None:
    """Why ``kind`` cannot be recorded now in procedure order, or None. (A message, so the
    pages can grey out a step with the reason beside it.)"""
    kind = StepKind(kind)
    done = kinds if kinds is not None else effective_kinds(case)
    if case.closed_on is not None:
        return "closed"
    if kind in done and not spec(kind).repeatable:
        return "already_recorded"
    if any(after in done for after in NOT_AFTER.get(kind, ())):
        return "too_late"
    problem = _recognition_problem(case, kind, done)
    if problem:
        return problem
    committee, escalated = under_grassroots_committee(case.cell), K.ESCALATION in done
    missing = [k for k in requirements(kind, under_committee=committee, escalated=escalated) if k not in done]
    if missing:
        return "missing:" + ",".join(missing)
    return None


def _recognition_problem(case: AdmissionCase, kind: StepKind, done: set[StepKind]) -> str | None:
    """Which way the probation ends: by the cell's conclusion, or after three failed votes
    by the upper committee's decision (QĐ 29 4.2c); an extension only before its decision."""
    if kind is K.DECISION_EXTENSION:
        return _extension_problem(case, done)
    if K.ESCALATION in done and kind in (K.RECOGNITION_DECISION, K.REMOVAL_DECISION):
        decided = _escalation_decision(case)
        if kind is K.RECOGNITION_DECISION and decided != "recognize":
            return "escalated_remove"
        if kind is K.REMOVAL_DECISION and decided != "remove":
            return "escalated_recognize"
        return None
    if kind is K.RECOGNITION_DECISION and _qualified(case) is False:
        return "not_qualified"
    if kind is K.REMOVAL_DECISION and K.RECOGNITION_RESOLUTION in done and _qualified(case) is not False:
        return "qualified"
    if kind is K.RECOGNITION_RESOLUTION and K.RECOGNITION_RESOLUTION in done and _last_vote_passed(case):
        return "already_recorded"
    if kind is K.ESCALATION and K.RECOGNITION_RESOLUTION in done and not _deadlocked(case):
        return "not_deadlocked"
    return None


def _recognition_votes(case: AdmissionCase) -> list[case_facts_module.StepRow]:
    return [r for r in case_facts_module.step_rows(case) if r.kind is K.RECOGNITION_RESOLUTION]


def _last_vote_passed(case: AdmissionCase) -> bool:
    votes = _recognition_votes(case)
    return bool(votes) and case_facts_module.failed_votes(votes[-1:]) == 0


def _deadlocked(case: AdmissionCase) -> bool:
    """The recorded failed votes have reached the edition's number for going up."""
    votes = _recognition_votes(case)
    if not votes:
        return False
    limit = edition_on(votes[-1].occurred_on).parameters.failed_votes_before_escalation
    return case_facts_module.failed_votes(votes) >= limit


def _escalation_decision(case: AdmissionCase) -> str | None:
    step = CaseStep.objects.filter(case=case, kind=K.ESCALATION, void=False, superseded_by__isnull=True).first()
    return step.data.get("decision") if step else None


def _extension_problem(case: AdmissionCase, done: set[StepKind]) -> str | None:
    """An extension belongs to the decision pending: the admission decision, or from the
    first recognition vote on, the recognition or removal decision; one for each."""
    if done & {K.RECOGNITION_DECISION, K.REMOVAL_DECISION}:
        return "decided"
    recognition = K.RECOGNITION_RESOLUTION in done
    if K.DECISION in done and not recognition:
        return "decided"
    rows = case_facts_module.step_rows(case)
    first_vote = min((r.occurred_on for r in rows if r.kind is K.RECOGNITION_RESOLUTION), default=None)
    for row in rows:
        if (
            row.kind is K.DECISION_EXTENSION
            and (first_vote is not None and row.occurred_on >= first_vote) is recognition
        ):
            return "already_recorded"
    return None


def _qualified(case: AdmissionCase) -> bool | None:
    step = (
        CaseStep.objects.filter(case=case, kind=K.RECOGNITION_RESOLUTION, void=False, superseded_by__isnull=True)
        .order_by("-occurred_on")
        .first()
    )
    value = step.data.get("qualified") if step else None
    return None if value is None else bool(value)


def steps_available(case: AdmissionCase) -> list[StepSpec]:
    """The steps that may be recorded now, in catalogue order."""
    kinds = effective_kinds(case)
    return [s for s in CATALOGUE if order_problem(case, s.kind, kinds) is None]


def step_applies(case: AdmissionCase, item: StepSpec) -> bool:
    """Whether the dossier needs ``item``: an optional step (a subcommittee's appraisal,
    a grassroots resolution of a grassroots cell, an extension…) does not, except the
    grassroots resolutions of a cell under a grassroots committee. The checklist marks
    the others "not applicable"."""
    if not item.optional:
        return True
    return under_grassroots_committee(case.cell) and item.kind in _REQUIRED_UNDER_COMMITTEE


def suggested_step(case: AdmissionCase, available: Iterable[StepSpec]) -> StepSpec | None:
    """The next step to suggest among ``available``: the first the case needs (never one
    its checklist calls not applicable); None when only optional steps remain."""
    closing = {K.WITHDRAWN, K.REMOVAL_DECISION}
    return next((s for s in available if s.kind not in closing and step_applies(case, s)), None)


# --- The dossier checklist ------------------------------------------------------------------

# Items after the cell agrees are listed too, so the checklist shows the whole path (§6.3, §5.2).
_CHECKLIST_SKIP = frozenset(
    {K.WITHDRAWN, K.REMOVAL_DECISION, K.DECISION_RECEIVED, K.HISTORY_STAMPED, K.DECISION_EXTENSION, K.ESCALATION}
)


def case_checklist(case: AdmissionCase, on: dt.date) -> list[ChecklistRow]:
    """Every dossier item of the case on ``on``: present, missing, expired (the awareness
    certificate after its validity), or not applicable (an optional item not on record)."""
    steps = {StepKind(s.kind): s for s in case_facts_module.effective_steps(case)}
    rows = [_certificate_row(case, on)]
    for item in CATALOGUE:
        if item.kind in _CHECKLIST_SKIP:
            continue
        step = steps.get(item.kind)
        if step is not None and step.occurred_on <= on:
            state = ItemState.PRESENT
        elif not step_applies(case, item):
            state = ItemState.NOT_APPLICABLE
        else:
            state = ItemState.MISSING
        rows.append(
            ChecklistRow(
                code=item.kind.value,
                label=str(item.label),
                form=item.form,
                state=state,
                occurred_on=step.occurred_on if state is ItemState.PRESENT and step else None,
                document_number=step.document_number if state is ItemState.PRESENT and step else "",
            )
        )
    if K.REMOVAL_DECISION in steps:
        removal = steps[K.REMOVAL_DECISION]
        rows.append(
            ChecklistRow(
                K.REMOVAL_DECISION.value,
                str(spec(K.REMOVAL_DECISION).label),
                "",
                ItemState.PRESENT,
                removal.occurred_on,
                removal.document_number,
            )
        )
    return rows


_REQUIRED_UNDER_COMMITTEE = frozenset({K.GRASSROOTS_RESOLUTION, K.RECOGNITION_GRASSROOTS_RESOLUTION})


def _certificate_row(case: AdmissionCase, on: dt.date) -> ChecklistRow:
    label = gettext("Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng")
    cert = awareness_certificate(case.person_id, on)
    if cert is None:
        return ChecklistRow("certificate", label, "CN-NTVĐ", ItemState.MISSING)
    expires = certificate_expires_on(cert.issued_on, edition_on(on))
    state = ItemState.EXPIRED if on > expires else ItemState.PRESENT
    note = gettext("có giá trị đến hết ngày %(date)s") % {"date": dmy(expires)}
    return ChecklistRow("certificate", label, "CN-NTVĐ", state, cert.issued_on, cert.number, note)


# --- Timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    """One recorded step as the case page shows it, corrections and voids included."""

    id: int
    kind: str
    label: str
    stage: str
    occurred_on: dt.date
    document_number: str
    note: str
    recorded_by: str
    recorded_at: dt.datetime
    findings: list[dict[str, Any]]
    edition: str
    override_reason: str
    void: bool
    superseded: bool
    supersedes_id: int | None
    voided: bool = False  # superseded by a void step rather than a correction

    @property
    def effective(self) -> bool:
        """Neither superseded nor a void record: the step as it stands, which may be
        corrected or voided."""
        return not self.superseded and not self.void


def case_timeline(case: AdmissionCase) -> list[TimelineRow]:
    """Every step ever recorded, in the order recorded; superseded and void ones flagged."""
    steps = (
        CaseStep.objects.filter(case=case).select_related("recorded_by", "superseded_by").order_by("recorded_at", "id")
    )
    rows = []
    for s in steps:
        item = spec(s.kind)
        user = s.recorded_by
        superseded_by: CaseStep | None = getattr(s, "superseded_by", None)
        rows.append(
            TimelineRow(
                id=s.pk,
                kind=s.kind,
                label=str(item.label),
                stage=item.stage.value,
                occurred_on=s.occurred_on,
                document_number=s.document_number,
                note=s.note,
                recorded_by=(user.get_full_name() or user.get_username()) if user else "",
                recorded_at=s.recorded_at,
                findings=list(s.findings or []),
                edition=s.edition,
                override_reason=s.override_reason,
                void=s.void,
                superseded=superseded_by is not None,
                supersedes_id=s.supersedes_id,
                voided=superseded_by is not None and superseded_by.void,
            )
        )
    return rows


# --- Lists ----------------------------------------------------------------------------------


def person_placed_in(person: Person, cell: Organization, on: dt.date) -> bool:
    """Whether ``person`` belongs to ``cell``'s subtree on ``on``: by their membership
    period on that date or, off the rolls, where they are recorded; or they arrived
    there by a recorded transfer."""
    period = StatusPeriod.objects.as_of(on).filter(person=person, organization__isnull=False).first()
    where = period.organization if period is not None else person.organization
    if where.path.startswith(cell.path):
        return True
    arrivals = MembershipEvent.objects.filter(
        person=person, kind=EventKind.TRANSFERRED_IN, organization__path__startswith=cell.path
    )
    return arrivals.exclude(superseded_by__isnull=False).exists()


def cases_visible(user: Any, action: Action = Action.VIEW) -> QuerySet[AdmissionCase]:
    """The cases ``user`` may ``action``, through the one policy."""
    return policy.scope(user, AdmissionCase.objects.select_related("person", "cell"), action)


def case_get(user: Any, pk: int) -> AdmissionCase:
    """One case the user may see; out of scope is indistinguishable from missing."""
    case = cases_visible(user).filter(pk=pk).first()
    if case is None:
        raise NotFound()
    return case


def open_cases_q(as_of: dt.date) -> Q:
    return Q(opened_on__lte=as_of) & (Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))


def board(org: Organization, as_of: dt.date) -> dict[Stage, list[AdmissionCase]]:
    """Open cases of ``org``'s subtree by stage (every open stage present, maybe empty):
    one query. The caller scopes ``org`` first; counts are the lists' lengths. A case
    whose person is recorded outside the subtree is left out, as ``cases_visible`` does."""
    columns: dict[Stage, list[AdmissionCase]] = {stage: [] for stage in Stage if stage is not Stage.CLOSED}
    cases = (
        AdmissionCase.objects.filter(
            open_cases_q(as_of), cell__path__startswith=org.path, person__organization__path__startswith=org.path
        )
        .select_related("person", "cell")
        .annotate(moved_on=Exists(CaseStep.objects.filter(case=OuterRef("pk"), occurred_on__gt=as_of)))
        .order_by("due_on", "person__sort_key")
    )
    moved = False
    for case in cases:
        if case.moved_on:
            _as_it_stood(case, as_of)
            moved = True
        columns.setdefault(Stage(case.stage), []).append(case)
    if moved:
        for stage_cases in columns.values():
            stage_cases.sort(key=lambda c: (c.due_on is None, c.due_on or dt.date.max, c.person.sort_key))
    return columns


def _as_it_stood(case: AdmissionCase, on: dt.date) -> None:
    """Set, on this copy only (never saved), the stage and next deadline ``case`` had on
    ``on``, from the steps that had occurred by then: a board asked about a past date
    shows the case where it stood, not where later steps took it."""
    kinds = {row.kind for row in case_facts_module.step_rows(case) if row.occurred_on <= on}
    due = case_due_as_of(case, on)
    then = copy.copy(case)
    then.closed_on = None
    case.stage = stage_of(then, on, kinds).value
    case.due_on, case.due_code = (due.due_on, due.code) if due is not None else (None, "")


def stage_entry_dates(cases: Iterable[AdmissionCase]) -> dict[int, dt.date]:
    """When each case entered its stored stage, one query however many cases: the latest
    step of an earlier stage. Recognition starts on the official date, the day after the
    probation that began at the ceremony ends (or on an earlier recognition step recorded
    ahead of it), not at the last probation step. A case with no such step is missing
    (the caller counts from its opening)."""
    stage_of_case = {case.pk: Stage(case.stage) for case in cases}
    rows = CaseStep.objects.filter(case_id__in=stage_of_case, void=False, superseded_by__isnull=True).values_list(
        "case_id", "kind", "occurred_on"
    )
    entered: dict[int, dt.date] = {}
    ceremonies: dict[int, dt.date] = {}
    recognition_steps: dict[int, dt.date] = {}
    for case_id, kind, occurred_on in rows:
        stage = stage_of_case[case_id]
        step_stage = SPECS[StepKind(kind)].stage
        if _STAGE_ORDER[step_stage] < _STAGE_ORDER[stage] and occurred_on > entered.get(case_id, dt.date.min):
            entered[case_id] = occurred_on
        if stage is Stage.RECOGNITION and kind == K.CEREMONY:
            ceremonies[case_id] = max(occurred_on, ceremonies.get(case_id, dt.date.min))
        if stage is Stage.RECOGNITION and step_stage is Stage.RECOGNITION:
            recognition_steps[case_id] = min(occurred_on, recognition_steps.get(case_id, dt.date.max))
    for case_id, ceremony in ceremonies.items():
        official = probation_rules.official_date(ceremony, deadlines.edition_on(ceremony))
        entered[case_id] = min(official, recognition_steps.get(case_id, dt.date.max))
    return entered


_STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


__all__ = [
    "TimelineRow",
    "board",
    "case_checklist",
    "case_findings",
    "case_get",
    "case_timeline",
    "cases_visible",
    "competent_authority",
    "effective_kinds",
    "finding_dict",
    "finding_record",
    "order_problem",
    "stage_entry_dates",
    "stage_of",
    "steps_available",
    "under_grassroots_committee",
]


def prospect_rows(user: Any, org: Organization, on: dt.date) -> QuerySet[Prospect]:
    """Prospects in ``org``'s subtree still in the source on ``on``, each with its
    listing, helper, latest note, oldest test task open on ``on`` and open case: one
    query with subqueries."""
    listing = SympathiserListing.objects.as_of(on).filter(prospect=OuterRef("pk")).order_by("-valid_from")
    helper = (
        HelperAssignment.objects.as_of(on)
        .filter(prospect=OuterRef("pk"))
        .order_by("-valid_from")
        .annotate(
            name=Concat(
                F("helper__family_name"), Value(" "), F("helper__middle_name"), Value(" "), F("helper__given_name")
            )
        )
    )
    note = ProgressNote.objects.filter(prospect=OuterRef("pk"), meeting_on__lte=on).order_by("-meeting_on", "-pk")
    task = (
        TestTask.objects.filter(prospect=OuterRef("pk"), assigned_on__lte=on)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=on))
        .order_by("assigned_on", "pk")
    )
    case = AdmissionCase.objects.filter(person=OuterRef("person_id"), closed_on__isnull=True)
    current = Q(noted_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on))
    queryset = Prospect.objects.filter(current, cell__path__startswith=org.path)
    return (
        policy.scope(user, queryset, Action.VIEW)
        .select_related("person", "cell")
        .annotate(
            listed_on=Subquery(listing.values("valid_from")[:1]),
            listed_by=Subquery(listing.values("added_by_resolution")[:1]),
            helper_name=Subquery(helper.values("name")[:1]),
            note_on=Subquery(note.values("meeting_on")[:1]),
            note_text=Subquery(note.values("text")[:1]),
            open_case_id=Subquery(case.values("pk")[:1]),
            task_id=Subquery(task.values("pk")[:1]),
            task_text=Subquery(task.values("description")[:1]),
            task_due_on=Subquery(task.values("due_on")[:1]),
            task_completed_on=Subquery(task.values("completed_on")[:1]),
        )
        .order_by("person__sort_key", "pk")
    )


def source_candidates(user: Any, org: Organization) -> QuerySet[Person]:
    """People recorded in ``org``'s subtree who are not (and never were) members and are
    not already in the source: who can be put in the source."""
    in_source = Prospect.objects.filter(person=OuterRef("pk"), left_on__isnull=True)
    people = Person.objects.in_subtree(org).exclude(periods__isnull=False).exclude(pk__in=in_source.values("person"))
    return policy.scope(user, people, Action.VIEW).order_by("sort_key", "pk")
