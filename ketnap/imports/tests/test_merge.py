"""Merging two records of one person keeps both histories, audited; refused when the
histories cover the same days or the citizen IDs differ, or out of the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, TransitionNotAllowed
from ketnap.core.testing import add_events, build_world, make_member, make_person
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.people.services import person_merge

D = dt.date


class MergeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def two_records(self) -> tuple[Person, Person]:
        keep = make_member(self.w.cell_a, ceremony=D(2015, 3, 1))
        drop = make_person(self.w.cell_a, citizen_id="001090000123", hometown="Mường Lý")
        add_events(drop, ("admitted", D(2008, 1, 1)), ("ceremony", D(2008, 1, 20)), ("removed", D(2010, 5, 5)))
        return keep, drop

    def test_merge_keeps_both_histories_and_is_audited(self) -> None:
        keep, drop = self.two_records()
        kinds = sorted(MembershipEvent.objects.filter(person__in=[keep, drop]).values_list("kind", flat=True))
        merged = person_merge(actor=self.w.editor_a, keep=keep, drop=drop)
        assert not Person.objects.filter(pk=drop.pk).exists()
        assert sorted(merged.events.values_list("kind", flat=True)) == kinds
        starts = list(StatusPeriod.objects.filter(person=merged).order_by("start").values_list("start", flat=True))
        assert starts[0] == D(2008, 1, 1) and D(2015, 3, 1) in starts
        assert (merged.citizen_id, merged.hometown) == ("001090000123", "Mường Lý")
        entry = AuditEntry.objects.get(action="person.merge")
        assert entry.before["merged"]["person"]["id"] == drop.pk
        assert len(entry.before["merged"]["events"]) == 3 and len(entry.before["kept"]["events"]) == 3

    def test_overlapping_histories_are_refused_saying_why(self) -> None:
        keep = make_member(self.w.cell_a, ceremony=D(2015, 3, 1))
        drop = make_member(self.w.cell_a, ceremony=D(2016, 3, 1), given="Bình")
        with pytest.raises(TransitionNotAllowed) as refused:
            person_merge(actor=self.w.editor_a, keep=keep, drop=drop)
        assert "cả hai hồ sơ đều có quá trình đảng tịch vào ngày 10/02/2016" in str(refused.value.message)
        assert Person.objects.filter(pk=drop.pk).exists()
        assert not AuditEntry.objects.filter(action="person.merge").exists()

    def test_different_citizen_ids_are_refused(self) -> None:
        keep = make_person(self.w.cell_a, citizen_id="001090000123")
        drop = make_person(self.w.cell_a, citizen_id="001090000124")
        with pytest.raises(TransitionNotAllowed):
            person_merge(actor=self.w.editor_a, keep=keep, drop=drop)

    def test_a_record_outside_the_scope_is_not_found(self) -> None:
        keep = make_person(self.w.cell_a)
        drop = make_person(self.w.cell_b)
        with pytest.raises(NotFound):
            person_merge(actor=self.w.editor_a, keep=keep, drop=drop)
        assert Person.objects.filter(pk=drop.pk).exists()
