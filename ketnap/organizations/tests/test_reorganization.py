"""The tree over time: a district abolished on 1/7/2025 and its communes merged into a
new commune-level committee directly under the province (QĐ 294)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.testing import build_world, make_member, make_org, make_person
from ketnap.organizations.models import Organization, OrgKind, Reorganization, ReorganizationKind, Sector
from ketnap.organizations.services import organization_close, organization_open, reorganize
from ketnap.people import status
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.services import person_events

ON = dt.date(2025, 7, 1)
BEFORE = dt.date(2021, 5, 1)
AFTER = dt.date(2026, 1, 15)


def members_in(org: Organization, date: dt.date) -> int:
    return StatusPeriod.objects.members().as_of(date).filter(organization__path__startswith=org.path).count()


def codes_as_of(root: Organization, date: dt.date) -> set[str]:
    return set(Organization.objects.as_of(date).in_subtree(root).values_list("code", flat=True))


class ReorganizationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        a = cls.w.province_a
        cls.district = make_org(a, "huyen-x", OrgKind.UPPER)
        cls.commune_1 = make_org(cls.district, "xa-x1", OrgKind.GRASSROOTS_COMMITTEE)
        cls.commune_2 = make_org(cls.district, "xa-x2", OrgKind.GRASSROOTS_COMMITTEE)
        cls.cell_1 = make_org(cls.commune_1, "chi-bo-x1", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
        cls.cell_2 = make_org(cls.commune_2, "chi-bo-x2", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
        cls.m1 = make_member(cls.cell_1, given="Một")
        cls.m2 = make_member(cls.cell_1, given="Hai", ceremony=dt.date(2019, 5, 19))
        cls.m3 = make_member(cls.cell_2, given="Ba")
        cls.source = make_person(cls.cell_2, given="Nguồn")

    def open_new(self) -> tuple[Organization, Organization, Organization]:
        admin = self.w.admin
        common = {"actor": admin, "sector": Sector.COMMUNE, "valid_from": ON}
        commune = organization_open(
            **common, parent=self.w.province_a, code="xa-moi", name="Đảng bộ xã Mới", kind=OrgKind.GRASSROOTS_COMMITTEE
        )
        cell_1 = organization_open(
            **common, parent=commune, code="chi-bo-moi-1", name="Chi bộ 1", kind=OrgKind.SUBORDINATE_CELL
        )
        cell_2 = organization_open(
            **common, parent=commune, code="chi-bo-moi-2", name="Chi bộ 2", kind=OrgKind.SUBORDINATE_CELL
        )
        return commune, cell_1, cell_2

    def apply(self) -> tuple[Reorganization, Organization, Organization, Organization]:
        commune, new_1, new_2 = self.open_new()
        record = reorganize(
            actor=self.w.admin,
            kind=ReorganizationKind.MERGE,
            on=ON,
            closed=[self.district],
            opened=[commune, new_1, new_2],
            # A cell maps to a cell; the second commune maps as a whole (nearest node wins).
            moves={self.cell_1.pk: new_1, self.commune_2.pk: new_2},
            document_number="15-QĐ/TU",
        )
        return record, commune, new_1, new_2

    def test_tree_as_of_a_past_date_shows_the_old_nodes(self) -> None:
        self.apply()
        old = {"huyen-x", "xa-x1", "xa-x2", "chi-bo-x1", "chi-bo-x2"}
        new = {"xa-moi", "chi-bo-moi-1", "chi-bo-moi-2"}
        assert old <= codes_as_of(self.w.province_a, BEFORE)
        assert not new & codes_as_of(self.w.province_a, BEFORE)
        assert old <= codes_as_of(self.w.province_a, ON - dt.timedelta(days=1))
        assert new <= codes_as_of(self.w.province_a, ON)
        assert not old & codes_as_of(self.w.province_a, ON)
        assert new <= codes_as_of(self.w.province_a, AFTER)

    def test_closing_the_district_closes_its_whole_subtree_on_the_date(self) -> None:
        self.apply()
        closed = Organization.objects.in_subtree(self.district)
        assert set(closed.values_list("valid_to", flat=True)) == {ON}

    def test_members_status_periods_move_on_the_date(self) -> None:
        _record, _commune, new_1, new_2 = self.apply()
        for person, old_cell, new_cell in ((self.m1, self.cell_1, new_1), (self.m3, self.cell_2, new_2)):
            on_eve = StatusPeriod.objects.as_of(ON - dt.timedelta(days=1)).get(person=person)
            on_day = StatusPeriod.objects.as_of(ON).get(person=person)
            assert (on_eve.organization_id, on_eve.end) == (old_cell.pk, ON)
            assert (on_day.organization_id, on_day.start, on_day.status) == (new_cell.pk, ON, "official")
            person.refresh_from_db()
            assert person.organization_id == new_cell.pk

    def test_moving_keeps_party_age_continuous(self) -> None:
        self.apply()
        age = status.party_age(person_events(self.m2), AFTER)
        assert age is not None
        assert age.days == (AFTER - age.since).days

    def test_member_counts_by_subtree_before_and_after(self) -> None:
        _record, commune, _new_1, _new_2 = self.apply()
        eve = ON - dt.timedelta(days=1)
        assert members_in(self.district, eve) == 3
        assert members_in(self.commune_1, eve) == 2
        assert members_in(self.district, ON) == 0
        assert members_in(commune, eve) == 0
        assert members_in(commune, ON) == 3
        assert members_in(self.w.province_a, eve) == members_in(self.w.province_a, ON) == 3

    def test_people_not_on_the_rolls_follow_the_move(self) -> None:
        _record, _commune, _new_1, new_2 = self.apply()
        self.source.refresh_from_db()
        assert self.source.organization_id == new_2.pk
        assert AuditEntry.objects.filter(action="person.move", object_id=str(self.source.pk)).exists()

    def test_reorganization_is_recorded_with_transfer_events_and_audit(self) -> None:
        record, commune, new_1, new_2 = self.apply()
        assert set(record.closed.all()) == {self.district}
        assert set(record.opened.all()) == {commune, new_1, new_2}
        out = MembershipEvent.objects.get(person=self.m1, kind="transferred_out")
        assert (out.organization_id, out.other_organization_id, out.date) == (self.cell_1.pk, new_1.pk, ON)
        assert MembershipEvent.objects.filter(kind="transferred_in", date=ON).count() == 3
        entry = AuditEntry.objects.get(action="organization.reorganize")
        assert entry.actor == self.w.admin
        assert entry.organization_path == self.w.province_a.path

    def test_close_refuses_while_members_remain(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            organization_close(actor=self.w.admin, organization=self.district, on=ON)
        assert "valid_to" in error.value.errors
        assert Organization.objects.get(pk=self.district.pk).valid_to is None

    def test_close_refuses_when_a_member_arrives_after_the_date(self) -> None:
        empty = make_org(self.w.commune_a, "chi-bo-moi-lap", OrgKind.SUBORDINATE_CELL)
        make_member(empty, ceremony=dt.date(2026, 3, 1))
        with pytest.raises(ValidationFailed):
            organization_close(actor=self.w.admin, organization=empty, on=dt.date(2025, 1, 1))

    def test_close_succeeds_once_empty(self) -> None:
        empty = make_org(self.w.commune_a, "chi-bo-trong", OrgKind.SUBORDINATE_CELL)
        organization_close(actor=self.w.admin, organization=empty, on=ON)
        assert Organization.objects.get(pk=empty.pk).valid_to == ON

    def test_a_missing_move_undoes_everything(self) -> None:
        commune, new_1, _new_2 = self.open_new()
        events, entries = MembershipEvent.objects.count(), AuditEntry.objects.count()
        with pytest.raises(ValidationFailed):
            reorganize(
                actor=self.w.admin,
                kind=ReorganizationKind.MERGE,
                on=ON,
                closed=[self.district],
                opened=[commune],
                moves={self.cell_1.pk: new_1},  # nothing for the second commune
            )
        # The first cell's members had been moved and audited before the failure.
        assert MembershipEvent.objects.count() == events
        assert AuditEntry.objects.count() == entries
        assert Reorganization.objects.count() == 0
        assert Organization.objects.get(pk=self.district.pk).valid_to is None
        self.m1.refresh_from_db()
        assert self.m1.organization_id == self.cell_1.pk

    def test_editor_may_not_reorganize(self) -> None:
        with pytest.raises(PermissionDenied):
            reorganize(actor=self.w.editor_a, kind="merge", on=ON, closed=[self.district], opened=[], moves={})

    def test_outsider_may_not_reorganize(self) -> None:
        with pytest.raises(NotFound):
            reorganize(actor=self.w.outsider_b, kind="merge", on=ON, closed=[self.district], opened=[], moves={})

    def test_moves_into_a_node_not_open_on_the_date_are_refused(self) -> None:
        later = make_org(self.w.province_a, "xa-sau", OrgKind.GRASSROOTS_COMMITTEE, valid_from=dt.date(2026, 1, 1))
        with pytest.raises(ValidationFailed):
            reorganize(actor=self.w.admin, kind="merge", on=ON, closed=[self.district], opened=[later], moves={})


class OrganizationOpenTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def open(self, actor, parent, code="moi", valid_from=ON) -> Organization:
        return organization_open(
            actor=actor,
            parent=parent,
            code=code,
            name="Mới",
            kind=OrgKind.SUBORDINATE_CELL,
            sector=Sector.VILLAGE,
            valid_from=valid_from,
        )

    def test_admin_opens_a_child_with_an_audit_row(self) -> None:
        org = self.open(self.w.admin, self.w.commune_a)
        assert org.path.startswith(self.w.commune_a.path)
        entry = AuditEntry.objects.get(action="organization.open")
        assert entry.after["code"] == "moi"

    def test_editor_may_not_open(self) -> None:
        with pytest.raises(PermissionDenied):
            self.open(self.w.editor_a, self.w.commune_a)

    def test_outsider_gets_not_found(self) -> None:
        with pytest.raises(NotFound):
            self.open(self.w.outsider_b, self.w.commune_a)

    def test_only_a_superuser_opens_a_root(self) -> None:
        with pytest.raises(PermissionDenied):
            self.open(self.w.admin, None)

    def test_refuses_a_duplicate_code(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            self.open(self.w.admin, self.w.commune_a, code=self.w.cell_a.code)
        assert "code" in error.value.errors

    def test_refuses_a_parent_closed_on_the_date(self) -> None:
        closed = make_org(self.w.commune_a, "da-dong", OrgKind.PARTIAL_COMMITTEE, valid_to=dt.date(2020, 1, 1))
        with pytest.raises(ValidationFailed):
            self.open(self.w.admin, closed)
