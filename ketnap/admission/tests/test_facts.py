"""The facts the rules read, built from the rows of a case."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from ketnap.admission import services
from ketnap.admission.facts import StepRow, case_facts, default_step_data, member_standing, step_rows, with_step
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import open_case, record_until, staff_cell
from ketnap.core.testing import add_events, build_world, make_member
from ketnap.organizations.models import Locality
from ketnap.rules.base import Education
from ketnap.rules.facts import Body, UpperKind

D = dt.date
K = StepKind


class FactsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.members = staff_cell(cls.w.cell_a, 6)
        cls.probationary = make_member(cls.w.cell_a, ceremony=D(2022, 6, 1), official=False, given="Dự Bị")
        cls.hamlet = Locality.objects.create(
            code="ban-mo",
            name="Bản Mờ",
            kind="hamlet",
            commune=cls.w.commune_a,
            valid_from=D(2000, 1, 1),
            hardship_area=True,
        )
        services.authority_set(
            actor=cls.w.admin,
            organization=cls.w.province_a,
            body="upper_standing_committee",
            deciding_organization=cls.w.district_a,
            upper_kind="district",
            valid_from=D(2016, 1, 1),
        )

    def test_candidate_from_the_person_and_the_case_flags(self) -> None:
        case = open_case(self.w, education="primary", residence_locality=self.hamlet, youth_union_member=True)
        candidate = case_facts(case, D(2023, 3, 1)).candidate
        assert (candidate.education, candidate.hardship_area, candidate.youth_union_member) == (
            Education.PRIMARY,
            True,
            True,
        )
        assert candidate.birth_date == case.person.birth_date

    def test_introducer_official_since_the_recognition(self) -> None:
        standing = member_standing(self.members[0].pk, D(2023, 3, 1))
        assert standing.official_since == D(2016, 3, 11)  # recognized 10 days after the 12 months
        probationary = member_standing(self.probationary.pk, D(2023, 3, 1))
        assert (probationary.official_since, probationary.expected_official_on) == (None, D(2023, 6, 1))

    def test_probationary_introducer_is_a_finding(self) -> None:
        case = open_case(self.w)
        services.introducer_add(
            actor=self.w.editor_a,
            case=case,
            member=self.probationary,
            basis="work",
            together_since=D(2020, 1, 1),
            introduced_on=D(2023, 3, 1),
        )
        facts = case_facts(case, D(2023, 3, 15))
        assert facts.introduction.introducers[0].official_since is None
        findings = services.case_check(case=case, kind=K.CELL_RESOLUTION, occurred_on=D(2023, 3, 15), data={})
        not_official = next(f for f in findings if f.code == "introducer.not_official")
        assert not_official.satisfiable_on == D(2023, 6, 1)

    def test_replacement_introducer_is_exempt_from_twelve_months(self) -> None:
        case = open_case(self.w)
        first = services.introducer_add(
            actor=self.w.editor_a,
            case=case,
            member=self.members[0],
            basis="work",
            together_since=D(2020, 1, 1),
            introduced_on=D(2023, 3, 1),
        )
        services.introducer_replace(
            actor=self.w.editor_a, introducer=first, new_member=self.members[1], on=D(2023, 3, 5)
        )
        introducers = case_facts(case, D(2023, 3, 15)).introduction.introducers
        assert [(i.key, i.replacement) for i in introducers] == [(self.members[1].full_name, True)]
        codes = {f.code for f in services.case_check(case=case, kind=K.CELL_RESOLUTION, occurred_on=D(2023, 3, 15))}
        assert "introducer.not_long_enough" not in codes

    def test_votes_decision_and_authority_from_the_steps(self) -> None:
        case = record_until(open_case(self.w), K.DECISION, actor=self.w.editor_a)
        facts = case_facts(case, D(2023, 5, 1))
        assert (facts.cell_vote.official_members, facts.cell_vote.in_favour) == (6, 6)
        assert (facts.committee_vote.members_total, facts.committee_vote.in_favour) == (9, 8)
        assert facts.decision.decided_on == D(2023, 4, 20)
        assert (facts.upper, facts.decision.body) == (UpperKind.DISTRICT, Body.UPPER_STANDING_COMMITTEE)
        assert facts.ceremony.decision_received_on == D(2023, 4, 20)
        # Relatives are keyed by their place in the list (father, mother), never by name.
        assert {r.key: r.verified_on for r in facts.relatives} == {"#1": D(2023, 2, 15), "#2": D(2023, 2, 15)}
        assert facts.pinned_editions[0] == ("cell_review", "QD24-2021")

    def test_pending_step_and_extension(self) -> None:
        case = record_until(open_case(self.w), K.GRASSROOTS_RESOLUTION, actor=self.w.editor_a)
        data = {"extension_working_days": 20, "extension_reason": "Chờ thẩm tra bổ sung"}
        rows = with_step(step_rows(case), StepRow(K.DECISION, D(2023, 7, 1), data))
        decision = case_facts(case, D(2023, 7, 1), steps=rows).decision
        assert (decision.extension_working_days, decision.extension_reason) == (20, "Chờ thẩm tra bổ sung")

    def test_default_vote_data_from_the_rolls(self) -> None:
        away, exempted = self.members[4], self.members[5]
        add_events(away, ("temporary_out", D(2023, 1, 1), {"other_organization": self.w.cell_b}))
        add_events(exempted, ("exempted", D(2023, 1, 1)))
        case = open_case(self.w)
        data = default_step_data(K.CELL_RESOLUTION, case, D(2023, 3, 15))
        # Six official members (the exempted one included, the probationary one not).
        assert data == {"official_members": 6, "temporarily_away": 1, "exempted_absent": 1}
        assert default_step_data(K.APPLICATION, case, D(2023, 3, 15)) == {}
