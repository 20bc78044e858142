"""What the review found missing from ``check``: the competent authority not configured,
the verification not complete at the cell review, the recognition committee's vote, the
removal decision, and the escalation after three failed votes; each at both sides."""

import dataclasses
import datetime as dt

from ketnap.rules import admission as a
from ketnap.rules import check
from ketnap.rules import probation as p
from ketnap.rules.editions import QD24, QD294
from ketnap.rules.facts import (
    Body,
    CaseFacts,
    CellVote,
    Ceremony,
    CommitteeVote,
    Decision,
    Helper,
    HistoryFacts,
    Probation,
    RecognitionDossier,
    Relation,
    Relative,
    UpperKind,
)
from ketnap.rules.tests.test_check import READY, REVIEW, VN, codes

D = dt.date


# --- Authority not configured ------------------------------------------------------------------


def test_no_authority_blocks_the_admission_decision_under_each_edition():
    facts = CaseFacts(cell_resolution_on=D(2025, 8, 1), decision=Decision(D(2025, 9, 1)))
    [finding] = [f for f in check("decision", facts, D(2025, 9, 1), VN) if f.code.startswith("authority")]
    assert finding.code == "authority.not_configured"
    assert finding.blocking
    assert finding.edition == "QD294-2025"
    assert "4.3.2" in str(finding.citation)
    before = dataclasses.replace(facts, decision=Decision(D(2023, 3, 1)), cell_resolution_on=D(2023, 2, 1))
    assert "authority.not_configured" in codes(check("decision", before, D(2023, 3, 1), VN))


def test_a_configured_authority_clears_the_finding():
    facts = CaseFacts(
        cell_resolution_on=D(2025, 8, 1),
        decision=Decision(D(2025, 9, 1), body=Body.UPPER_STANDING_COMMITTEE),
        upper=UpperKind.COMMUNE,
    )
    assert [f for f in check("decision", facts, D(2025, 9, 1), VN) if f.code.startswith("authority")] == []


def test_check_authority_without_upper_is_the_only_finding():
    assert codes(a.check_authority(None, False, Body.UPPER_STANDING_COMMITTEE, QD294)) == ["authority.not_configured"]


# --- Verification complete before the cell review ----------------------------------------------


def test_history_must_be_certified_after_verification_before_the_review():
    history = HistoryFacts(stamped_on=D(2025, 4, 3), verification_concluded_on=D(2025, 8, 1))
    assert codes(a.check_history_certified(history, REVIEW, QD294)) == ["history.not_certified"]
    on_the_day = dataclasses.replace(history, certified_on=REVIEW)
    assert a.check_history_certified(on_the_day, REVIEW, QD294) == []
    day_after = dataclasses.replace(history, certified_on=REVIEW + dt.timedelta(days=1))
    assert codes(a.check_history_certified(day_after, REVIEW, QD294)) == ["history.not_certified"]
    assert codes(a.check_history_certified(HistoryFacts(), REVIEW, QD294)) == [
        "history.not_stamped",
        "history.verification_not_concluded",
        "history.not_certified",
    ]


def test_cell_review_blocks_an_uncertified_history_but_not_the_dossier_step():
    facts = dataclasses.replace(READY, history=dataclasses.replace(READY.history, certified_on=None))
    [finding] = check("cell_review", facts, REVIEW, VN)
    assert (finding.code, finding.blocking) == ("history.not_certified", True)
    assert "history.not_certified" not in codes(check("dossier", facts, REVIEW, VN))


def test_a_verification_reply_after_the_review_does_not_count():
    on_the_day = dataclasses.replace(READY, relatives=(Relative("cha", Relation.FATHER, verified_on=REVIEW),))
    assert check("cell_review", on_the_day, REVIEW, VN) == []
    late = dataclasses.replace(
        READY, relatives=(Relative("cha", Relation.FATHER, verified_on=REVIEW + dt.timedelta(days=1)),)
    )
    [finding] = check("cell_review", late, REVIEW, VN)
    assert (finding.code, finding.blocking) == ("verification.missing", True)


