"""The services keep the procedure whole: a decision needs a configured authority, the
history is certified after verification before the cell resolves, the step data has the
keys and types of its kind, the ceremony's helper follows its corrections, three failed
votes go up to the upper committee, an extension moves the deadline before the decision,
and the preview refuses what the save would refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.admission import selectors, services
from ketnap.admission.errors import StepBlocked, StepOutOfOrder
from ketnap.admission.models import AuthoritySetting, CaseStep, HelperAssignment
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.tests.factories import (
    official_members,
    open_case,
    record,
    record_until,
    staff_cell,
    step_data,
    step_date,
)
from ketnap.core.errors import ValidationFailed
from ketnap.core.testing import build_world, make_user

D = dt.date
K = StepKind


def codes(findings) -> set[str]:
    return {f.code for f in findings}


class AuthorityTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_a_decision_without_a_configured_authority_is_blocked(self) -> None:
        case = record_until(open_case(self.w), K.GRASSROOTS_RESOLUTION, actor=self.w.editor_a)
        AuthoritySetting.objects.all().delete()
        with pytest.raises(StepBlocked) as refused:
            record(case, K.DECISION, actor=self.w.editor_a)
        assert "authority.not_configured" in codes(refused.value.blocking)

    def test_with_an_authority_the_decision_is_recorded(self) -> None:
        case = record_until(open_case(self.w), K.DECISION, actor=self.w.editor_a)
        decision = CaseStep.objects.get(case=case, kind=K.DECISION)
        assert "authority.not_configured" not in {f["code"] for f in decision.findings}


class CellReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def check_cell(self, case):
        on = step_date(case, K.CELL_RESOLUTION)
        data = step_data(case, K.CELL_RESOLUTION, on)
        return services.case_check(
            case=case, kind=K.CELL_RESOLUTION, occurred_on=on, data=data, document_number="01-NQ/CB"
        )

    def test_history_not_certified_blocks_the_cell_resolution(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        assert not any(f.blocking for f in self.check_cell(case))
        certified = CaseStep.objects.get(case=case, kind=K.HISTORY_CERTIFIED)
        services.step_void(actor=self.w.editor_a, step=certified, reason="Ghi nhầm")
        found = [f for f in self.check_cell(case) if f.code == "history.not_certified"]
        assert found and found[0].blocking

    def test_a_required_relative_without_a_reply_blocks(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        services.relative_add(actor=self.w.editor_a, case=case, full_name="Lò Thị Vợ", relation="spouse")
        found = [f for f in self.check_cell(case) if f.code == "verification.missing"]
        assert found and found[0].blocking

    def test_no_parents_declared_is_a_warning(self) -> None:
        case = open_case(self.w)
        for kind in (K.APPLICATION, K.PERSONAL_HISTORY):
            record(case, kind, actor=self.w.editor_a)
        found = [f for f in self.check_cell(case) if f.code == "verification.parents_not_declared"]
        assert found and not found[0].blocking

    def test_dossier_steps_are_not_offered_after_the_cell_resolution(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        assert K.ORGANISATION_COMMENTS in {s.kind for s in selectors.steps_available(case)}
        record(case, K.CELL_RESOLUTION, actor=self.w.editor_a)
        available = {s.kind for s in selectors.steps_available(case)}
        assert not available & {K.ORGANISATION_COMMENTS, K.INTRODUCTION, K.UNION_INTRODUCTION}
        with pytest.raises(StepOutOfOrder):
            record(case, K.ORGANISATION_COMMENTS, actor=self.w.editor_a)

    def test_the_preview_reports_what_the_save_refuses(self) -> None:
        case = open_case(self.w)
        on = step_date(case, K.DECISION)
        findings = services.case_check(case=case, kind=K.DECISION, occurred_on=on, data={})
        [order] = [f for f in findings if f.code == "step.out_of_order"]
        assert order.blocking
        with pytest.raises(StepOutOfOrder):
            record(case, K.DECISION, actor=self.w.editor_a, occurred_on=on)


class StepDataTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def refused(self, case, kind, data, **kwargs) -> dict[str, list[str]]:
        with pytest.raises(ValidationFailed) as refused:
            record(case, kind, actor=self.w.editor_a, data=data, **kwargs)
        return refused.value.errors

    def test_unknown_keys_and_wrong_types_are_named(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        vote = step_data(case, K.CELL_RESOLUTION, step_date(case, K.CELL_RESOLUTION))
        assert set(self.refused(case, K.CELL_RESOLUTION, {**vote, "colour": "red"})) == {"data.colour"}
        assert set(self.refused(case, K.CELL_RESOLUTION, {**vote, "in_favour": "6"})) == {"data.in_favour"}
        assert set(self.refused(case, K.CELL_RESOLUTION, {**vote, "in_favour": True})) == {"data.in_favour"}
        assert set(self.refused(case, K.APPLICATION, {"qualified": True})) == {"data.qualified"}

    def test_vote_counts_must_be_consistent(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        base = {"official_members": 6, "in_favour": 4}
        # The away and the absent exempted: at most the official members (6 of 6 passes the check).
        errors = self.refused(case, K.CELL_RESOLUTION, {**base, "temporarily_away": 4, "exempted_absent": 3})
        assert set(errors) == {"data.exempted_absent"}
        # In favour: at most the members counted (6 - 2 = 4 passes, 5 does not).
        errors = self.refused(case, K.CELL_RESOLUTION, {**base, "in_favour": 5, "temporarily_away": 2})
        assert set(errors) == {"data.in_favour"} and "(4)" in errors["data.in_favour"][0]
        assert set(self.refused(case, K.CELL_RESOLUTION, {**base, "present": 7})) == {"data.present"}
        assert set(self.refused(case, K.CELL_RESOLUTION, {**base, "temporarily_away": -1})) == {"data.temporarily_away"}
        step = record(
            case, K.CELL_RESOLUTION, actor=self.w.editor_a, data={**base, "temporarily_away": 2, "present": 6}
        )
        assert step.data["in_favour"] == 4
        errors = self.refused(case, K.GRASSROOTS_RESOLUTION, {"members_total": 9, "in_favour": 10})
        assert set(errors) == {"data.in_favour"}

    def test_a_correction_with_a_bad_helper_is_refused_on_the_field(self) -> None:
        case = record_until(open_case(self.w), K.CEREMONY, actor=self.w.editor_a)
        ceremony = CaseStep.objects.get(case=case, kind=K.CEREMONY)
        with pytest.raises(ValidationFailed) as refused:
            services.step_correct(actor=self.w.editor_a, step=ceremony, reason="Sai", data={"helper_id": "abc"})
        assert set(refused.value.errors) == {"data.helper_id"}
        with pytest.raises(ValidationFailed) as refused:
            services.step_correct(actor=self.w.editor_a, step=ceremony, reason="Sai", data={"helper": 3})
        assert set(refused.value.errors) == {"data.helper"}


class HelperCorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_correcting_the_helper_closes_the_old_assignment_and_opens_the_new(self) -> None:
        case = record_until(open_case(self.w), K.CEREMONY, actor=self.w.editor_a)
        ceremony = CaseStep.objects.get(case=case, kind=K.CEREMONY)
        first, second = official_members(case.cell, ceremony.occurred_on)[:2]
        services.step_correct(actor=self.w.editor_a, step=ceremony, reason="Nhầm người", data={"helper_id": second.pk})
        old = HelperAssignment.objects.get(case=case, helper=first)
        new = HelperAssignment.objects.get(case=case, helper=second)
        assert old.valid_to is not None and old.valid_to > old.valid_from
        assert new.valid_to is None and new.valid_from == old.valid_to
        helper = selectors.case_facts_module.case_facts(case, new.valid_from).ceremony.helper
        assert helper.key == second.full_name and helper.assigned_on == ceremony.occurred_on

    def test_a_correction_keeping_the_helper_leaves_the_assignment(self) -> None:
        case = record_until(open_case(self.w), K.CEREMONY, actor=self.w.editor_a)
        ceremony = CaseStep.objects.get(case=case, kind=K.CEREMONY)
        services.step_correct(actor=self.w.editor_a, step=ceremony, reason="Số văn bản", document_number="9-NQ/CB")
        assert HelperAssignment.objects.filter(case=case, valid_to__isnull=True).count() == 1

    def test_voiding_the_ceremony_closes_its_helper_assignment(self) -> None:
        case = record_until(open_case(self.w), K.CEREMONY, actor=self.w.editor_a)
        ceremony = CaseStep.objects.get(case=case, kind=K.CEREMONY)
        services.step_void(actor=self.w.editor_a, step=ceremony, reason="Ghi nhầm")
        [assignment] = HelperAssignment.objects.filter(case=case)
        assert assignment.valid_to is not None


class EscalationTests(TestCase):
    """Three failed recognition votes go up to the upper committee (QĐ 29 4.2c)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)
        cls.approver = make_user("approver_a", (cls.w.province_a, "approver"))

    def failed_vote(self, case, on: dt.date) -> CaseStep:
        data = {**step_data(case, K.RECOGNITION_RESOLUTION, on), "in_favour": 2}
        return record(
            case, K.RECOGNITION_RESOLUTION, actor=self.approver, occurred_on=on, data=data, override_reason="Không đạt"
        )

    def test_escalation_after_three_failed_votes_and_the_removal_follows_it(self) -> None:
        case = record_until(open_case(self.w), K.PROBATION_COMMENTS, actor=self.w.editor_a)
        first = step_date(case, K.RECOGNITION_RESOLUTION)
        for n in range(2):
            self.failed_vote(case, first + dt.timedelta(days=7 * n))
        assert selectors.order_problem(case, K.ESCALATION) == "not_deadlocked"
        with pytest.raises(StepOutOfOrder):
            record(case, K.ESCALATION, actor=self.w.editor_a, data={"decision": "remove"}, document_number="3-BC")
        self.failed_vote(case, first + dt.timedelta(days=14))
        assert selectors.order_problem(case, K.ESCALATION) is None
        with pytest.raises(ValidationFailed) as errors:
            record(case, K.ESCALATION, actor=self.w.editor_a, data={})
        assert "data.decision" in errors.value.errors
        on = first + dt.timedelta(days=20)
        record(
            case, K.ESCALATION, actor=self.w.editor_a, occurred_on=on, data={"decision": "remove"}, document_number="3"
        )
        assert selectors.order_problem(case, K.RECOGNITION_DECISION) == "escalated_remove"
        assert selectors.order_problem(case, K.RECOGNITION_RESOLUTION) == "too_late"
        removal = record(case, K.REMOVAL_DECISION, actor=self.w.editor_a, occurred_on=on + dt.timedelta(days=5))
        found = {f["code"] for f in removal.findings}
        assert "recognition.escalated" in found and "cell_vote.not_passed" not in found
        case.refresh_from_db()
        assert case.stage == Stage.CLOSED

    def test_a_failed_last_vote_blocks_the_decision_without_escalation(self) -> None:
        case = record_until(open_case(self.w), K.PROBATION_COMMENTS, actor=self.w.editor_a)
        self.failed_vote(case, step_date(case, K.RECOGNITION_RESOLUTION))
        record(case, K.RECOGNITION_GRASSROOTS_RESOLUTION, actor=self.w.editor_a)
        with pytest.raises(StepBlocked) as refused:
            record(case, K.RECOGNITION_DECISION, actor=self.w.editor_a)
        assert "cell_vote.not_passed" in codes(refused.value.blocking)


class RecognitionCommitteeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_the_committee_vote_is_required_and_needs_two_thirds(self) -> None:
        case = record_until(open_case(self.w), K.RECOGNITION_RESOLUTION, actor=self.w.editor_a)
        with pytest.raises(ValidationFailed) as refused:
            record(case, K.RECOGNITION_GRASSROOTS_RESOLUTION, actor=self.w.editor_a, data={})
        assert {"data.members_total", "data.in_favour"} <= set(refused.value.errors)
        with pytest.raises(StepBlocked) as blocked:
            record(
                case,
                K.RECOGNITION_GRASSROOTS_RESOLUTION,
                actor=self.w.editor_a,
                data={"members_total": 9, "in_favour": 5},
            )
        assert "committee_vote.not_passed" in codes(blocked.value.blocking)
        record(
            case, K.RECOGNITION_GRASSROOTS_RESOLUTION, actor=self.w.editor_a, data={"members_total": 9, "in_favour": 6}
        )


class RemovalAndExtensionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def not_qualified(self):
        case = record_until(open_case(self.w), K.PROBATION_COMMENTS, actor=self.w.editor_a)
        on = step_date(case, K.RECOGNITION_RESOLUTION)
        data = {**step_data(case, K.RECOGNITION_RESOLUTION, on), "qualified": False}
        record(case, K.RECOGNITION_RESOLUTION, actor=self.w.editor_a, occurred_on=on, data=data)
        record(case, K.RECOGNITION_GRASSROOTS_RESOLUTION, actor=self.w.editor_a, occurred_on=on + dt.timedelta(days=3))
        return case, on

    def test_a_late_removal_decision_is_reported(self) -> None:
        case, on = self.not_qualified()
        late = record(case, K.REMOVAL_DECISION, actor=self.w.editor_a, occurred_on=on + dt.timedelta(days=80))
        assert "recognition_decision.late" in {f["code"] for f in late.findings}

    def test_an_extension_recorded_ahead_moves_the_due_date(self) -> None:
        case, on = self.not_qualified()
        case.refresh_from_db()
        before = case.due_on
        assert case.due_code == "recognition_decision.due" or case.due_code == "recognition_decision.overdue"
        record(
            case,
            K.DECISION_EXTENSION,
            actor=self.w.editor_a,
            occurred_on=on + dt.timedelta(days=10),
            data={"extension_working_days": 20, "extension_reason": "Chờ kết quả xác minh"},
            document_number="5-CV/HU",
        )
        case.refresh_from_db()
        assert case.due_on > before
        assert selectors.order_problem(case, K.DECISION_EXTENSION) == "already_recorded"
        removal = record(case, K.REMOVAL_DECISION, actor=self.w.editor_a, occurred_on=on + dt.timedelta(days=50))
        assert "recognition_decision.late" not in {f["code"] for f in removal.findings}

    def test_an_extension_needs_its_days_and_reason(self) -> None:
        case, _on = self.not_qualified()
        with pytest.raises(ValidationFailed) as refused:
            record(case, K.DECISION_EXTENSION, actor=self.w.editor_a, data={}, document_number="5")
        assert {"data.extension_working_days", "data.extension_reason"} <= set(refused.value.errors)
