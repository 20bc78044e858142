"""``check``: every rule of a step, all findings, each under the edition its date names."""

import dataclasses
import datetime as dt

from ketnap.lib.workdays import vietnam_calendar
from ketnap.people.status import Status
from ketnap.rules import Step, check, edition_for_step
from ketnap.rules.check import STEP_ANCHORS
from ketnap.rules.editions import QD24, QD29, QD232, QD294, Registry
from ketnap.rules.facts import (
    Body,
    Candidate,
    CardIssue,
    CaseFacts,
    CellVote,
    Ceremony,
    Decision,
    Education,
    Helper,
    HistoryFacts,
    Introducer,
    Introduction,
    LeaveReason,
    Probation,
    Readmission,
    RecognitionDossier,
    Relation,
    Relative,
    UpperKind,
)

D = dt.date
VN = vietnam_calendar(range(2015, 2031))
REVIEW = D(2025, 9, 10)

READY = CaseFacts(
    candidate=Candidate(D(2000, 5, 1), Education.UPPER_SECONDARY),
    cell_review_on=REVIEW,
    certificate_issued_on=D(2025, 3, 1),
    application_on=D(2025, 4, 1),
    personal_history_on=D(2025, 4, 2),
    history=HistoryFacts(D(2025, 4, 3), D(2025, 4, 4), D(2025, 8, 1), D(2025, 8, 2), D(2025, 8, 3)),
    relatives=(Relative("cha", Relation.FATHER, verified_on=D(2025, 8, 1)),),
    introduction=Introduction(
        (Introducer("a", D(2010, 1, 1), D(2020, 1, 1)), Introducer("b", D(2012, 1, 1), D(2021, 1, 1)))
    ),
    residence_comment_on=D(2025, 9, 1),
    organisations_summary_on=D(2025, 9, 2),
    cell_vote=CellVote(REVIEW, official_members=9, in_favour=8),
)


def codes(findings):
    return [f.code for f in findings]


def test_a_ready_case_passes_the_cell_review():
    assert check("cell_review", READY, REVIEW, VN) == []


def test_all_findings_are_returned_not_the_first():
    facts = dataclasses.replace(
        READY,
        candidate=Candidate(D(2007, 9, 11), Education.PRIMARY),
        certificate_issued_on=D(2020, 9, 9),
        introduction=Introduction(),
        cell_vote=CellVote(REVIEW, official_members=9, in_favour=5),
    )
    found = codes(check("cell_review", facts, REVIEW, VN))
    assert found == [
        "age.under_18",
        "education.insufficient",
        "certificate.expired",
        "introducer.too_few",
        "cell_vote.not_passed",
    ]
    assert all(f.edition == "QD294-2025" for f in check("cell_review", facts, REVIEW, VN))


def test_dossier_step_checks_the_documents_only():
    assert codes(check("dossier", CaseFacts(cell_review_on=REVIEW), REVIEW, VN)) == [
        "certificate.missing",
        "dossier.application_missing",
        "dossier.personal_history_missing",
        "introducer.too_few",
        "comments.residence_missing",
        "comments.summary_missing",
    ]


def test_each_rule_uses_the_edition_of_its_own_date():
    # Resolution under QĐ 232 (30/6/2025), decision under QĐ 294 (01/7/2025).
    facts = CaseFacts(
        cell_resolution_on=D(2025, 6, 30),
        upper=UpperKind.DISTRICT,
        decision=Decision(D(2025, 7, 1), body=Body.UPPER_STANDING_COMMITTEE),
    )
    [abolished] = check("decision", facts, D(2025, 7, 1), VN)
    assert abolished.code == "authority.district_abolished"
    assert abolished.edition == "QD294-2025"
    day_before = dataclasses.replace(facts, decision=Decision(D(2025, 6, 30), body=Body.UPPER_STANDING_COMMITTEE))
    assert check("decision", day_before, D(2025, 6, 30), VN) == []


def test_decision_step_reports_the_deadline_under_the_resolution_edition():
    facts = CaseFacts(cell_resolution_on=D(2025, 6, 30), upper=UpperKind.COMMUNE)
    [due] = check("decision", facts, D(2025, 7, 2), VN)
    assert due.code == "admission_decision.due"
    assert due.edition == "QD232-2025"
    assert due.due_on == VN.add_working_days(D(2025, 6, 30), 60)


def test_education_judged_by_the_cell_review_date_across_the_2021_switch():
    equivalent = dataclasses.replace(READY, candidate=Candidate(D(1990, 1, 1), Education.LOWER_SECONDARY_EQUIVALENT))
    old = dataclasses.replace(equivalent, cell_review_on=D(2021, 7, 29))
    new = dataclasses.replace(equivalent, cell_review_on=D(2021, 7, 30))
    assert "education.equivalent_not_accepted" not in codes(check("cell_review", old, D(2025, 1, 1), VN))
    assert "education.equivalent_not_accepted" in codes(check("cell_review", new, D(2025, 1, 1), VN))


