"""Whole cases through the services: from the source to the party card, and to removal."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from ketnap.admission import selectors, services, source
from ketnap.admission.models import HelperAssignment, Origin, Outcome, Prospect
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.tests.factories import record, staff_cell, step_data
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import build_world, make_person
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.status import EventKind, party_age

D = dt.date
K = StepKind


class FromSourceToCardTests(TestCase):
    """A village youth in cell A, 2022–2024 under QĐ 24, decided by the district standing
    committee; the recognition decision comes late, the official date does not move."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.members = staff_cell(cls.w.cell_a, 6)
        services.authority_set(
            actor=cls.w.admin,
            organization=cls.w.province_a,
            body="upper_standing_committee",
            deciding_organization=cls.w.district_a,
            upper_kind="district",
            valid_from=D(2016, 1, 1),
        )

    def test_source_to_party_card(self) -> None:
        editor, w = self.w.editor_a, self.w
        person = make_person(
            w.cell_a, family="Lò", middle="Văn", given="Pâng", birth_date=D(1998, 4, 2), youth_union_member=True
        )
        # The source: outstanding mass member, sympathiser list, helper, a test task, progress notes.
        prospect = source.prospect_add(
            actor=editor, person=person, cell=w.cell_a, origin=Origin.YOUTH_UNION, noted_on=D(2022, 1, 5)
        )
        source.sympathiser_list(actor=editor, prospect=prospect, on=D(2022, 2, 10), resolution="02-NQ/CB")
        source.helper_assign(actor=editor, prospect=prospect, helper=self.members[0], on=D(2022, 2, 10))
        task = source.test_task_assign(
            actor=editor, prospect=prospect, assigned_on=D(2022, 3, 1), description="Phụ trách đội thanh niên"
        )
        source.test_task_complete(actor=editor, task=task, completed_on=D(2022, 9, 1), result="Hoàn thành tốt")
        source.progress_note_add(
            actor=editor, prospect=prospect, meeting_on=D(2022, 6, 5), reported_by=self.members[0], text="Tiến bộ"
        )
        services.certificate_record(actor=editor, person=person, issued_on=D(2022, 11, 15), number="CN-77")
        case = services.case_open(actor=editor, person=person, cell=w.cell_a, opened_on=D(2023, 1, 10))
        source.prospect_leave(actor=editor, prospect=prospect, on=D(2023, 1, 10))
        assert case.stage == Stage.DOSSIER

        # The dossier: application, history, verification, introducers, comments.
        for kind in (K.APPLICATION, K.PERSONAL_HISTORY, K.HISTORY_STAMPED):
            record(case, kind, actor=editor)
        father = services.relative_add(actor=editor, case=case, full_name="Lò Văn Cha", relation="father")
        request = services.verification_request_add(
            actor=editor, case=case, relative=father, addressee="Đảng ủy xã B", sent_on=D(2023, 1, 26)
        )
        services.verification_reply_record(actor=editor, request=request, replied_on=D(2023, 2, 15), result="Tốt")
        for kind in (K.VERIFICATION_CONCLUDED, K.HISTORY_CERTIFIED):
            record(case, kind, actor=editor)
        for member in self.members[:2]:
            services.introducer_add(
                actor=editor,
                case=case,
                member=member,
                basis="work",
                together_since=D(2021, 1, 1),
                introduced_on=D(2023, 3, 1),
            )
        # A youth-age candidate where a Youth Union exists: the Union's resolution too.
        record(case, K.UNION_INTRODUCTION, actor=editor, occurred_on=D(2023, 2, 28), document_number="3-NQ/ĐTN")
        for kind in (K.INTRODUCTION, K.ORGANISATION_COMMENTS, K.RESIDENCE_COMMENT, K.COMMENTS_SUMMARY):
            record(case, kind, actor=editor)
        case.refresh_from_db()
        assert case.stage == Stage.CELL

        # Cell resolution with 2/3: 6 official members, 4 in favour is enough.
        cell_step = record(
            case,
            K.CELL_RESOLUTION,
            actor=editor,
            data={**step_data(case, K.CELL_RESOLUTION, D(2023, 3, 15)), "in_favour": 4},
        )
        assert cell_step.data["official_members"] == 6
        assert not [f for f in cell_step.findings if f["blocking"]]
        case.refresh_from_db()
        assert case.stage == Stage.COMMITTEE
        record(case, K.GRASSROOTS_RESOLUTION, actor=editor)
        decision = record(case, K.DECISION, actor=editor)
        assert decision.edition == "QD24-2021"
        case.refresh_from_db()
        # Judged today, long after: the ceremony deadline (from the decision date, no receipt yet) is past.
        assert (case.stage, case.due_code) == (Stage.CEREMONY, "ceremony.overdue")
        record(case, K.DECISION_RECEIVED, actor=editor)
        ceremony = record(case, K.CEREMONY, actor=editor)
        assert HelperAssignment.objects.get(case=case).helper == self.members[0]
        for kind in (K.MEMBER_HISTORY, K.NEW_MEMBER_CLASS):
            record(case, kind, actor=editor)
        # Probation: self-review, helper's comment, comments, cell and committee resolutions.
        for kind in (K.SELF_REVIEW, K.HELPER_COMMENT, K.PROBATION_COMMENTS, K.RECOGNITION_RESOLUTION):
            record(case, kind, actor=editor)
        record(case, K.RECOGNITION_GRASSROOTS_RESOLUTION, actor=editor)
        # The decision comes three months after the cell: late, still recorded, with a warning.
        late = record(case, K.RECOGNITION_DECISION, actor=editor, occurred_on=D(2024, 8, 26))
        assert "recognition_decision.late" in {f["code"] for f in late.findings}
        record(case, K.PARTY_CARD, actor=editor, occurred_on=D(2024, 9, 10))

        case.refresh_from_db()
        assert (case.stage, case.outcome, case.closed_on) == (Stage.CLOSED, Outcome.RECOGNIZED, D(2024, 9, 10))
        assert ceremony.occurred_on == D(2023, 5, 10)
        recognized = MembershipEvent.objects.get(person=person, kind=EventKind.RECOGNIZED)
        assert recognized.effective_date == D(2024, 5, 10)  # ceremony + 12 months, not the late decision
        periods = list(StatusPeriod.objects.filter(person=person).order_by("start").values_list("status", "start"))
        assert periods == [
            ("candidate", D(2023, 4, 20)),
            ("probationary", D(2023, 5, 10)),
            ("official", D(2024, 8, 26)),
        ]
        age = party_age([e.as_event() for e in person.events.all()], D(2026, 4, 20))
        assert (age.since, age.years) == (D(2023, 4, 20), 3)
        assert case.pinned_editions == {
            "cell_review": "QD24-2021",
            "grassroots_review": "QD24-2021",
            "decision": "QD24-2021",
            "ceremony": "QD24-2021",
            "probation": "QD24-2021",
            "recognition_review": "QD24-2021",
            "recognition_grassroots_review": "QD24-2021",
            "recognition_decision": "QD24-2021",
            "card": "QD24-2021",
        }
        actions = set(
            AuditEntry.objects.filter(organization_path__startswith=w.cell_a.path).values_list("action", flat=True)
        )
        assert {
            "case.open",
            "case.step",
            "event.admitted",
            "event.ceremony",
            "event.recognized",
            "prospect.add",
        } <= actions
        assert AuditEntry.objects.filter(action="case.step", object_id=str(case.pk)).count() == 24
        assert not Prospect.objects.filter(person=person, left_on__isnull=True).exists()
        assert selectors.case_findings(case, D(2026, 1, 1)) == []


class ToRemovalTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 5)

    def test_not_qualified_leads_to_removal_from_the_rolls(self) -> None:
        from ketnap.admission.tests.factories import open_case, record_until

        editor = self.w.editor_a
        case = record_until(open_case(self.w), K.PROBATION_COMMENTS, actor=editor)
        on = D(2024, 5, 20)
        data = {**step_data(case, K.RECOGNITION_RESOLUTION, on), "qualified": False}
        record(case, K.RECOGNITION_RESOLUTION, actor=editor, occurred_on=on, data=data)
        case.refresh_from_db()
        assert selectors.order_problem(case, K.RECOGNITION_DECISION) == "not_qualified"
        record(case, K.RECOGNITION_GRASSROOTS_RESOLUTION, actor=editor, occurred_on=D(2024, 5, 28))
        record(case, K.REMOVAL_DECISION, actor=editor, occurred_on=D(2024, 6, 10))
        case.refresh_from_db()
        assert (case.outcome, case.stage, case.closed_on) == (Outcome.REMOVED, Stage.CLOSED, D(2024, 6, 10))
        assert StatusPeriod.objects.as_of(D(2024, 6, 10)).filter(person=case.person).count() == 0
        assert StatusPeriod.objects.get(person=case.person, status="probationary").end == D(2024, 6, 10)
        assert MembershipEvent.objects.filter(person=case.person, kind=EventKind.REMOVED).exists()
