"""From the decision to official membership (domain §11 rules 13–21)."""

import datetime as dt

import pytest

from ketnap.lib.workdays import vietnam_calendar
from ketnap.people.status import Status
from ketnap.rules import probation as p
from ketnap.rules.admission import check_decision_deadline
from ketnap.rules.base import Severity
from ketnap.rules.editions import QD24, QD232, QD294
from ketnap.rules.facts import Ceremony, Decision, Helper, Probation, RecognitionDossier

D = dt.date
VN = vietnam_calendar(range(2015, 2031))


def codes(findings):
    return [f.code for f in findings]


# --- 13. Ceremony -------------------------------------------------------------------------

TET_2025 = (QD232, D(2025, 1, 10), D(2025, 2, 28), D(2025, 3, 3))
TET_2026 = (QD294, D(2026, 2, 2), D(2026, 3, 23), D(2026, 3, 24))
ACROSS_TET = pytest.mark.parametrize(
    ("edition", "received", "day_30", "day_31"), [TET_2025, TET_2026], ids=["2025", "2026"]
)


@ACROSS_TET
def test_ceremony_on_working_day_30_across_tet_is_on_time(edition, received, day_30, day_31):
    assert p.ceremony_due_on(received, edition, VN) == day_30
    assert p.check_ceremony(Ceremony(received, day_30), day_30, edition, VN) == []


@ACROSS_TET
def test_ceremony_on_working_day_31_needs_upper_approval(edition, received, day_30, day_31):
    [late] = p.check_ceremony(Ceremony(received, day_31), day_31, edition, VN)
    assert late.code == "ceremony.late_without_approval"
    assert late.blocking
    assert late.due_on == day_30
    approved = p.check_ceremony(Ceremony(received, day_31, late_approved_by_upper=True), day_31, edition, VN)
    assert codes(approved) == ["ceremony.late_approved"]


@ACROSS_TET
def test_pending_ceremony_is_due_then_overdue(edition, received, day_30, day_31):
    assert codes(p.check_ceremony(Ceremony(received), day_30, edition, VN)) == ["ceremony.due"]
    assert codes(p.check_ceremony(Ceremony(received), day_30 + dt.timedelta(days=1), edition, VN)) == [
        "ceremony.overdue"
    ]


def test_ceremony_before_the_decision_is_received_blocks():
    assert codes(p.check_ceremony(Ceremony(D(2025, 9, 10), D(2025, 9, 9)), D(2025, 9, 9), QD294, VN)) == [
        "ceremony.before_decision"
    ]
    assert codes(p.check_ceremony(Ceremony(None, D(2025, 9, 9)), D(2025, 9, 9), QD294, VN)) == [
        "ceremony.before_decision"
    ]


# --- 14. Helper ---------------------------------------------------------------------------


def test_helper_assigned_at_the_ceremony_among_official_members():
    ceremony = D(2025, 9, 15)
    assert p.check_helper(Helper("h", D(2010, 1, 1), ceremony), ceremony, QD294) == []
    assert codes(p.check_helper(None, ceremony, QD294)) == ["helper.missing"]
    assert codes(p.check_helper(Helper("h", None, ceremony), ceremony, QD294)) == ["helper.not_official"]
    late = p.check_helper(Helper("h", D(2010, 1, 1), D(2025, 9, 16)), ceremony, QD294)
    assert codes(late) == ["helper.assigned_late"]
    assert late[0].severity is Severity.WARNING


# --- 15. Member personal history ----------------------------------------------------------


def test_member_history_within_30_working_days_of_the_ceremony():
    ceremony, day_30, day_31 = D(2025, 9, 15), D(2025, 10, 27), D(2025, 10, 28)
    assert p.check_member_history(ceremony, day_30, day_31, QD294, VN) == []
    assert codes(p.check_member_history(ceremony, day_31, day_31, QD294, VN)) == ["member_history.late"]
    assert codes(p.check_member_history(ceremony, None, day_30, QD294, VN)) == ["member_history.due"]
    assert codes(p.check_member_history(ceremony, None, day_31, QD294, VN)) == ["member_history.overdue"]


# --- 16, 19. Probation and the official date ----------------------------------------------


@pytest.mark.parametrize("edition", [QD24, QD294], ids=lambda e: e.code)
def test_official_date_is_the_ceremony_plus_12_months(edition):
    assert p.official_date(D(2024, 9, 15), edition) == D(2025, 9, 15)
    assert p.official_date(D(2024, 1, 31), edition) == D(2025, 1, 31)
    assert p.official_date(D(2024, 2, 29), edition) == D(2025, 2, 28)


