"""``check(step, facts, on)``: every rule of a procedure step, all findings at once.

Each rule picks the edition in force on the date it names (§1): the cell-review date
for the candidate's conditions, the cell resolution for a decision deadline, the date
the decision was received for the ceremony, the ceremony for probation… A rule whose
anchor date has not happened yet is judged as of ``on``. A rule an edition does not
enforce is skipped. ``on`` is also "today" for overdue checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from ketnap.lib.workdays import Calendar, default_calendar
from ketnap.rules import admission as a
from ketnap.rules import membership as m
from ketnap.rules import probation as p
from ketnap.rules.base import Context, Edition, Finding, Severity
from ketnap.rules.editions import DEFAULT, Registry
from ketnap.rules.facts import CaseFacts


class Step(StrEnum):
    DOSSIER = "dossier"  # preparing the dossier before the cell meets
    CELL_REVIEW = "cell_review"  # the cell votes its resolution proposing admission
    GRASSROOTS_REVIEW = "grassroots_review"
    DECISION = "decision"
    CEREMONY = "ceremony"
    PROBATION = "probation"
    RECOGNITION_REVIEW = "recognition_review"
    RECOGNITION_GRASSROOTS_REVIEW = "recognition_grassroots_review"
    RECOGNITION_DECISION = "recognition_decision"
    REMOVAL_DECISION = "removal_decision"
    CARD = "card"
    READMISSION = "readmission"


# A step rule: (rule key, anchor date picker, function of facts/edition/context).
Anchor = Callable[[CaseFacts], dt.date | None]
Apply = Callable[[CaseFacts, Edition, Context], list[Finding]]


def _review(f: CaseFacts) -> dt.date | None:
    return f.cell_review_on


def _resolution(f: CaseFacts) -> dt.date | None:
    return f.cell_resolution_on or f.cell_review_on


def _committee(f: CaseFacts) -> dt.date | None:
    return f.committee_vote.held_on if f.committee_vote else f.cell_resolution_on


def _decided(f: CaseFacts) -> dt.date | None:
    return f.decision.decided_on if f.decision else None


def _received(f: CaseFacts) -> dt.date | None:
    return f.ceremony.decision_received_on if f.ceremony else None


def _ceremony(f: CaseFacts) -> dt.date | None:
    return f.ceremony.held_on if f.ceremony else None


def _recognition(f: CaseFacts) -> dt.date | None:
    return f.probation.recognition_resolution_on if f.probation else None


def _recognition_committee(f: CaseFacts) -> dt.date | None:
    probation = f.probation
    return probation.committee_vote.held_on if probation and probation.committee_vote else _recognition(f)


def _recognition_decided(f: CaseFacts) -> dt.date | None:
    probation = f.probation
    return probation.decision.decided_on if probation and probation.decision else None


def _card(f: CaseFacts) -> dt.date | None:
    return f.card.issued_on if f.card else None


def _no_anchor(f: CaseFacts) -> dt.date | None:
    return None


def _on(ctx: Context, f: CaseFacts) -> dt.date:
    return f.cell_review_on or ctx.on


# --- Adapters: facts → the pure rule functions --------------------------------------------


def _age(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    deciding = ctx.step in (Step.DECISION, Step.GRASSROOTS_REVIEW)
    return a.check_age(f.candidate, _on(ctx, f), e, deciding=deciding) if f.candidate else []


def _education(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_education(f.candidate, e) if f.candidate else []


def _certificate(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_certificate(f.certificate_issued_on, _on(ctx, f), e)


def _dossier(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_dossier_items(f.application_on, f.personal_history_on, e)


def _history(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_history_verification(f.history, e)


def _history_certified(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_history_certified(f.history, _on(ctx, f), e)


def _verification(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    # A reply arriving after the cell met did not inform its review.
    review = _on(ctx, f)
    relatives = [
        r if r.verified_on is None or r.verified_on <= review else replace(r, verified_on=None) for r in f.relatives
    ]
    return a.check_verification(relatives, e)


def _parents(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_parents_declared(f.relatives, e)


def _introducers(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_introducers(f.introduction, f.candidate, _on(ctx, f), e)


def _comments(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_comments(f.residence_comment_on, f.organisations_summary_on, _on(ctx, f), e)


def _cell_vote(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_cell_vote(f.cell_vote, e) if f.cell_vote else []


def _committee_vote(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return a.check_committee_vote(f.committee_vote, e) if f.committee_vote else []


def _admission_decision(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    if f.cell_resolution_on is None:
        return []
    return a.check_decision_deadline(
        "admission_decision", f.cell_resolution_on, f.decision, ctx.on, e, ctx.calendar_for(e)
    )


def _authority(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    decision = f.decision
    if ctx.step in (Step.RECOGNITION_DECISION, Step.REMOVAL_DECISION):
        decision = f.probation.decision if f.probation else None
    body = decision.body if decision else None
    return a.check_authority(f.upper, f.grassroots_authorised, body, e, f.configured_body)


def _ceremony_rule(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return p.check_ceremony(f.ceremony, ctx.on, e, ctx.calendar_for(e)) if f.ceremony else []


def _helper(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    held = _ceremony(f)
    return p.check_helper(f.ceremony.helper, held, e) if f.ceremony and held else []


def _member_history(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    held = _ceremony(f)
    if held is None:
        return []
    done = f.probation.member_history_on if f.probation else None
    return p.check_member_history(held, done, ctx.on, e, ctx.calendar_for(e))


def _probation(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    held = _ceremony(f)
    return p.check_probation(held, _recognition(f), ctx.on, e, ctx.calendar_for(e)) if held else []


def _recognition_dossier(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    held = _ceremony(f)
    return p.check_recognition_dossier(f.probation.dossier, held, e) if held and f.probation else []


def _recognition_vote(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    vote = f.probation.recognition_vote if f.probation else None
    return a.check_cell_vote(vote, e) if vote else []


def _recognition_committee_vote(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    vote = f.probation.committee_vote if f.probation else None
    return a.check_committee_vote(vote, e) if vote else []


def _decision_vote(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return p.check_decision_vote(f.probation, e) if f.probation else []


def _recognition_decision(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    resolution = _recognition(f)
    if resolution is None or f.probation is None:
        return []
    return a.check_decision_deadline(
        "recognition_decision", resolution, f.probation.decision, ctx.on, e, ctx.calendar_for(e)
    )


def _official_date(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    held = _ceremony(f)
    return p.check_official_date(held, f.probation.official_date_recorded, e) if held and f.probation else []


def _failure(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return p.check_failure_path(f.probation, e) if f.probation else []


def _card_rule(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return m.check_party_card(f.card, e) if f.card else []


def _readmission(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    return m.check_readmission(f.readmission, _on(ctx, f), e) if f.readmission else []


def _readmission_consent(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    decided = _decided(f) or ctx.on
    return m.check_readmission_consent(f.readmission, decided, e) if f.readmission else []


def _standing_vote(f: CaseFacts, e: Edition, ctx: Context) -> list[Finding]:
    decision = f.decision
    if ctx.step in (Step.RECOGNITION_DECISION, Step.REMOVAL_DECISION):
        decision = f.probation.decision if f.probation else None
    return a.check_standing_vote(decision, e)


_CANDIDATE: list[tuple[str, Anchor, Apply]] = [
    ("age", _review, _age),
    ("education", _review, _education),
]
_DOSSIER: list[tuple[str, Anchor, Apply]] = [
    ("certificate", _review, _certificate),
    ("dossier_items", _review, _dossier),
    ("history_verification", _review, _history),
    ("verification_scope", _review, _verification),
    ("introducer_count", _review, _introducers),
    ("comments", _review, _comments),
]
# What the cell reviews must be complete by then: the history certified after verification
# (rule 5) and the family declared for the verification scope (rule 6).
_CELL_DOSSIER: list[tuple[str, Anchor, Apply]] = [
    *_DOSSIER,
    ("history_verification", _review, _history_certified),
    ("verification_scope", _review, _parents),
]
_DECISION: list[tuple[str, Anchor, Apply]] = [
    ("admission_decision", _resolution, _admission_decision),
    ("authority", _decided, _authority),
    ("standing_vote", _decided, _standing_vote),
    ("readmission", _decided, _readmission_consent),
]
_RECOGNITION: list[tuple[str, Anchor, Apply]] = [
    ("probation", _ceremony, _probation),
    ("failure_path", _no_anchor, _failure),
]

STEPS: dict[Step, list[tuple[str, Anchor, Apply]]] = {
    Step.DOSSIER: _DOSSIER,
    Step.CELL_REVIEW: [*_CANDIDATE, *_CELL_DOSSIER, ("cell_vote", _review, _cell_vote)],
    Step.GRASSROOTS_REVIEW: [*_CANDIDATE, ("committee_vote", _committee, _committee_vote), *_DECISION[:1]],
    Step.DECISION: [*_CANDIDATE, *_DECISION],
    Step.CEREMONY: [("ceremony", _received, _ceremony_rule), ("helper", _ceremony, _helper)],
    Step.PROBATION: [
        ("helper", _ceremony, _helper),
        ("member_history", _ceremony, _member_history),
        ("probation", _ceremony, _probation),
    ],
    Step.RECOGNITION_REVIEW: [
        *_RECOGNITION,
        ("recognition_dossier", _recognition, _recognition_dossier),
        ("cell_vote", _recognition, _recognition_vote),
    ],
    Step.RECOGNITION_GRASSROOTS_REVIEW: [
        ("committee_vote", _recognition_committee, _recognition_committee_vote),
        ("recognition_decision", _recognition, _recognition_decision),
    ],
    Step.RECOGNITION_DECISION: [
        *_RECOGNITION,
        ("cell_vote", _recognition, _decision_vote),
        ("recognition_decision", _recognition, _recognition_decision),
        ("official_date", _ceremony, _official_date),
        ("authority", _recognition_decided, _authority),
        ("standing_vote", _recognition_decided, _standing_vote),
    ],
    # Removal from the rolls is decided by the same committee, in the same time (QĐ 29 4.3.1).
    Step.REMOVAL_DECISION: [
        *_RECOGNITION,
        ("cell_vote", _recognition, _decision_vote),
        ("recognition_decision", _recognition, _recognition_decision),
        ("authority", _recognition_decided, _authority),
        ("standing_vote", _recognition_decided, _standing_vote),
    ],
    Step.CARD: [("party_card", _card, _card_rule)],
    Step.READMISSION: [("readmission", _review, _readmission), *_CANDIDATE, *_CELL_DOSSIER],
}


def _held_or_received(f: CaseFacts) -> dt.date | None:
    return _ceremony(f) or _received(f)


# The date that pins a step's edition (§11 rule 32): the day the step itself happens.
STEP_ANCHORS: dict[Step, Anchor] = {
    Step.DOSSIER: _review,
    Step.CELL_REVIEW: _review,
    Step.GRASSROOTS_REVIEW: _committee,
    Step.DECISION: _decided,
    Step.CEREMONY: _held_or_received,
    Step.PROBATION: _ceremony,
    Step.RECOGNITION_REVIEW: _recognition,
    Step.RECOGNITION_GRASSROOTS_REVIEW: _recognition_committee,
    Step.RECOGNITION_DECISION: _recognition_decided,
    Step.REMOVAL_DECISION: _recognition_decided,
    Step.CARD: _card,
    Step.READMISSION: _review,
}


def edition_for_step(step: str, facts: CaseFacts, on: dt.date, registry: Registry = DEFAULT) -> Edition:
    """The edition a case should pin for ``step``: in force on the step's anchor date."""
    return registry.edition_on(STEP_ANCHORS[Step(step)](facts) or on)