def test_over_60_approval_blocks_only_at_the_decision():
    old = dataclasses.replace(
        READY, candidate=Candidate(D(1960, 1, 1), Education.HIGHER, health_and_prestige=True, base_condition=True)
    )
    at_cell = [f for f in check("cell_review", old, REVIEW, VN) if f.code == "age.over_60_approval_missing"]
    at_decision = [f for f in check("decision", old, REVIEW, VN) if f.code == "age.over_60_approval_missing"]
    assert not at_cell[0].blocking
    assert at_decision[0].blocking


def test_probation_step():
    facts = CaseFacts(
        ceremony=Ceremony(D(2025, 9, 1), D(2025, 9, 15), helper=Helper("h", D(2010, 1, 1), D(2025, 9, 15))),
        probation=Probation(member_history_on=D(2025, 10, 1)),
    )
    [finding] = check("probation", facts, D(2026, 1, 5), VN)
    assert finding.code == "probation.in_progress"
    assert finding.satisfiable_on == D(2026, 9, 15)


def test_recognition_review_and_decision_steps():
    ceremony = Ceremony(D(2024, 9, 1), D(2024, 9, 15), helper=Helper("h", D(2010, 1, 1), D(2024, 9, 15)))
    probation = Probation(
        recognition_resolution_on=D(2025, 9, 20),
        recognition_vote=CellVote(D(2025, 9, 20), official_members=9, in_favour=6),
        dossier=RecognitionDossier(True, D(2025, 9, 16), True, True, True),
        decision=Decision(D(2025, 10, 10), body=Body.UPPER_STANDING_COMMITTEE),
        official_date_recorded=D(2025, 9, 15),
    )
    facts = CaseFacts(ceremony=ceremony, probation=probation, upper=UpperKind.COMMUNE)
    assert check("recognition_review", facts, D(2025, 9, 20), VN) == []
    assert check("recognition_decision", facts, D(2025, 10, 10), VN) == []
    wrong = dataclasses.replace(facts, probation=dataclasses.replace(probation, official_date_recorded=D(2025, 10, 10)))
    assert codes(check("recognition_decision", wrong, D(2025, 10, 10), VN)) == ["official_date.mismatch"]


def test_card_and_readmission_steps():
    assert codes(check("card", CaseFacts(card=CardIssue(Status.PROBATIONARY)), REVIEW, VN)) == ["card.not_official"]
    back = dataclasses.replace(READY, readmission=Readmission(D(2023, 1, 1), LeaveReason.REMOVED))
    [soon] = check("readmission", back, REVIEW, VN)
    assert soon.code == "readmission.too_soon"
    assert soon.satisfiable_on == D(2026, 1, 1)


def test_pinned_edition_that_no_longer_matches_the_step_date_is_flagged():
    facts = dataclasses.replace(READY, pinned_editions=(("cell_review", "QD232-2025"),))
    assert edition_for_step(Step.CELL_REVIEW, READY, REVIEW).code == "QD294-2025"
    assert codes(check("cell_review", facts, REVIEW, VN)) == ["edition.pin_mismatch"]
    pinned_right = dataclasses.replace(READY, pinned_editions=(("cell_review", "QD294-2025"),))
    assert check("cell_review", pinned_right, REVIEW, VN) == []


def test_whether_swapped_saturdays_count_is_an_edition_parameter():
    received = D(2025, 4, 20)  # the 30 working days include Saturday 26/4/2025, worked in a swap
    facts = CaseFacts(ceremony=Ceremony(received))
    [counted] = check("ceremony", facts, received, VN)
    params = dataclasses.replace(QD232.parameters, working_saturdays_count=False)
    registry = Registry([QD29, QD24, dataclasses.replace(QD232, parameters=params), QD294])
    [not_counted] = check("ceremony", facts, received, VN, registry)
    assert counted.due_on is not None and not_counted.due_on is not None
    assert VN.working_days_between(counted.due_on, not_counted.due_on) == 1


def test_every_step_has_an_anchor_for_pinning():
    assert set(STEP_ANCHORS) == set(Step)
    facts = CaseFacts(cell_resolution_on=D(2025, 6, 30), decision=Decision(D(2025, 7, 1)))
    assert edition_for_step("decision", facts, D(2026, 1, 1)).code == "QD294-2025"
    assert edition_for_step("grassroots_review", facts, D(2026, 1, 1)).code == "QD232-2025"
