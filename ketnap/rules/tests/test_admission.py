"""Admission rules (domain §11 rules 1–12), each at both sides of its boundary."""

import dataclasses
import datetime as dt

import pytest

from ketnap.lib.workdays import vietnam_calendar
from ketnap.rules import admission as a
from ketnap.rules.base import Severity
from ketnap.rules.editions import QD24, QD29, QD232, QD294, edition_on
from ketnap.rules.facts import (
    Basis,
    Body,
    Candidate,
    CellVote,
    CommitteeVote,
    Decision,
    Education,
    HistoryFacts,
    Introducer,
    Introduction,
    Relation,
    Relative,
    UpperKind,
)

D = dt.date
VN = vietnam_calendar(range(2015, 2031))
BOTH = pytest.mark.parametrize("edition", [QD24, QD294], ids=lambda e: e.code)


def codes(findings):
    return [f.code for f in findings]


BORN_2000 = D(2000, 1, 1)
OFFICIAL_2015 = D(2015, 1, 1)
TOGETHER_SINCE = D(2024, 3, 15)


def person(birth=BORN_2000, education=Education.LOWER_SECONDARY, **kw):
    return Candidate(birth, education, **kw)


# --- 1. Age -------------------------------------------------------------------------------


@BOTH
def test_17_years_11_months_is_too_young_and_cured_on_the_18th_birthday(edition):
    [finding] = a.check_age(person(D(2008, 3, 15)), D(2026, 3, 14), edition)
    assert finding.code == "age.under_18"
    assert finding.severity is Severity.BLOCKING
    assert finding.satisfiable_on == D(2026, 3, 15)
    assert "17 tuổi 11 tháng" in finding.message


@BOTH
def test_18_years_on_the_review_date_is_old_enough(edition):
    assert a.check_age(person(D(2008, 3, 15)), D(2026, 3, 15), edition) == []


def test_born_on_29_february_is_18_on_the_last_day_of_february():
    assert a.check_age(person(D(2008, 2, 29)), D(2026, 2, 28), QD294) == []
    assert codes(a.check_age(person(D(2008, 2, 29)), D(2026, 2, 27), QD294)) == ["age.under_18"]


@BOTH
def test_60_years_0_months_is_within_the_window(edition):
    assert a.check_age(person(D(1965, 5, 10)), D(2025, 6, 9), edition) == []


@BOTH
def test_60_years_1_month_needs_the_over_60_conditions(edition):
    found = codes(a.check_age(person(D(1965, 5, 10)), D(2025, 6, 10), edition))
    assert found == [
        "age.over_60",
        "age.over_60_health_prestige",
        "age.over_60_base_condition",
        "age.over_60_approval_missing",
    ]


def test_over_60_approval_warns_at_the_cell_and_blocks_the_decision():
    candidate = person(D(1960, 1, 1), health_and_prestige=True, base_condition=True)
    [_, at_cell] = a.check_age(candidate, D(2025, 9, 1), QD294)
    [_, deciding] = a.check_age(candidate, D(2025, 9, 1), QD294, deciding=True)
    assert at_cell.severity is Severity.WARNING
    assert deciding.severity is Severity.BLOCKING
    approved = dataclasses.replace(candidate, over_60_approved_on=D(2025, 8, 1))
    assert codes(a.check_age(approved, D(2025, 9, 1), QD294, deciding=True)) == ["age.over_60"]


def test_full_60_boundary_is_a_parameter():
    lenient = dataclasses.replace(QD294, parameters=dataclasses.replace(QD294.parameters, age_max_months_inclusive=731))
    assert a.check_age(person(D(1965, 5, 10)), D(2026, 5, 9), lenient) == []
    assert "age.over_60" in codes(a.check_age(person(D(1965, 5, 10)), D(2026, 5, 10), lenient))


# --- 2. Education -------------------------------------------------------------------------


