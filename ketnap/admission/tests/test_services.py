"""Recording steps: the rules refuse, approvers override, stale forms and wrong order are
refused plainly, corrections supersede, and the policy is asked every time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import TestCase

from ketnap.admission import selectors, services
from ketnap.admission.errors import StaleCase, StepBlocked, StepOutOfOrder
from ketnap.admission.models import AdmissionCase, CaseStep
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.tests.factories import open_case, record, record_until, staff_cell, step_date
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.testing import add_events, build_world, make_member, make_person, make_user
from ketnap.organizations.models import Locality
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.status import EventKind

D = dt.date
K = StepKind


class StepRulesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)
        cls.approver = make_user("approver_a", (cls.w.province_a, "approver"))

    def no_certificate_case(self) -> AdmissionCase:
        return record_until(open_case(self.w, certificate_on=None), K.COMMENTS_SUMMARY, actor=self.w.editor_a)

    def test_blocking_findings_refuse_the_step(self) -> None:
        case = self.no_certificate_case()
        with pytest.raises(StepBlocked) as refused:
            record(case, K.CELL_RESOLUTION, actor=self.w.editor_a)
        assert "certificate.missing" in {f.code for f in refused.value.blocking}
        assert not CaseStep.objects.filter(case=case, kind=K.CELL_RESOLUTION).exists()

    def test_case_check_shows_the_findings_without_writing(self) -> None:
        case = self.no_certificate_case()
        findings = services.case_check(case=case, kind=K.CELL_RESOLUTION, occurred_on=D(2023, 3, 15), data={})
        assert "certificate.missing" in {f.code for f in findings}
        assert case.steps.count() == AdmissionCase.objects.get(pk=case.pk).steps.count()

    def test_approver_override_is_recorded_and_audited(self) -> None:
        case = self.no_certificate_case()
        step = record(case, K.CELL_RESOLUTION, actor=self.approver, override_reason="Giấy chứng nhận bị thất lạc")
        assert step.override_reason == "Giấy chứng nhận bị thất lạc"
        assert "certificate.missing" in {f["code"] for f in step.findings}
        entry = AuditEntry.objects.get(action="case.override", object_id=str(step.pk))
        assert entry.reason == "Giấy chứng nhận bị thất lạc" and entry.actor == self.approver

    def test_editor_cannot_override(self) -> None:
        case = self.no_certificate_case()
        with pytest.raises(PermissionDenied):
            record(case, K.CELL_RESOLUTION, actor=self.w.editor_a, override_reason="Xin bỏ qua")

    def test_vote_below_two_thirds_blocks(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        data = {"official_members": 6, "in_favour": 3}
        with pytest.raises(StepBlocked) as refused:
            record(case, K.CELL_RESOLUTION, actor=self.w.editor_a, data=data)
        assert [f.code for f in refused.value.blocking] == ["cell_vote.not_passed"]

    def test_vote_data_is_required(self) -> None:
        case = record_until(open_case(self.w), K.COMMENTS_SUMMARY, actor=self.w.editor_a)
        with pytest.raises(ValidationFailed) as refused:
            record(case, K.CELL_RESOLUTION, actor=self.w.editor_a, data={})
        assert "data.in_favour" in refused.value.errors


class OrderAndVersionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_step_before_its_prerequisites_is_refused(self) -> None:
        case = open_case(self.w)
        with pytest.raises(StepOutOfOrder, match="Quyết định kết nạp"):
            record(case, K.DECISION, actor=self.w.editor_a)

    def test_same_step_twice_needs_a_correction(self) -> None:
        case = open_case(self.w)
        record(case, K.APPLICATION, actor=self.w.editor_a)
        with pytest.raises(StepOutOfOrder, match="đính chính"):
            record(case, K.APPLICATION, actor=self.w.editor_a)

    def test_step_dated_before_its_prerequisite_is_refused(self) -> None:
        case = open_case(self.w)
        record(case, K.PERSONAL_HISTORY, actor=self.w.editor_a, occurred_on=D(2023, 2, 1))
        with pytest.raises(StepOutOfOrder):
            record(case, K.HISTORY_STAMPED, actor=self.w.editor_a, occurred_on=D(2023, 1, 20))

    def test_future_date_is_refused(self) -> None:
        case = open_case(self.w)
        with pytest.raises(ValidationFailed):
            record(case, K.APPLICATION, actor=self.w.editor_a, occurred_on=D(2099, 1, 1))

    def test_stale_version_is_refused_plainly(self) -> None:
        case = open_case(self.w)
        seen = case.version
        record(case, K.APPLICATION, actor=self.w.editor_a, expected_version=seen)
        with pytest.raises(StaleCase) as stale:
            record(case, K.PERSONAL_HISTORY, actor=self.w.editor_a, expected_version=seen)
        assert "editor_a đã ghi “Đơn xin vào Đảng”" in str(stale.value.message)
        assert AdmissionCase.objects.get(pk=case.pk).version == seen + 1

    def test_withdrawal_closes_and_is_refused_after_the_decision(self) -> None:
        case = open_case(self.w)
        record(case, K.WITHDRAWN, actor=self.w.editor_a, occurred_on=D(2023, 2, 1))
        case.refresh_from_db()
        assert (case.stage, case.outcome, case.closed_on) == (Stage.CLOSED, "withdrawn", D(2023, 2, 1))
        decided = record_until(open_case(self.w), K.DECISION, actor=self.w.editor_a)
        with pytest.raises(StepOutOfOrder):
            record(decided, K.WITHDRAWN, actor=self.w.editor_a, occurred_on=D(2023, 6, 1))


class CorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_correction_supersedes_and_keeps_history(self) -> None:
        case = record_until(open_case(self.w), K.DECISION, actor=self.w.editor_a)
        old = CaseStep.objects.get(case=case, kind=K.DECISION)
        new = services.step_correct(actor=self.w.editor_a, step=old, reason="Ghi nhầm ngày", occurred_on=D(2023, 4, 21))
        assert new.supersedes == old and CaseStep.objects.filter(pk=old.pk).exists()
        assert new.membership_event.supersedes == old.membership_event
        candidate = StatusPeriod.objects.get(person=case.person, status="candidate")
        assert candidate.start == D(2023, 4, 21)
        timeline = selectors.case_timeline(case)
        assert [(r.kind, r.superseded) for r in timeline if r.kind == K.DECISION] == [
            ("decision", True),
            ("decision", False),
        ]
        assert AuditEntry.objects.filter(action="case.step_correct", object_id=str(case.pk)).exists()
        with pytest.raises(TransitionNotAllowed):
            services.step_correct(actor=self.w.editor_a, step=old, reason="Lần nữa", occurred_on=D(2023, 4, 22))

    def test_void_annuls_the_step_and_its_event(self) -> None:
        case = record_until(open_case(self.w), K.DECISION, actor=self.w.editor_a)
        decision = CaseStep.objects.get(case=case, kind=K.DECISION)
        services.step_void(actor=self.w.editor_a, step=decision, reason="Ghi nhầm hồ sơ")
        assert not StatusPeriod.objects.filter(person=case.person).exists()
        assert MembershipEvent.objects.filter(person=case.person, kind=EventKind.VOID).count() == 1
        case.refresh_from_db()
        assert case.stage == Stage.DECISION and K.DECISION not in selectors.effective_kinds(case)

    def test_void_is_refused_while_later_steps_depend_on_it(self) -> None:
        case = record_until(open_case(self.w), K.CEREMONY, actor=self.w.editor_a)
        decision = CaseStep.objects.get(case=case, kind=K.DECISION)
        with pytest.raises(TransitionNotAllowed):
            services.step_void(actor=self.w.editor_a, step=decision, reason="Nhầm")


class ScopeTests(TestCase):
    """Each write three ways: no role, role in scope, role on a sibling."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)
        cls.case = open_case(cls.w)

    def test_no_role_sees_nothing(self) -> None:
        with pytest.raises(NotFound):
            record(self.case, K.APPLICATION, actor=self.w.nobody)
        with pytest.raises(NotFound):
            selectors.case_get(self.w.nobody, self.case.pk)

    def test_editor_in_scope_records(self) -> None:
        assert record(self.case, K.APPLICATION, actor=self.w.editor_a).recorded_by == self.w.editor_a
        assert selectors.case_get(self.w.editor_a, self.case.pk) == self.case

    def test_sibling_admin_gets_not_found(self) -> None:
        with pytest.raises(NotFound):
            record(self.case, K.APPLICATION, actor=self.w.outsider_b)
        assert not selectors.cases_visible(self.w.outsider_b).exists()

    def test_viewer_in_scope_is_denied(self) -> None:
        with pytest.raises(PermissionDenied):
            record(self.case, K.APPLICATION, actor=self.w.viewer_commune_a)


class OpenCaseTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_one_open_case_per_person(self) -> None:
        case = open_case(self.w)
        with pytest.raises(ValidationFailed, match="Dữ liệu") as refused:
            services.case_open(actor=self.w.editor_a, person=case.person, cell=self.w.cell_a, opened_on=D(2023, 2, 1))
        assert "person" in refused.value.errors
        with pytest.raises(IntegrityError), transaction.atomic():
            AdmissionCase.objects.create(person=case.person, cell=self.w.cell_a, opened_on=D(2023, 2, 1))

    def test_only_a_cell_valid_on_the_date(self) -> None:
        person = make_person(self.w.cell_a)
        with pytest.raises(ValidationFailed):
            services.case_open(actor=self.w.editor_a, person=person, cell=self.w.commune_a, opened_on=D(2023, 2, 1))

    def test_village_without_a_cell_goes_to_the_helping_cell(self) -> None:
        from ketnap.admission import source

        village = Locality.objects.create(
            code="ban-xa", name="Bản Xa", kind="hamlet", commune=self.w.commune_a, valid_from=D(2000, 1, 1)
        )
        source.helping_cell_assign(
            actor=self.w.editor_a, locality=village, cell=self.w.cell_a, valid_from=D(2022, 1, 1)
        )
        person = make_person(self.w.cell_a, residence_locality=village)
        case = services.case_open(actor=self.w.editor_a, person=person, opened_on=D(2023, 2, 1))
        assert case.cell == self.w.cell_a

    def test_members_cannot_be_admitted_again(self) -> None:
        member = staff_cell(self.w.cell_a, 1)[0]
        with pytest.raises(ValidationFailed):
            services.case_open(actor=self.w.editor_a, person=member, cell=self.w.cell_a, opened_on=D(2023, 2, 1))

    def test_open_is_audited_and_refreshed(self) -> None:
        case = open_case(self.w)
        assert case.stage == Stage.DOSSIER
        assert AuditEntry.objects.filter(action="case.open", object_id=str(case.pk)).exists()
        assert step_date(case, K.APPLICATION) == D(2023, 1, 15)


