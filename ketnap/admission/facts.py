"""Build the regulations' ``CaseFacts`` from the rows of a case.

The rules package reads small frozen facts, never ORM objects; this module is the one
translation from the database to those facts, so the pages, the services, the queue
and the documents judge a case the same way. A step's ``data`` JSON carries what its
document says (a vote's counts, a decision's extension); the keys are listed in
``DATA_KEYS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# selectors imports this module too; only its functions are used, at call time.
from django.db.models import F

from ketnap.admission import selectors
from ketnap.admission.models import (
    AdmissionCase,
    AuthoritySetting,
    CaseKind,
    CaseStep,
    HelperAssignment,
    HelperPurpose,
)
from ketnap.admission.models import Introducer as IntroducerRow
from ketnap.admission.steps import StepKind
from ketnap.organizations.models import Organization
from ketnap.people.choices import Education as PersonEducation
from ketnap.people.models import MembershipEvent, Person, Position, PositionKind, StatusPeriod
from ketnap.people.status import EventKind, Status
from ketnap.rules import facts as f
from ketnap.rules.admission import cell_vote_outcome
from ketnap.rules.base import Education, add_months
from ketnap.rules.editions import edition_on
from ketnap.training.selectors import awareness_certificate

K = StepKind

_CELL_VOTE = (
    "official_members",
    "present",
    "in_favour",
    "temporarily_away",
    "exempted_absent",
    "probationary_in_favour",
)
_COMMITTEE_VOTE = ("members_total", "present", "in_favour")
_EXTENSION = ("extension_working_days", "extension_reason")
# A deciding standing committee's own vote (members, in favour), when recorded.
_STANDING_VOTE = ("standing_members_total", "standing_in_favour")

# What each kind of step may carry in ``data`` (the forms and the API fill these); a kind
# not listed carries nothing. The services refuse any other key, and a value of another
# type than ``DATA_TYPES`` says.
DATA_KEYS: dict[StepKind, tuple[str, ...]] = {
    K.CELL_RESOLUTION: _CELL_VOTE,
    # ``failed_votes``: earlier failed votes of history imported without their own steps.
    K.RECOGNITION_RESOLUTION: (*_CELL_VOTE, "qualified", "failed_votes"),
    K.GRASSROOTS_RESOLUTION: _COMMITTEE_VOTE,
    K.RECOGNITION_GRASSROOTS_RESOLUTION: _COMMITTEE_VOTE,
    K.DECISION_EXTENSION: _EXTENSION,
    # ``provincial_consent_on``: a readmission's written agreement of the provincial standing committee.
    K.DECISION: (*_EXTENSION, "body", *_STANDING_VOTE, "provincial_consent_on"),
    K.RECOGNITION_DECISION: (*_EXTENSION, "body", "official_date", *_STANDING_VOTE),
    K.REMOVAL_DECISION: (*_EXTENSION, "body", *_STANDING_VOTE),
    K.ESCALATION: ("decision",),  # what the upper committee decided: "recognize" or "remove"
    K.CEREMONY: ("helper_id", "late_approved"),
    K.UNION_INTRODUCTION: ("organisation",),  # "youth_union" (default) or "trade_union"
    K.HISTORY_CERTIFIED: ("cell_commented_on",),
    K.PARTY_CARD: ("decided_by_upper_committee",),
}


class DataType(StrEnum):
    COUNT = "count"  # a whole number, not negative
    ID = "id"  # a positive whole number naming a row
    FLAG = "flag"  # true or false
    TEXT = "text"
    DATE = "date"  # ISO text, YYYY-MM-DD
    CHOICE = "choice"  # one of ``DATA_CHOICES``


DATA_TYPES: dict[str, DataType] = {
    **dict.fromkeys(
        (
            "official_members",
            "present",
            "in_favour",
            "temporarily_away",
            "exempted_absent",
            "probationary_in_favour",
            "failed_votes",
            "members_total",
            "extension_working_days",
            *_STANDING_VOTE,
        ),
        DataType.COUNT,
    ),
    "helper_id": DataType.ID,
    **dict.fromkeys(("qualified", "late_approved", "decided_by_upper_committee"), DataType.FLAG),
    "extension_reason": DataType.TEXT,
    **dict.fromkeys(("official_date", "cell_commented_on", "provincial_consent_on"), DataType.DATE),
    **dict.fromkeys(("body", "organisation", "decision"), DataType.CHOICE),
}
DATA_CHOICES: dict[str, frozenset[str]] = {
    "body": frozenset(b.value for b in f.Body),
    "organisation": frozenset({"youth_union", "trade_union"}),
    "decision": frozenset({"recognize", "remove"}),
}

EDUCATION: dict[str, Education] = {
    PersonEducation.NONE: Education.NONE,
    PersonEducation.LITERATE: Education.LITERATE,
    PersonEducation.PRIMARY: Education.PRIMARY,
    PersonEducation.LOWER_SECONDARY: Education.LOWER_SECONDARY,
    PersonEducation.UPPER_SECONDARY: Education.UPPER_SECONDARY,
}


@dataclass(frozen=True)
class StepRow:
    """What the facts read of one step: recorded, or about to be recorded."""

    kind: StepKind
    occurred_on: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)
    document_number: str = ""
    id: int | None = None


def effective_steps(case: AdmissionCase) -> list[CaseStep]:
    """The steps that count: neither voided nor superseded by a correction."""
    return list(
        CaseStep.objects.filter(case=case, void=False, superseded_by__isnull=True)
        .select_related("recorded_by")
        .order_by("occurred_on", "id")
    )


def step_rows(case: AdmissionCase) -> list[StepRow]:
    return [
        StepRow(StepKind(s.kind), s.occurred_on, s.data or {}, s.document_number, s.pk) for s in effective_steps(case)
    ]


def with_step(rows: Sequence[StepRow], row: StepRow, *, replacing: int | None = None) -> list[StepRow]:
    """``rows`` as they would be once ``row`` is recorded (in place of step ``replacing``)."""
    return [r for r in rows if replacing is None or r.id != replacing] + [row]


class _Steps:
    """Step rows by kind; the latest of a kind is the one that counts."""

    def __init__(self, rows: Iterable[StepRow]) -> None:
        self.by_kind: dict[StepKind, list[StepRow]] = {}
        for row in sorted(rows, key=lambda r: r.occurred_on):
            self.by_kind.setdefault(row.kind, []).append(row)

    def get(self, kind: StepKind) -> StepRow | None:
        rows = self.by_kind.get(kind)
        return rows[-1] if rows else None

    def on(self, kind: StepKind) -> dt.date | None:
        row = self.get(kind)
        return row.occurred_on if row else None

    def data(self, kind: StepKind) -> Mapping[str, Any]:
        row = self.get(kind)
        return row.data if row else {}

    def extension(self, *, recognition: bool) -> StepRow | None:
        """The extension recorded ahead of the admission decision (before any recognition
        vote), or of the recognition or removal decision (from the first vote on)."""
        votes = self.by_kind.get(K.RECOGNITION_RESOLUTION)
        split = votes[0].occurred_on if votes else None
        rows = [
            r
            for r in self.by_kind.get(K.DECISION_EXTENSION, [])
            if (split is not None and r.occurred_on >= split) is recognition
        ]
        return rows[-1] if rows else None


# --- Helpers reading values out of ``data`` -------------------------------------------------


def _int(data: Mapping[str, Any], key: str) -> int:
    try:
        return int(data.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _cell_vote(row: StepRow | None) -> f.CellVote | None:
    if row is None or "official_members" not in row.data:
        return None
    d = row.data
    return f.CellVote(
        held_on=row.occurred_on,
        official_members=_int(d, "official_members"),
        in_favour=_int(d, "in_favour"),
        temporarily_away=_int(d, "temporarily_away"),
        exempted_absent=_int(d, "exempted_absent"),
        probationary_in_favour=_int(d, "probationary_in_favour"),
    )


def _committee_vote(row: StepRow | None) -> f.CommitteeVote | None:
    if row is None or "members_total" not in row.data:
        return None
    return f.CommitteeVote(row.occurred_on, _int(row.data, "members_total"), _int(row.data, "in_favour"))


def _decision(row: StepRow | None, setting: AuthoritySetting | None, extension: StepRow | None) -> f.Decision | None:
    """The decision, or, before it is signed, the extension the committee granted ahead
    (the deadline moves with it). An extension written on the decision itself wins."""
    if row is None and extension is None:
        return None
    data = row.data if row else {}
    granted = extension.data if extension else {}
    days = _int(data, "extension_working_days") or _int(granted, "extension_working_days")
    reason = str(data.get("extension_reason") or "") if _int(data, "extension_working_days") else ""
    body = data.get("body") or (setting.body if setting else None)
    return f.Decision(
        decided_on=row.occurred_on if row else None,
        extension_working_days=days,
        extension_reason=reason or str(granted.get("extension_reason") or ""),
        body=f.Body(body) if body else None,
        standing_vote=_standing_vote(row),
    )


def _standing_vote(row: StepRow | None) -> f.CommitteeVote | None:
    data = row.data if row is not None else {}
    if row is None or not _int(data, "standing_members_total"):
        return None
    return f.CommitteeVote(row.occurred_on, _int(data, "standing_members_total"), _int(data, "standing_in_favour"))


# --- Membership status of introducers and helpers ------------------------------------------


@dataclass(frozen=True)
class MemberStanding:
    """Whether a member is official on a date, since when, or when a probationary one will be."""

    official_since: dt.date | None
    expected_official_on: dt.date | None = None


def member_standing(person_id: int, on: dt.date) -> MemberStanding:
    return member_standings([person_id], on).get(person_id, MemberStanding(None))


def member_standings(person_ids: Iterable[int], on: dt.date) -> dict[int, MemberStanding]:
    """One query: for each person, the start of the unbroken run of official periods
    holding on ``on`` (the date the status became official), or, for a probationary
    member, the ceremony + 12 months they are expected to become official."""
    periods: dict[int, list[StatusPeriod]] = {}
    for period in StatusPeriod.objects.filter(person_id__in=set(person_ids), start__lte=on).order_by("start"):
        periods.setdefault(period.person_id, []).append(period)
    return {pid: _standing(rows, on) for pid, rows in periods.items()}


def _standing(rows: list[StatusPeriod], on: dt.date) -> MemberStanding:
    index = next((i for i, p in enumerate(rows) if p.start <= on and (p.end is None or on < p.end)), None)
    if index is None:
        return MemberStanding(None)
    status = rows[index].status
    if status not in (Status.OFFICIAL, Status.PROBATIONARY):
        return MemberStanding(None)
    # Walk back over contiguous periods of the same status (a transfer splits a period).
    while index > 0 and rows[index - 1].status == status and rows[index - 1].end == rows[index].start:
        index -= 1
    start = rows[index].start
    if status == Status.OFFICIAL:
        return MemberStanding(start)
    return MemberStanding(None, add_months(start, edition_on(start).parameters.probation_months))


# --- The facts ------------------------------------------------------------------------------


def candidate_facts(case: AdmissionCase) -> f.Candidate:
    person = case.person
    locality = person.residence_locality
    return f.Candidate(
        birth_date=person.birth_date,
        education=EDUCATION.get(person.education, Education.NONE),
        hardship_area=bool(locality and locality.hardship_area),
        fisherman_at_sea=case.fisherman_at_sea,
        village_elder=case.village_elder,
        youth_union_member=person.youth_union_member,
        health_and_prestige=case.health_and_prestige,
        base_condition=case.base_condition,
        over_60_approved_on=case.over_60_approved_on,
    )


def _history(case: AdmissionCase, steps: _Steps) -> f.HistoryFacts:
    sent = [v.sent_on for v in case.verifications.all()]
    return f.HistoryFacts(
        stamped_on=steps.on(K.HISTORY_STAMPED),
        sent_for_verification_on=min(sent) if sent else steps.on(K.HISTORY_STAMPED),
        verification_concluded_on=steps.on(K.VERIFICATION_CONCLUDED),
        cell_commented_on=_date(steps.data(K.HISTORY_CERTIFIED).get("cell_commented_on")),
        certified_on=steps.on(K.HISTORY_CERTIFIED),
    )


def _relatives(case: AdmissionCase) -> tuple[f.Relative, ...]:
    result = []
    for number, r in enumerate(case.relatives.prefetch_related("verifications").order_by("pk"), start=1):
        replies = [v.replied_on for v in r.verifications.all() if v.replied_on]
        result.append(
            f.Relative(
                # Findings name the relative by their place in the case's list, not by name:
                # a name is sensitive, and findings reach viewers, the queue and reminders.
                key=f"#{number}",
                relation=f.Relation(r.relation),
                party_member=r.party_member,
                fully_declared=r.fully_declared,
                full_civil_capacity=r.full_civil_capacity,
                abroad=r.abroad,
                verified_on=min(replies) if replies else None,
            )
        )
    return tuple(result)


def _introduction(case: AdmissionCase, steps: _Steps, on: dt.date) -> f.Introduction:
    rows = [
        i
        for i in IntroducerRow.objects.filter(case=case).select_related("member").order_by("pk")
        if i.withdrawn_on is None or i.withdrawn_on > on
    ]
    standings = {i.pk: member_standing(i.member_id, i.introduced_on) for i in rows}
    introducers = tuple(
        f.Introducer(
            key=i.member.full_name,
            official_since=standings[i.pk].official_since,
            together_since=i.together_since,
            basis=f.Basis(i.basis),
            replacement=i.replacement,
            expected_official_on=standings[i.pk].expected_official_on,
            introduced_on=i.introduced_on,
        )
        for i in rows
    )
    union = steps.get(K.UNION_INTRODUCTION)
    organisation = union.data.get("organisation", "youth_union") if union else None
    letters = steps.by_kind.get(K.INTRODUCTION, [])
    return f.Introduction(
        introducers=introducers,
        youth_union_organisation_exists=case.youth_union_organisation_exists,
        youth_union_resolution_on=union.occurred_on if union and organisation == "youth_union" else None,
        trade_union_resolution_on=union.occurred_on if union and organisation == "trade_union" else None,
        introduced_on=max(r.occurred_on for r in letters) if letters else None,
    )


def _helper(case: AdmissionCase, steps: _Steps) -> f.Helper | None:
    # The assignment in force: a corrected ceremony closes the one it replaced.
    assignment = (
        HelperAssignment.objects.filter(case=case, purpose=HelperPurpose.PROBATION)
        .select_related("helper")
        .order_by(F("valid_to").desc(nulls_first=True), "-valid_from", "-pk")
        .first()
    )
    held = steps.on(K.CEREMONY)
    if assignment is not None:
        helper, assigned_on = assignment.helper, assignment.valid_from
        if held is not None and steps.data(K.CEREMONY).get("helper_id") == helper.pk:
            assigned_on = min(assigned_on, held)  # named by the ceremony, even if on a later correction
    else:
        # Not yet written: the ceremony being checked names the helper in its data.
        helper_id = steps.data(K.CEREMONY).get("helper_id")
        found = Person.objects.filter(pk=helper_id).first() if helper_id else None
        if found is None or held is None:
            return None
        helper, assigned_on = found, held
    standing = member_standing(helper.pk, assigned_on)
    return f.Helper(key=helper.full_name, official_since=standing.official_since, assigned_on=assigned_on)


def _ceremony(case: AdmissionCase, steps: _Steps) -> f.Ceremony | None:
    decided = steps.on(K.DECISION)
    if decided is None:
        return None
    return f.Ceremony(
        # Without a receipt on record the decision date is used: the earliest the cell can
        # have received it, so the 30 working days are never overstated.
        decision_received_on=steps.on(K.DECISION_RECEIVED) or decided,
        held_on=steps.on(K.CEREMONY),
        late_approved_by_upper=bool(steps.data(K.CEREMONY).get("late_approved")),
        helper=_helper(case, steps),
    )


def failed_votes(rows: Iterable[StepRow]) -> int:
    """The recognition votes on record that did not reach 2/3 (each under the edition of
    its day); ``failed_votes`` in the data only for imported history with no such steps."""
    votes = [r for r in rows if r.kind is K.RECOGNITION_RESOLUTION]
    failed = 0
    for row in votes:
        vote = _cell_vote(row)
        if vote is not None and not cell_vote_outcome(vote, edition_on(row.occurred_on)).passed:
            failed += 1
    if failed or not votes:
        return failed
    return _int(max(votes, key=lambda r: r.occurred_on).data, "failed_votes")


def _probation(case: AdmissionCase, steps: _Steps, setting: AuthoritySetting | None) -> f.Probation | None:
    if steps.on(K.CEREMONY) is None:
        return None
    resolution = steps.get(K.RECOGNITION_RESOLUTION)
    # Removal is decided by the same committee in the same time as recognition (QĐ 29 4.3.1).
    decision = steps.get(K.RECOGNITION_DECISION) or steps.get(K.REMOVAL_DECISION)
    qualified = resolution.data.get("qualified") if resolution else None
    escalated_on = steps.on(K.ESCALATION)
    return f.Probation(
        member_history_on=steps.on(K.MEMBER_HISTORY),
        recognition_resolution_on=resolution.occurred_on if resolution else None,
        recognition_vote=_cell_vote(resolution),
        failed_votes=failed_votes(r for rows in steps.by_kind.values() for r in rows),
        qualified=None if qualified is None else bool(qualified),
        dossier=f.RecognitionDossier(
            new_member_certificate=steps.get(K.NEW_MEMBER_CLASS) is not None,
            self_review_on=steps.on(K.SELF_REVIEW),
            helper_comment=steps.get(K.HELPER_COMMENT) is not None,
            comments_summary=steps.get(K.PROBATION_COMMENTS) is not None,
            cell_resolution=resolution is not None,
            # Asked for once the decision is at hand: at the cell's own review the grassroots
            # committee cannot have resolved yet.
            # After an escalation the upper committee decides on the cell's report alone.
            grassroots_resolution_required=decision is not None
            and escalated_on is None
            and selectors.under_grassroots_committee(case.cell),
            grassroots_resolution=steps.get(K.RECOGNITION_GRASSROOTS_RESOLUTION) is not None,
        ),
        committee_vote=_committee_vote(steps.get(K.RECOGNITION_GRASSROOTS_RESOLUTION)),
        escalated_on=escalated_on,
        decision=_decision(decision, setting, steps.extension(recognition=True)),
        official_date_recorded=_date(decision.data.get("official_date")) if decision else None,
    )


def _card(case: AdmissionCase, steps: _Steps) -> f.CardIssue | None:
    row = steps.get(K.PARTY_CARD)
    if row is None:
        return None
    period = StatusPeriod.objects.as_of(row.occurred_on).filter(person=case.person).first()
    return f.CardIssue(
        status=Status(period.status) if period else Status.CANDIDATE,
        issued_on=row.occurred_on,
        decided_by_upper_committee=bool(row.data.get("decided_by_upper_committee", True)),
    )


def _readmission(case: AdmissionCase, decision: StepRow | None) -> f.Readmission | None:
    if case.kind != CaseKind.READMISSION:
        return None
    events = MembershipEvent.objects.filter(person=case.person, superseded_by__isnull=True)
    left = events.filter(kind__in=[EventKind.REMOVED, EventKind.EXPELLED]).order_by("-date").first()
    if left is None:
        return None
    reason = f.LeaveReason.EXPELLED if left.kind == EventKind.EXPELLED else f.LeaveReason.REMOVED
    return f.Readmission(
        left_on=left.date,
        reason=reason,
        times_readmitted_before=events.filter(kind=EventKind.READMITTED).count(),
        provincial_consent_on=_date(decision.data.get("provincial_consent_on")) if decision else None,
    )


def _certificate_on(case: AdmissionCase, on: dt.date) -> dt.date | None:
    # The certificate comes from the training record (or a case typed before classes were kept).
    cert = awareness_certificate(case.person_id, on)
    return cert.issued_on if cert else None


def case_facts(case: AdmissionCase, on: dt.date, *, steps: Sequence[StepRow] | None = None) -> f.CaseFacts:
    """Everything the rules need to judge ``case`` on ``on``.

    ``steps`` replaces the recorded steps, to judge a step before it is written
    (see ``with_step``). The competent body is the one configured on the tree on the
    date of the latest decision (or ``on``), so a case decided before the 2025 reform
    and recognised after it is judged under each setting in turn.
    """
    s = _Steps(steps if steps is not None else step_rows(case))
    cell_review = s.on(K.CELL_RESOLUTION)
    admitted_setting = selectors.competent_authority(case.cell, s.on(K.DECISION) or on)
    # The recognition or removal pending after the ceremony is decided by whoever decides then.
    pending = on if s.on(K.CEREMONY) else s.on(K.DECISION)
    latest = s.on(K.RECOGNITION_DECISION) or s.on(K.REMOVAL_DECISION) or pending or on
    setting = selectors.competent_authority(case.cell, latest)
    return f.CaseFacts(
        candidate=candidate_facts(case),
        cell_review_on=cell_review,
        certificate_issued_on=_certificate_on(case, cell_review or on),
        application_on=s.on(K.APPLICATION),
        personal_history_on=s.on(K.PERSONAL_HISTORY),
        history=_history(case, s),
        relatives=_relatives(case),
        introduction=_introduction(case, s, cell_review or on),
        residence_comment_on=s.on(K.RESIDENCE_COMMENT),
        organisations_summary_on=s.on(K.COMMENTS_SUMMARY),
        cell_vote=_cell_vote(s.get(K.CELL_RESOLUTION)),
        cell_resolution_on=cell_review,
        committee_vote=_committee_vote(s.get(K.GRASSROOTS_RESOLUTION)),
        upper=f.UpperKind(setting.upper_kind) if setting else None,
        grassroots_authorised=bool(setting and setting.grassroots_authorised),
        configured_body=f.Body(setting.body) if setting else None,
        decision=_decision(s.get(K.DECISION), admitted_setting, s.extension(recognition=False)),
        ceremony=_ceremony(case, s),
        probation=_probation(case, s, setting),
        card=_card(case, s),
        readmission=_readmission(case, s.get(K.DECISION)),
        pinned_editions=tuple(sorted((case.pinned_editions or {}).items())),
    )


# --- Pre-filled step data -------------------------------------------------------------------

_COMMITTEE_POSITIONS = (
    PositionKind.SECRETARY,
    PositionKind.DEPUTY_SECRETARY,
    PositionKind.STANDING_MEMBER,
    PositionKind.COMMITTEE_MEMBER,
)


def cell_roll(cell_id: int, on: dt.date) -> dict[str, int]:
    """A cell's vote denominators on ``on`` from the status periods: official members
    (exempted ones included, probationary excluded: they do not vote), those on
    temporary activity elsewhere, and the exempted (assumed absent until the secretary
    says otherwise)."""
    rows = StatusPeriod.objects.as_of(on).filter(organization_id=cell_id, status__in=[Status.OFFICIAL, Status.EXEMPTED])
    return {
        "official_members": rows.count(),
        "temporarily_away": rows.filter(host_organization__isnull=False).count(),
        "exempted_absent": rows.filter(status=Status.EXEMPTED, host_organization__isnull=True).count(),
    }


def default_step_data(kind: str | StepKind, case: AdmissionCase, on: dt.date) -> dict[str, Any]:
    """What a form for ``kind`` can show before the user types: a cell vote's
    denominators from the rolls, a committee's member count from the positions held."""
    kind = StepKind(kind)
    if kind in (K.CELL_RESOLUTION, K.RECOGNITION_RESOLUTION):
        return cell_roll(case.cell_id, on)
    if kind in (K.GRASSROOTS_RESOLUTION, K.RECOGNITION_GRASSROOTS_RESOLUTION):
        committee = Organization.objects.get_parent(case.cell)
        if committee is None:
            return {}
        held = Position.objects.as_of(on).filter(organization=committee, kind__in=_COMMITTEE_POSITIONS)
        return {"members_total": held.values("person").distinct().count()}
    return {}


__all__ = [
    "DATA_CHOICES",
    "DATA_KEYS",
    "DATA_TYPES",
    "DataType",
    "MemberStanding",
    "StepRow",
    "case_facts",
    "cell_roll",
    "default_step_data",
    "effective_steps",
    "failed_votes",
    "member_standing",
    "member_standings",
    "step_rows",
    "with_step",
]