def test_or_equivalent_accepted_under_qd29_not_from_qd24():
    equivalent = person(education=Education.LOWER_SECONDARY_EQUIVALENT)
    assert a.check_education(equivalent, edition_on(D(2021, 7, 29))) == []
    assert codes(a.check_education(equivalent, edition_on(D(2021, 7, 30)))) == ["education.equivalent_not_accepted"]


@BOTH
def test_lower_secondary_diploma_is_enough(edition):
    assert a.check_education(person(), edition) == []


@BOTH
def test_primary_only_needs_the_hardship_area(edition):
    assert codes(a.check_education(person(education=Education.PRIMARY), edition)) == ["education.insufficient"]
    hardship = person(education=Education.PRIMARY, hardship_area=True)
    fisherman = person(education=Education.PRIMARY, fisherman_at_sea=True)
    assert codes(a.check_education(hardship, edition)) == ["education.hardship_exception"]
    assert codes(a.check_education(fisherman, edition)) == ["education.hardship_exception"]


@BOTH
def test_village_elder_reading_and_writing_only_in_a_hardship_area(edition):
    elder = person(education=Education.LITERATE, village_elder=True)
    assert codes(a.check_education(elder, edition)) == ["education.insufficient"]
    assert codes(a.check_education(dataclasses.replace(elder, hardship_area=True), edition)) == [
        "education.elder_exception"
    ]
    illiterate = person(education=Education.NONE, village_elder=True, hardship_area=True)
    assert codes(a.check_education(illiterate, edition)) == ["education.insufficient"]


def test_education_exception_approval_is_a_parameter():
    strict = dataclasses.replace(
        QD294, parameters=dataclasses.replace(QD294.parameters, education_exception_requires_approval=True)
    )
    hardship = person(education=Education.PRIMARY, hardship_area=True)
    assert codes(a.check_education(hardship, strict)) == [
        "education.hardship_exception",
        "education.exception_approval_missing",
    ]
    approved = dataclasses.replace(hardship, education_exception_approved=True)
    assert codes(a.check_education(approved, strict)) == ["education.hardship_exception"]


# --- 3. Certificate -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "review"), [(D(2020, 3, 15), D(2025, 3, 15)), (D(2020, 9, 15), D(2025, 9, 15))], ids=["QD232", "QD294"]
)
def test_certificate_of_exactly_60_months_is_valid_and_a_day_more_is_not(issued, review):
    edition = edition_on(review)
    assert a.check_certificate(issued, review, edition) == []
    [expired] = a.check_certificate(issued, review + dt.timedelta(days=1), edition)
    assert expired.code == "certificate.expired"
    assert expired.blocking


def test_certificate_missing_blocks():
    assert codes(a.check_certificate(None, D(2025, 9, 1), QD294)) == ["certificate.missing"]


# --- 3–4. Application and personal history ------------------------------------------------


def test_application_after_history_is_flagged_under_hd06_only():
    application, history = D(2025, 8, 2), D(2025, 8, 1)
    assert codes(a.check_dossier_items(application, history, QD294)) == ["dossier.application_after_history"]
    assert a.check_dossier_items(application, history, QD232) == []
    assert a.check_dossier_items(history, history, QD294) == []


def test_application_and_history_must_exist():
    assert codes(a.check_dossier_items(None, None, QD294)) == [
        "dossier.application_missing",
        "dossier.personal_history_missing",
    ]


# --- 5. Personal history certified after verification -------------------------------------


@BOTH
def test_certification_only_after_verification_is_concluded(edition):
    before = HistoryFacts(D(2025, 8, 1), D(2025, 8, 2), D(2025, 9, 10), D(2025, 9, 9), D(2025, 9, 9))
    assert codes(a.check_history_verification(before, edition)) == [
        "history.commented_before_verification",
        "history.certified_before_verification",
    ]
    after = dataclasses.replace(before, cell_commented_on=D(2025, 9, 10), certified_on=D(2025, 9, 10))
    assert a.check_history_verification(after, edition) == []


def test_stamp_across_page_joins_before_sending():
    unstamped = HistoryFacts(stamped_on=D(2025, 8, 3), sent_for_verification_on=D(2025, 8, 2))
    assert codes(a.check_history_verification(unstamped, QD294)) == ["history.sent_before_stamping"]