class CaseOpenPlacementTests(TestCase):
    """A case is read by those who see its cell, so it may only carry someone of that cell."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)
        cls.both = make_user("sua_hai_tinh", (cls.w.province_a, "editor"), (cls.w.province_b, "editor"))

    def test_an_editor_of_two_provinces_cannot_carry_a_person_across(self) -> None:
        stranger = make_person(self.w.cell_b, given="Lạ")
        with pytest.raises(ValidationFailed) as refused:
            services.case_open(actor=self.both, person=stranger, cell=self.w.cell_a, opened_on=D(2023, 2, 1))
        assert "không thuộc Chi bộ thôn A vào ngày mở hồ sơ" in refused.value.errors["person"][0]
        assert not AdmissionCase.objects.filter(person=stranger).exists()
        assert not AuditEntry.objects.filter(action="case.open").exists()

    def test_a_person_who_arrived_by_a_recorded_transfer_belongs(self) -> None:
        mover = make_member(self.w.cell_b, given="Chuyển")
        add_events(
            mover,
            ("transferred_out", D(2023, 6, 1), {"organization": self.w.cell_b, "other_organization": self.w.cell_a}),
            ("transferred_in", D(2023, 6, 1), {"organization": self.w.cell_a}),
        )
        assert selectors.person_placed_in(mover, self.w.cell_a, D(2023, 1, 10))  # before the transfer
        assert selectors.person_placed_in(mover, self.w.cell_b, D(2023, 1, 10))  # where they were that day
        stayer = make_member(self.w.cell_b, given="Ở")
        assert not selectors.person_placed_in(stayer, self.w.cell_a, D(2023, 1, 10))

    def test_reading_the_case_rechecks_the_person(self) -> None:
        stranger = make_person(self.w.cell_b, given="Lạ")
        case = AdmissionCase.objects.create(person=stranger, cell=self.w.cell_a, opened_on=D(2023, 2, 1))
        with pytest.raises(NotFound):
            selectors.case_get(self.w.viewer_commune_a, case.pk)
        assert not selectors.cases_visible(self.w.editor_a).filter(pk=case.pk).exists()
        assert selectors.case_get(self.both, case.pk) == case


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("official_date", "20230101", "không phải một ngày dạng YYYY-MM-DD"),
        ("official_date", "2023-02-31", "Ngày 2023-02-31 không tồn tại"),
        ("official_date", "9999-12-31", "nằm ngoài khoảng ngày được hỗ trợ"),
        ("official_date", 1700000000, "không phải một ngày dạng YYYY-MM-DD"),
        ("extension_reason", "x" * 1001, "Không được dài quá 1000 ký tự."),
    ],
)
def test_step_data_is_read_like_every_other_input(key, value, said):
    from ketnap.admission.services import _type_problem

    assert said in _type_problem(key, value)
    assert _type_problem("official_date", "2023-01-01") == ""
