"""Membership events through the service: periods rebuilt, corrections kept, transfer scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.errors import NotFound, OutOfScope, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.core.testing import build_world, make_member, make_org, make_person
from ketnap.organizations.models import OrgKind
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.services import event_record
from ketnap.people.status import EventKind as K

D = dt.date
TODAY = D(2026, 11, 1)


def current(person) -> StatusPeriod | None:
    return StatusPeriod.objects.as_of(TODAY).filter(person=person).first()


class EventKindTests(TestCase):
    """Each kind of event, recorded by the editor of province A, rebuilds the periods."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.cell_a2 = make_org(cls.w.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL)
        cls.member = make_member(cls.w.cell_a)

    def record(self, kind, date, person=None, **kwargs) -> MembershipEvent:
        return event_record(actor=self.w.editor_a, person=person or self.member, kind=kind, date=date, **kwargs)

    def test_admission_ceremony_and_recognition(self) -> None:
        person = make_person(self.w.cell_a)
        assert current(person) is None
        self.record(K.ADMITTED, D(2024, 8, 25), person, organization=self.w.cell_a)
        assert current(person).status == "candidate"
        self.record(K.CEREMONY, D(2024, 9, 15), person, organization=self.w.cell_a)
        assert current(person).status == "probationary"
        self.record(K.RECOGNIZED, D(2025, 9, 20), person, effective_date=D(2025, 9, 15))
        assert current(person).status == "official"
        assert StatusPeriod.objects.get(person=person, status="probationary").end == D(2025, 9, 20)

    def test_transfer_within_scope_moves_the_member(self) -> None:
        self.record(K.TRANSFERRED_OUT, D(2025, 1, 1), organization=self.w.cell_a, other_organization=self.cell_a2)
        self.record(K.TRANSFERRED_IN, D(2025, 1, 10), organization=self.cell_a2)
        assert current(self.member).organization_id == self.cell_a2.pk
        self.member.refresh_from_db()
        assert self.member.organization_id == self.cell_a2.pk

    def test_transfer_in_with_arrival_status(self) -> None:
        person = make_person(self.w.cell_a)
        self.record(K.TRANSFERRED_IN, D(2025, 2, 1), person, organization=self.w.cell_a, arrives_as="probationary")
        assert (current(person).status, current(person).organization_id) == ("probationary", self.w.cell_a.pk)

    def test_temporary_activity_and_return(self) -> None:
        self.record(K.TEMPORARY_OUT, D(2025, 3, 1), other_organization=self.w.cell_b)
        period = current(self.member)
        assert (period.organization_id, period.host_organization_id) == (self.w.cell_a.pk, self.w.cell_b.pk)
        self.record(K.TEMPORARY_RETURN, D(2025, 9, 1))
        assert current(self.member).host_organization_id is None

    def test_exemption_and_its_end(self) -> None:
        self.record(K.EXEMPTED, D(2024, 1, 1))
        assert current(self.member).status == "exempted"
        self.record(K.EXEMPTION_ENDED, D(2025, 1, 1))
        assert current(self.member).status == "official"

    def test_removal_then_readmission(self) -> None:
        self.record(K.REMOVED, D(2020, 1, 1))
        assert current(self.member) is None
        self.record(K.READMITTED, D(2024, 1, 1), organization=self.w.cell_a)
        assert current(self.member).status == "candidate"

    def test_expulsion_and_death_end_membership(self) -> None:
        other = make_member(self.w.cell_a, given="Hai")
        self.record(K.EXPELLED, D(2024, 5, 1))
        self.record(K.DIED, D(2025, 5, 1), other)
        assert current(self.member) is None
        assert current(other) is None
        assert StatusPeriod.objects.get(person=other, end=D(2025, 5, 1)).status == "official"

    def test_every_event_is_audited_with_before_and_after(self) -> None:
        event = self.record(K.EXEMPTED, D(2024, 1, 1), document_number="12-QĐ/ĐU")
        entry = AuditEntry.objects.get(action="event.exempted")
        assert entry.actor == self.w.editor_a
        assert entry.object_id == str(event.pk)
        assert entry.before["periods"][-1][0] == "official"
        assert entry.after["periods"][-1][0] == "exempted"
        assert entry.after["event"]["document_number"] == "12-QĐ/ĐU"
        assert entry.organization_path == self.w.cell_a.path

    def test_event_in_an_organization_not_open_that_day_is_refused(self) -> None:
        later = make_org(self.w.commune_a, "chi-bo-sau", OrgKind.SUBORDINATE_CELL, valid_from=D(2025, 1, 1))
        person = make_person(self.w.cell_a)
        with pytest.raises(ValidationFailed):
            self.record(K.ADMITTED, D(2024, 6, 1), person, organization=later)


class CorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.member = make_member(cls.w.cell_a, ceremony=D(2023, 3, 1))
        cls.recognized = cls.member.events.get(kind="recognized")

    def record(self, kind, date, **kwargs) -> MembershipEvent:
        return event_record(actor=self.w.editor_a, person=self.member, kind=kind, date=date, **kwargs)

    def test_void_annuls_but_keeps_the_event(self) -> None:
        void = self.record(K.VOID, D(2024, 5, 1), supersedes=self.recognized, note="ghi nhầm")
        assert current(self.member).status == "probationary"
        assert MembershipEvent.objects.filter(pk=self.recognized.pk).exists()
        assert void.supersedes_id == self.recognized.pk

    def test_correction_replaces_the_date_and_keeps_history(self) -> None:
        self.record(K.RECOGNIZED, D(2024, 4, 1), supersedes=self.recognized, effective_date=D(2024, 3, 1))
        assert StatusPeriod.objects.get(person=self.member, status="official").start == D(2024, 4, 1)
        assert self.member.events.filter(kind="recognized").count() == 2

    def test_an_event_can_be_superseded_only_once(self) -> None:
        self.record(K.VOID, D(2024, 5, 1), supersedes=self.recognized)
        events = MembershipEvent.objects.count()
        with pytest.raises(TransitionNotAllowed):
            self.record(K.RECOGNIZED, D(2024, 6, 1), supersedes=self.recognized)
        assert MembershipEvent.objects.count() == events

    def test_a_void_cannot_itself_be_superseded(self) -> None:
        void = self.record(K.VOID, D(2024, 5, 1), supersedes=self.recognized)
        with pytest.raises(TransitionNotAllowed):
            self.record(K.VOID, D(2024, 6, 1), supersedes=void)

    def test_void_must_name_the_event(self) -> None:
        with pytest.raises(ValidationFailed):
            self.record(K.VOID, D(2024, 5, 1))

    def test_cannot_supersede_another_persons_event(self) -> None:
        other = make_member(self.w.cell_a, given="Khác")
        with pytest.raises(TransitionNotAllowed):
            event_record(
                actor=self.w.editor_a, person=other, kind=K.VOID, date=D(2024, 5, 1), supersedes=self.recognized
            )


class TransferScopeTests(TestCase):
    """The rule: the actor edits the person and the organization on their own side;
    the far side of a transfer out may be anywhere; the result must stay in scope
    unless the event is the transfer out that sends the member to its destination."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.member = make_member(cls.w.cell_a)

    def counts(self) -> tuple[int, int, int]:
        return MembershipEvent.objects.count(), AuditEntry.objects.count(), StatusPeriod.objects.count()

    def transfer_out_to_b(self) -> MembershipEvent:
        return event_record(
            actor=self.w.editor_a,
            person=self.member,
            kind=K.TRANSFERRED_OUT,
            date=D(2025, 3, 1),
            organization=self.w.cell_a,
            other_organization=self.w.cell_b,
        )

    def test_editor_may_transfer_a_member_out_of_their_scope(self) -> None:
        self.transfer_out_to_b()
        self.member.refresh_from_db()
        assert self.member.organization_id == self.w.cell_b.pk
        assert not policy.can(self.w.editor_a, Action.VIEW, self.member)
        # The audit row stays on the sending side, so the sender still sees what they did.
        entry = AuditEntry.objects.get(action="event.transferred_out")
        assert policy.can(self.w.editor_a, Action.VIEW, entry)

    def test_after_the_transfer_out_the_sender_no_longer_finds_the_member(self) -> None:
        self.transfer_out_to_b()
        with pytest.raises(NotFound):
            event_record(actor=self.w.editor_a, person=self.member, kind=K.EXEMPTED, date=D(2025, 6, 1))

    def test_receiving_side_records_the_transfer_in(self) -> None:
        self.transfer_out_to_b()
        event_record(
            actor=self.w.outsider_b,
            person=self.member,
            kind=K.TRANSFERRED_IN,
            date=D(2025, 3, 20),
            organization=self.w.cell_b,
        )
        assert current(self.member).organization_id == self.w.cell_b.pk

    def test_editor_may_not_transfer_in_to_an_organization_outside_scope(self) -> None:
        before = self.counts()
        with pytest.raises(OutOfScope):
            event_record(
                actor=self.w.editor_a,
                person=self.member,
                kind=K.TRANSFERRED_IN,
                date=D(2025, 3, 1),
                organization=self.w.cell_b,
            )
        assert self.counts() == before
        self.member.refresh_from_db()
        assert self.member.organization_id == self.w.cell_a.pk

    def test_transfer_out_must_leave_from_an_organization_in_scope(self) -> None:
        with pytest.raises(OutOfScope):
            event_record(
                actor=self.w.editor_a,
                person=self.member,
                kind=K.TRANSFERRED_OUT,
                date=D(2025, 3, 1),
                organization=self.w.cell_b,
                other_organization=self.w.cell_a,
            )

    def test_correction_that_pulls_a_member_back_out_of_scope_is_refused(self) -> None:
        out = self.transfer_out_to_b()
        before = self.counts()
        # Province B may not undo A's transfer: the member would land back in A.
        with pytest.raises(OutOfScope):
            event_record(actor=self.w.outsider_b, person=self.member, kind=K.VOID, date=D(2025, 4, 1), supersedes=out)
        assert self.counts() == before
        # An administrator above both sides may.
        event_record(actor=self.w.admin, person=self.member, kind=K.VOID, date=D(2025, 4, 1), supersedes=out)
        self.member.refresh_from_db()
        assert self.member.organization_id == self.w.cell_a.pk

    def test_outsider_gets_not_found_and_viewer_permission_denied(self) -> None:
        with pytest.raises(NotFound):
            event_record(actor=self.w.outsider_b, person=self.member, kind=K.EXEMPTED, date=D(2025, 1, 1))
        with pytest.raises(PermissionDenied):
            event_record(actor=self.w.viewer_commune_a, person=self.member, kind=K.EXEMPTED, date=D(2025, 1, 1))
        with pytest.raises(NotFound):
            event_record(actor=self.w.nobody, person=self.member, kind=K.EXEMPTED, date=D(2025, 1, 1))