# --- 6. Verification scope ----------------------------------------------------------------

FAMILY = (
    Relative("cha", Relation.FATHER),
    Relative("me", Relation.MOTHER),
    Relative("vo", Relation.SPOUSE),
    Relative("bo-vo", Relation.SPOUSE_FATHER),
    Relative("me-vo", Relation.SPOUSE_MOTHER),
    Relative("con-nho", Relation.CHILD, full_civil_capacity=False),
    Relative("con-lon", Relation.CHILD),
    Relative("anh", Relation.SIBLING),
)


def keys(relatives):
    return [r.key for r in relatives]


@BOTH
def test_verify_parents_spouse_side_and_adult_children(edition):
    assert keys(a.relatives_to_verify(FAMILY, edition)) == ["cha", "me", "vo", "bo-vo", "me-vo", "con-lon"]


@BOTH
def test_a_member_sibling_exempts_the_candidates_side(edition):
    family = tuple(dataclasses.replace(r, party_member=True) if r.key == "anh" else r for r in FAMILY)
    assert keys(a.relatives_to_verify(family, edition)) == ["vo", "bo-vo", "me-vo"]


def test_a_member_not_fully_declared_exempts_nobody():
    family = tuple(
        dataclasses.replace(r, party_member=True, fully_declared=False) if r.key == "cha" else r for r in FAMILY
    )
    assert keys(a.relatives_to_verify(family, QD294)) == ["cha", "me", "vo", "bo-vo", "me-vo", "con-lon"]


@BOTH
def test_a_member_on_the_spouse_side_exempts_the_spouse_side(edition):
    family = (*FAMILY, Relative("anh-vo", Relation.SPOUSE_SIBLING, party_member=True))
    assert keys(a.relatives_to_verify(family, edition)) == ["cha", "me", "con-lon"]


def test_stricter_reading_exempts_only_the_member_relative():
    strict = dataclasses.replace(
        QD294, parameters=dataclasses.replace(QD294.parameters, verification_skip_whole_side=False)
    )
    family = tuple(dataclasses.replace(r, party_member=True) if r.key == "cha" else r for r in FAMILY)
    assert keys(a.relatives_to_verify(family, strict)) == ["me", "vo", "bo-vo", "me-vo", "con-lon"]


def test_missing_results_block_and_relatives_abroad_take_the_upper_route():
    family = (Relative("cha", Relation.FATHER, verified_on=D(2025, 8, 1)), Relative("me", Relation.MOTHER, abroad=True))
    assert codes(a.check_verification(family, QD294)) == ["verification.missing", "verification.abroad_route"]


# --- 7. Introducers -----------------------------------------------------------------------


def introducer(key="a", official=OFFICIAL_2015, together=TOGETHER_SINCE, **kw):
    return Introducer(key, official, together, **kw)


@BOTH
def test_introducer_together_11_months_is_not_enough_12_is(edition):
    [short] = a.check_introducer(introducer(), D(2025, 3, 14), edition)
    assert short.code == "introducer.not_long_enough"
    assert short.satisfiable_on == D(2025, 3, 15)
    assert a.check_introducer(introducer(), D(2025, 3, 15), edition) == []


@BOTH
def test_introducer_must_be_official_on_the_introduction_date(edition):
    probationary = introducer(official=None, expected_official_on=D(2025, 6, 1))
    [finding] = a.check_introducer(probationary, D(2025, 5, 31), edition)
    assert finding.code == "introducer.not_official"
    assert finding.satisfiable_on == D(2025, 6, 1)
    assert a.check_introducer(introducer(official=D(2025, 6, 1)), D(2025, 6, 1), edition) == []
    assert codes(a.check_introducer(introducer(official=D(2025, 6, 2)), D(2025, 6, 1), edition)) == [
        "introducer.not_official"
    ]


