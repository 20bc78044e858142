"""Every record the policy is asked about declares where its organization path is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.core.testing import build_world, make_member
from ketnap.organizations.models import Locality, LocalityCell, Program, VillageHead
from ketnap.people.models import MembershipEvent, Position, StatusPeriod, SupportAssignment

D = dt.date(2020, 1, 1)


class ScopePathTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        w = cls.w = build_world()
        member = make_member(w.cell_a)
        guard = make_member(w.cell_b, given="Biên")
        locality = Locality.objects.create(code="ban", name="Bản", kind="hamlet", commune=w.commune_a, valid_from=D)
        cls.records = [
            locality,
            LocalityCell.objects.create(locality=locality, cell=w.cell_a, valid_from=D),
            VillageHead.objects.create(locality=locality, person=member, valid_from=D),
            Program.objects.create(code="p", name="P", owner=w.commune_a, start=D),
            member.events.first(),
            StatusPeriod.objects.filter(person=member).first(),
            Position.objects.create(person=member, organization=w.cell_a, kind="secretary", valid_from=D),
            # A supporter from province B is listed, and so visible, at the host cell in A.
            SupportAssignment.objects.create(person=guard, cell=w.cell_a, kind="border_guard", valid_from=D),
        ]

    def test_records_in_commune_a_are_visible_to_its_viewer_and_not_to_the_outsider(self) -> None:
        for record in self.records:
            assert policy.can(self.w.viewer_commune_a, Action.VIEW, record), type(record).__name__
            assert not policy.can(self.w.outsider_b, Action.VIEW, record), type(record).__name__

    def test_scope_filters_each_model_by_its_path(self) -> None:
        for record in self.records:
            model = type(record)
            assert policy.scope(self.w.viewer_commune_a, model.objects.all()).filter(pk=record.pk).exists()
            assert not policy.scope(self.w.outsider_b, model.objects.all()).filter(pk=record.pk).exists()

    def test_event_follows_its_person_not_the_far_side_of_a_transfer(self) -> None:
        event = MembershipEvent(
            person=self.records[2].person, kind="transferred_out", date=D, other_organization=self.w.cell_b
        )
        assert policy.can(self.w.viewer_commune_a, Action.VIEW, event)
        assert not policy.can(self.w.outsider_b, Action.VIEW, event)


@pytest.mark.parametrize("model", [LocalityCell, VillageHead, MembershipEvent, SupportAssignment])
def test_model_declares_its_scope_path(model) -> None:
    assert hasattr(model, "scope_path")