def check(
    step: str,
    facts: CaseFacts,
    on: dt.date,
    calendar: Calendar | None = None,
    registry: Registry = DEFAULT,
) -> list[Finding]:
    """All findings of every rule relevant to ``step``, each under its own edition."""
    the_step = Step(step)
    ctx = Context(the_step, on, calendar or default_calendar(), registry.edition_on)
    findings: list[Finding] = []
    seen: set[str] = set()
    for rule, anchor, apply in STEPS[the_step]:
        edition = ctx.edition(anchor(facts))
        if not edition.enforces(rule):
            continue
        findings += apply(facts, edition, ctx)
        seen.add(edition.code)
    findings += _pins(the_step, facts, on, registry)
    findings += _unconfirmed(seen, registry)
    return findings


def _pins(step: Step, facts: CaseFacts, on: dt.date, registry: Registry) -> list[Finding]:
    pinned = dict(facts.pinned_editions).get(step.value)
    expected = edition_for_step(step, facts, on, registry)
    if pinned is None or pinned == expected.code:
        return []
    return [
        expected.finding(
            "version",
            "edition.pin_mismatch",
            Severity.WARNING,
            "Bước này đã ghi theo {pinned}, nhưng văn bản có hiệu lực vào ngày của bước là {expected}.",
            pinned=pinned,
            expected=expected.code,
        )
    ]


def _unconfirmed(codes: set[str], registry: Registry) -> list[Finding]:
    findings = []
    for code in sorted(codes):
        edition = registry.by_code(code)
        if not edition.confirmed:
            findings.append(
                edition.finding(
                    "version",
                    "edition.unconfirmed",
                    Severity.WARNING,
                    "Đã áp dụng {title}; nội dung văn bản này chưa được xác nhận.",
                    title=edition.title,
                )
            )
    return findings