def test_replacement_introducer_is_exempt_from_the_12_months():
    assert a.check_introducer(introducer(together=D(2025, 1, 1), replacement=True), D(2025, 3, 1), QD294) == []


def test_same_residence_counts_from_qd24_not_under_qd29():
    neighbour = introducer(together=D(2019, 1, 1), basis=Basis.RESIDENCE)
    assert codes(a.check_introducer(neighbour, D(2021, 7, 29), QD29)) == ["introducer.residence_not_accepted"]
    assert a.check_introducer(neighbour, D(2021, 7, 30), QD24) == []


@BOTH
def test_two_official_introducers_outside_youth_age(edition):
    adult = person(D(1990, 1, 1))
    one = Introduction((introducer("a"),))
    assert codes(a.check_introducers(one, adult, D(2025, 9, 1), edition)) == ["introducer.too_few"]
    two = Introduction((introducer("a"), introducer("b")))
    assert a.check_introducers(two, adult, D(2025, 9, 1), edition) == []


@BOTH
def test_youth_age_candidate_one_member_plus_union_resolution(edition):
    youth = person(D(2004, 1, 1), youth_union_member=True)
    without = Introduction((introducer("a"),), youth_union_organisation_exists=True)
    assert codes(a.check_introducers(without, youth, D(2025, 9, 1), edition)) == ["introducer.union_resolution_missing"]
    with_resolution = dataclasses.replace(without, youth_union_resolution_on=D(2025, 8, 1))
    assert a.check_introducers(with_resolution, youth, D(2025, 9, 1), edition) == []


@pytest.mark.parametrize("edition", [QD29, QD24, QD232, QD294], ids=lambda e: e.code)
def test_a_youth_age_candidate_who_is_not_a_union_member_cannot_be_admitted(edition):
    """Charter art. 4: where a Union organisation exists, a youth-age candidate must be a
    Union member; the last day of youth age and the day after are both sides."""
    intro = Introduction(
        (introducer("a"), introducer("b")),
        youth_union_organisation_exists=True,
        youth_union_resolution_on=D(2025, 1, 1),
    )
    born = D(1994, 9, 1)
    [finding] = a.check_introducers(intro, person(born), D(2025, 8, 31), edition)
    assert (finding.code, finding.severity) == ("introducer.youth_not_union_member", Severity.BLOCKING)
    assert a.check_introducers(intro, person(born), D(2025, 9, 1), edition) == []
    no_union_here = dataclasses.replace(intro, youth_union_organisation_exists=False)
    assert a.check_introducers(no_union_here, person(born), D(2025, 8, 31), edition) == []


def test_youth_age_ends_at_30_full_years():
    intro = Introduction(
        (introducer("a"),), youth_union_organisation_exists=True, youth_union_resolution_on=D(2025, 1, 1)
    )
    born = D(1994, 9, 1)
    assert a.check_introducers(intro, person(born, youth_union_member=True), D(2025, 8, 31), QD294) == []
    assert codes(a.check_introducers(intro, person(born), D(2025, 9, 1), QD294)) == ["introducer.too_few"]


def test_trade_union_resolution_replaces_one_introducer_as_a_parameter():
    intro = Introduction((introducer("a"),), trade_union_resolution_on=D(2025, 8, 1))
    assert a.check_introducers(intro, person(D(1990, 1, 1)), D(2025, 9, 1), QD294) == []
    off = dataclasses.replace(
        QD294, parameters=dataclasses.replace(QD294.parameters, trade_union_replaces_one_introducer=False)
    )
    assert codes(a.check_introducers(intro, person(D(1990, 1, 1)), D(2025, 9, 1), off)) == ["introducer.too_few"]


# --- 8. Comments --------------------------------------------------------------------------


@BOTH
def test_residence_comment_and_summary_before_the_review(edition):
    review = D(2025, 9, 10)
    assert a.check_comments(review, review, review, edition) == []
    assert codes(a.check_comments(None, review, review, edition)) == ["comments.residence_missing"]
    assert codes(a.check_comments(review, D(2025, 9, 11), review, edition)) == ["comments.summary_missing"]