def test_official_date_does_not_follow_late_decisions():
    ceremony = D(2024, 9, 15)
    assert p.check_official_date(ceremony, D(2025, 9, 15), QD294) == []
    assert codes(p.check_official_date(ceremony, D(2025, 11, 3), QD294)) == ["official_date.mismatch"]


def test_cell_reviews_from_the_day_after_probation_ends():
    ceremony = D(2024, 9, 15)
    [early] = p.check_probation(ceremony, D(2025, 9, 14), D(2025, 9, 14), QD294, VN)
    assert early.code == "probation.review_too_early"
    assert early.satisfiable_on == D(2025, 9, 15)
    assert p.check_probation(ceremony, D(2025, 9, 15), D(2025, 9, 15), QD294, VN) == []


def test_overdue_at_cell_after_30_working_days_from_the_end_of_probation():
    ceremony, day_30 = D(2024, 9, 15), D(2025, 10, 24)
    assert p.recognition_review_due_on(ceremony, QD294, VN) == day_30
    assert codes(p.check_probation(ceremony, None, D(2025, 6, 1), QD294, VN)) == ["probation.in_progress"]
    assert codes(p.check_probation(ceremony, None, day_30, QD294, VN)) == ["probation.review.due"]
    assert codes(p.check_probation(ceremony, None, D(2025, 10, 25), QD294, VN)) == ["probation.review.overdue"]
    assert p.check_probation(ceremony, day_30, day_30, QD294, VN) == []
    assert codes(p.check_probation(ceremony, D(2025, 10, 27), D(2025, 10, 27), QD294, VN)) == ["probation.review.late"]


# --- 17. Recognition dossier --------------------------------------------------------------

COMPLETE = RecognitionDossier(True, D(2025, 9, 16), True, True, True)


def test_complete_recognition_dossier():
    assert p.check_recognition_dossier(COMPLETE, D(2024, 9, 15), QD294) == []


def test_every_missing_item_is_reported():
    found = codes(
        p.check_recognition_dossier(RecognitionDossier(grassroots_resolution_required=True), D(2024, 9, 15), QD294)
    )
    assert found == [
        "recognition.missing_certificate",
        "recognition.missing_self_review",
        "recognition.missing_helper_comment",
        "recognition.missing_comments_summary",
        "recognition.missing_cell_resolution",
        "recognition.missing_grassroots_resolution",
    ]


def test_self_review_is_written_after_the_12_months():
    import dataclasses

    early = dataclasses.replace(COMPLETE, self_review_on=D(2025, 9, 14))
    [finding] = p.check_recognition_dossier(early, D(2024, 9, 15), QD294)
    assert finding.code == "recognition.self_review_too_early"
    assert finding.satisfiable_on == D(2025, 9, 15)


# --- 18. Recognition decision deadline ----------------------------------------------------


def test_recognition_decision_on_working_day_30_and_31():
    resolution = D(2026, 2, 2)
    day_30, day_31 = D(2026, 3, 23), D(2026, 3, 24)  # across Tết 2026

    def found(decided, on):
        return codes(check_decision_deadline("recognition_decision", resolution, Decision(decided), on, QD294, VN))

    assert found(day_30, day_30) == []
    assert found(day_31, day_31) == ["recognition_decision.late"]
    assert found(None, day_31) == ["recognition_decision.overdue"]
    day_60 = VN.add_working_days(resolution, 60)
    extended = Decision(day_60, 30, "Xác minh bổ sung")
    assert codes(check_decision_deadline("recognition_decision", resolution, extended, day_60, QD294, VN)) == []


# --- 20. Failure path ---------------------------------------------------------------------


def test_three_failed_votes_escalate():
    assert p.check_failure_path(Probation(failed_votes=2), QD294) == []
    assert codes(p.check_failure_path(Probation(failed_votes=3), QD294)) == ["recognition.escalate"]


def test_not_qualified_leads_to_a_removal_proposal():
    assert codes(p.check_failure_path(Probation(qualified=False), QD294)) == ["recognition.propose_removal"]


# --- 21. Probationary members' rights -----------------------------------------------------


@pytest.mark.parametrize("action", ["vote", "stand", "elect", "introduce", "help"])
def test_probationary_members_cannot_vote_stand_elect_or_introduce(action):
    assert not p.may(action, Status.PROBATIONARY)
    assert p.may(action, Status.OFFICIAL)
    assert codes(p.check_member_action(action, Status.PROBATIONARY, QD294)) == [f"rights.cannot_{action}"]
    assert p.check_member_action(action, Status.OFFICIAL, QD294) == []


def test_exempted_members_may_vote_when_present_but_not_introduce():
    assert p.may("vote", Status.EXEMPTED)
    assert not p.may("introduce", Status.EXEMPTED)
    with pytest.raises(ValueError):
        p.may("fly", Status.OFFICIAL)