def test_no_parents_declared_is_a_warning_at_the_cell_review():
    spouse = dataclasses.replace(READY, relatives=(Relative("vợ", Relation.SPOUSE, verified_on=D(2025, 8, 1)),))
    [finding] = check("cell_review", spouse, REVIEW, VN)
    assert (finding.code, finding.blocking) == ("verification.parents_not_declared", False)
    raised = (Relative("bà", Relation.RAISER, verified_on=D(2025, 8, 1)),)
    assert a.check_parents_declared(raised, QD294) == []


# --- Recognition: committee vote, decision, removal, escalation ------------------------------

CEREMONY = Ceremony(D(2024, 9, 1), D(2024, 9, 15), helper=Helper("h", D(2010, 1, 1), D(2024, 9, 15)))
PROBATION = Probation(
    recognition_resolution_on=D(2025, 9, 20),
    recognition_vote=CellVote(D(2025, 9, 20), official_members=9, in_favour=6),
    dossier=RecognitionDossier(True, D(2025, 9, 16), True, True, True),
)
RECOGNITION = CaseFacts(ceremony=CEREMONY, probation=PROBATION, upper=UpperKind.COMMUNE)


def _with(**changes):
    return dataclasses.replace(RECOGNITION, probation=dataclasses.replace(PROBATION, **changes))


def test_recognition_committee_vote_needs_two_thirds_of_the_members():
    passed = _with(committee_vote=CommitteeVote(D(2025, 9, 25), members_total=9, in_favour=6))
    assert codes(check("recognition_grassroots_review", passed, D(2025, 9, 25), VN)) == ["recognition_decision.due"]
    failed = _with(committee_vote=CommitteeVote(D(2025, 9, 25), members_total=9, in_favour=5))
    assert "committee_vote.not_passed" in codes(check("recognition_grassroots_review", failed, D(2025, 9, 25), VN))


def test_removal_decision_is_checked_for_its_deadline_and_authority():
    due = VN.add_working_days(D(2025, 9, 20), 30)
    on_time = _with(qualified=False, decision=Decision(due, body=Body.UPPER_STANDING_COMMITTEE))
    assert codes(check("removal_decision", on_time, due, VN)) == ["recognition.propose_removal"]
    day_late = due + dt.timedelta(days=1)
    while not VN.is_working_day(day_late):
        day_late += dt.timedelta(days=1)
    late = _with(qualified=False, decision=Decision(day_late, body=Body.UPPER_STANDING_COMMITTEE))
    assert "recognition_decision.late" in codes(check("removal_decision", late, day_late, VN))
    unset = dataclasses.replace(on_time, upper=None)
    assert "authority.not_configured" in codes(check("removal_decision", unset, due, VN))


def test_an_extension_recorded_ahead_moves_the_recognition_deadline():
    plain = check("recognition_decision", RECOGNITION, D(2025, 9, 22), VN)
    extended = check(
        "recognition_decision",
        _with(decision=Decision(None, extension_working_days=10, extension_reason="Bổ sung hồ sơ")),
        D(2025, 9, 22),
        VN,
    )
    [before] = [f for f in plain if f.code == "recognition_decision.due"]
    [after] = [f for f in extended if f.code == "recognition_decision.due"]
    assert before.due_on is not None
    assert after.due_on == VN.add_working_days(D(2025, 9, 20), 40) > before.due_on


def test_a_failed_last_vote_blocks_the_decision_until_escalated():
    failed_vote = CellVote(D(2025, 9, 20), official_members=9, in_favour=5)
    facts = _with(recognition_vote=failed_vote, failed_votes=3)
    found = check("recognition_decision", facts, D(2025, 10, 1), VN)
    assert {"cell_vote.not_passed", "recognition.escalate"} <= set(codes(found))
    assert any(f.blocking for f in found if f.code == "cell_vote.not_passed")
    escalated = _with(recognition_vote=failed_vote, failed_votes=3, escalated_on=D(2025, 10, 1))
    for step in ("recognition_decision", "removal_decision"):
        found = codes(check(step, escalated, D(2025, 10, 1), VN))
        assert "cell_vote.not_passed" not in found and "recognition.escalate" not in found
        assert "recognition.escalated" in found


def test_escalation_threshold_is_the_editions():
    assert p.check_failure_path(Probation(failed_votes=2), QD24) == []
    assert codes(p.check_failure_path(Probation(failed_votes=3), QD24)) == ["recognition.escalate"]
    assert p.check_failure_path(Probation(failed_votes=3, escalated_on=D(2025, 1, 1)), QD24) == []