# --- 9–10. Votes --------------------------------------------------------------------------


@BOTH
def test_two_thirds_of_9_official_members_with_one_probationary_present(edition):
    six = CellVote(D(2025, 9, 10), official_members=9, in_favour=6)
    assert a.check_cell_vote(six, edition) == []
    five_plus_probationary = CellVote(D(2025, 9, 10), official_members=9, in_favour=5, probationary_in_favour=1)
    assert codes(a.check_cell_vote(five_plus_probationary, edition)) == [
        "cell_vote.probationary_ballots_ignored",
        "cell_vote.not_passed",
    ]


@BOTH
def test_denominator_excludes_temporarily_away_and_absent_exempted(edition):
    vote = CellVote(D(2025, 9, 10), official_members=20, in_favour=12, temporarily_away=2, exempted_absent=1)
    assert a.cell_vote_outcome(vote, edition) == (17, 12, 12)
    assert a.check_cell_vote(vote, edition) == []
    assert codes(a.check_cell_vote(dataclasses.replace(vote, in_favour=11), edition)) == ["cell_vote.not_passed"]


@BOTH
def test_a_cell_below_3_official_members_passes_no_valid_resolution(edition):
    """Charter art. 21.2: a cell has at least three official members; admission and
    recognition resolutions are judged alike."""
    vote = CellVote(D(2025, 9, 10), official_members=2, in_favour=2)
    [finding] = a.check_cell_vote(vote, edition)
    assert (finding.code, finding.severity) == ("cell_vote.too_few_members", Severity.BLOCKING)
    assert a.check_cell_vote(dataclasses.replace(vote, official_members=3), edition) == []


@pytest.mark.parametrize("edition", [QD29, QD24, QD232, QD294], ids=lambda e: e.code)
def test_a_deciding_standing_committee_needs_more_than_half_of_its_members(edition):
    def decided(total, yes, body=Body.UPPER_STANDING_COMMITTEE):
        return Decision(D(2025, 10, 1), body=body, standing_vote=CommitteeVote(D(2025, 10, 1), total, yes))

    assert a.check_standing_vote(decided(7, 4), edition) == []
    [finding] = a.check_standing_vote(decided(7, 3), edition)
    assert (finding.code, finding.severity, finding.params["required"]) == (
        "standing_vote.not_passed",
        Severity.BLOCKING,
        "4",
    )
    assert codes(a.check_standing_vote(decided(8, 4), edition)) == ["standing_vote.not_passed"]  # half is not more
    assert a.check_standing_vote(decided(8, 5), edition) == []
    assert a.check_standing_vote(decided(5, 3, Body.PROVINCIAL_STANDING), edition) == []
    assert codes(a.check_standing_vote(decided(5, 2, Body.PROVINCIAL_STANDING), edition)) == [
        "standing_vote.not_passed"
    ]
    # A whole committee deciding is rule 10's; a decision recorded without its vote is not judged here.
    assert a.check_standing_vote(decided(7, 1, Body.GRASSROOTS_COMMITTEE), edition) == []
    assert a.check_standing_vote(Decision(D(2025, 10, 1), body=Body.UPPER_STANDING_COMMITTEE), edition) == []


@BOTH
def test_committee_needs_two_thirds_of_all_members(edition):
    assert a.check_committee_vote(CommitteeVote(D(2025, 9, 20), 7, 5), edition) == []
    assert codes(a.check_committee_vote(CommitteeVote(D(2025, 9, 20), 7, 4), edition)) == ["committee_vote.not_passed"]
    assert a.check_committee_vote(CommitteeVote(D(2025, 9, 20), 9, 6), edition) == []
    assert codes(a.check_committee_vote(CommitteeVote(D(2025, 9, 20), 9, 5), edition)) == ["committee_vote.not_passed"]


# --- 11. Decision deadline ----------------------------------------------------------------


def deadline(resolution, decision, on, edition=QD294):
    return codes(a.check_decision_deadline("admission_decision", resolution, decision, on, edition, VN))


