"""The rules mended on their second reading, through the step service: a deciding
standing committee's majority, and a readmission's provincial agreement."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from ketnap.admission import services
from ketnap.admission.errors import StepBlocked
from ketnap.admission.models import CaseKind
from ketnap.admission.steps import StepKind as K
from ketnap.admission.tests.factories import open_case, record, record_until, step_data
from ketnap.core.errors import ValidationFailed
from ketnap.core.testing import add_events, build_world


class StandingCommitteeVoteTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def _decide(self, **vote: int):
        case = record_until(open_case(self.w), K.GRASSROOTS_RESOLUTION, actor=self.w.editor_a)
        on = case.steps.get(kind=K.CELL_RESOLUTION).occurred_on + dt.timedelta(days=20)
        return record(
            case, K.DECISION, actor=self.w.editor_a, occurred_on=on, data=step_data(case, K.DECISION, on) | vote
        )

    def test_more_than_half_of_the_standing_committee_passes(self):
        step = self._decide(standing_members_total=9, standing_in_favour=5)
        assert step.data["standing_in_favour"] == 5

    def test_half_or_less_is_refused_with_the_votes_named(self):
        with self.assertRaises(StepBlocked) as refused:
            self._decide(standing_members_total=8, standing_in_favour=4)
        assert [f.code for f in refused.exception.findings] == ["standing_vote.not_passed"]

    def test_counts_that_cannot_be_true_are_refused_field_by_field(self):
        with self.assertRaises(ValidationFailed) as refused:
            self._decide(standing_members_total=5, standing_in_favour=6)
        assert list(refused.exception.errors) == ["data.standing_in_favour"]
        with self.assertRaises(ValidationFailed) as refused:
            self._decide(standing_in_favour=3)
        assert list(refused.exception.errors) == ["data.standing_members_total"]


class ReadmissionAgreementTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def _readmission_case(self):
        case = open_case(self.w, birth_date=dt.date(1985, 3, 1))
        add_events(case.person, ("admitted", dt.date(2010, 1, 5)), ("removed", dt.date(2015, 2, 1)))
        case.kind = CaseKind.READMISSION
        case.save(update_fields=["kind"])
        return record_until(case, K.GRASSROOTS_RESOLUTION, actor=self.w.editor_a)

    def _decide(self, case, consent: dt.date | None):
        on = case.steps.get(kind=K.CELL_RESOLUTION).occurred_on + dt.timedelta(days=20)
        data = step_data(case, K.DECISION, on)
        if consent is not None:
            data["provincial_consent_on"] = consent.isoformat()
        return services.step_record(
            actor=self.w.editor_a, case=case, kind=K.DECISION, occurred_on=on, document_number="9-QĐ", data=data
        )

    def test_the_decision_needs_the_agreement_dated_on_or_before_it(self):
        case = self._readmission_case()
        decided = case.steps.get(kind=K.CELL_RESOLUTION).occurred_on + dt.timedelta(days=20)
        for consent in (None, decided + dt.timedelta(days=1)):
            with self.assertRaises(StepBlocked) as refused:
                self._decide(case, consent)
            assert "readmission.provincial_consent_missing" in [f.code for f in refused.exception.findings]
        assert self._decide(case, decided).data["provincial_consent_on"] == decided.isoformat()

    def test_a_first_admission_is_not_asked_for_it(self):
        case = record_until(open_case(self.w), K.GRASSROOTS_RESOLUTION, actor=self.w.editor_a)
        assert self._decide(case, None).kind == K.DECISION