@pytest.mark.parametrize("edition", [QD232, QD294], ids=lambda e: e.code)
def test_decision_on_working_day_60_is_on_time_and_61_is_late(edition):
    resolution = D(2025, 1, 10)
    day_60 = VN.add_working_days(resolution, 60)
    assert day_60 == D(2025, 4, 14)  # across the nine days of Tết and Hùng Kings' day (07/4) of 2025
    assert deadline(resolution, Decision(day_60), day_60, edition) == []
    day_61 = VN.add_working_days(resolution, 61)
    assert deadline(resolution, Decision(day_61), day_61, edition) == ["admission_decision.late"]


def test_pending_decision_is_due_then_overdue():
    resolution = D(2025, 1, 10)
    assert deadline(resolution, None, D(2025, 4, 14)) == ["admission_decision.due"]
    assert deadline(resolution, None, D(2025, 4, 15)) == ["admission_decision.overdue"]


def test_extension_of_at_most_30_working_days_with_a_reason():
    resolution = D(2025, 1, 10)
    day_90 = VN.add_working_days(resolution, 90)
    assert deadline(resolution, Decision(day_90, 30, "Chờ kết quả thẩm tra"), day_90) == []
    assert deadline(resolution, Decision(day_90, 31, "Chờ kết quả thẩm tra"), day_90) == [
        "admission_decision.extension_too_long"
    ]
    assert deadline(resolution, Decision(day_90, 30), day_90) == ["admission_decision.extension_without_reason"]


# --- 12. Authority ------------------------------------------------------------------------


def test_deciding_body_by_kind_of_upper_committee():
    assert a.deciding_body(UpperKind.DISTRICT, False) is Body.UPPER_STANDING_COMMITTEE
    assert a.deciding_body(UpperKind.COMMUNE, False) is Body.UPPER_STANDING_COMMITTEE
    assert a.deciding_body(UpperKind.COMMUNE, True) is Body.GRASSROOTS_COMMITTEE
    assert a.deciding_body(UpperKind.PROVINCIAL, False) is Body.PROVINCIAL_STANDING
    assert a.deciding_body(UpperKind.ARMY, True) is Body.SEPARATE_RULES


def test_district_level_until_30_june_2025_commune_level_from_1_july():
    before, after = edition_on(D(2025, 6, 30)), edition_on(D(2025, 7, 1))
    assert a.check_authority(UpperKind.DISTRICT, False, Body.UPPER_STANDING_COMMITTEE, before) == []
    assert codes(a.check_authority(UpperKind.DISTRICT, False, None, after)) == ["authority.district_abolished"]
    assert a.check_authority(UpperKind.COMMUNE, False, None, after) == []
    assert codes(a.check_authority(UpperKind.COMMUNE, False, None, before)) == ["authority.commune_before_reform"]


def test_wrong_body_blocks():
    [finding] = a.check_authority(UpperKind.COMMUNE, True, Body.UPPER_STANDING_COMMITTEE, QD294)
    assert finding.code == "authority.wrong_body"
    assert "tập thể đảng ủy cơ sở được ủy quyền" in finding.message


def test_the_grassroots_standing_committee_decides_only_where_a_dated_setting_names_it():
    """Who decides is data: the body reported for 2026 is accepted when the setting on the
    tree names it, with a notice that its text was not read; derived, it never is."""
    configured = a.check_authority(UpperKind.COMMUNE, False, Body.GRASSROOTS_STANDING, QD294, Body.GRASSROOTS_STANDING)
    assert [(f.code, f.severity) for f in configured] == [("authority.configured_grassroots_standing", Severity.INFO)]
    derived = a.check_authority(UpperKind.COMMUNE, False, Body.GRASSROOTS_STANDING, QD294)
    assert codes(derived) == ["authority.wrong_body"]
    upper = a.check_authority(UpperKind.COMMUNE, False, Body.UPPER_STANDING_COMMITTEE, QD294, Body.GRASSROOTS_STANDING)
    assert "authority.wrong_body" in codes(upper)
