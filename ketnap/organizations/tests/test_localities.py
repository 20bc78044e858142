"""Localities, the cells serving them, village heads and programs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.testing import build_world, make_org, make_person, make_user
from ketnap.organizations.models import LocalityCell, OrgKind, Program, Sector, VillageHead
from ketnap.organizations.services import (
    locality_assign_cell,
    locality_create,
    program_create,
    program_set_organizations,
    village_head_set,
)

D1, D2, D3 = dt.date(2020, 1, 1), dt.date(2023, 1, 1), dt.date(2025, 7, 1)


class LocalityTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.joint = make_org(cls.w.commune_a, "chi-bo-ghep", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
        cls.village = cls.create("ban-pa", "Bản Pá")

    @classmethod
    def create(cls, code: str, name: str, actor=None):
        return locality_create(
            actor=actor or cls.w.admin,
            commune=cls.w.commune_a,
            code=code,
            name=name,
            kind="hamlet",
            valid_from=dt.date(2000, 1, 1),
            hardship_area=True,
        )

    def test_create_is_audited_under_the_commune(self) -> None:
        entry = AuditEntry.objects.get(action="locality.create", object_id=str(self.village.pk))
        assert entry.organization_path == self.w.commune_a.path
        assert entry.after["hardship_area"] is True

    def test_create_needs_administer(self) -> None:
        with pytest.raises(PermissionDenied):
            self.create("ban-moi", "Bản Mới", actor=self.w.editor_a)
        with pytest.raises(NotFound):
            self.create("ban-moi", "Bản Mới", actor=self.w.outsider_b)

    def test_assigning_a_new_cell_closes_the_previous_assignment_that_day(self) -> None:
        first = locality_assign_cell(actor=self.w.admin, locality=self.village, cell=self.w.cell_a, valid_from=D1)
        second = locality_assign_cell(actor=self.w.admin, locality=self.village, cell=self.joint, valid_from=D3)
        first.refresh_from_db()
        assert first.valid_to == D3
        assert LocalityCell.objects.as_of(D2).get(locality=self.village).cell == self.w.cell_a
        assert LocalityCell.objects.as_of(D3).get(locality=self.village) == second
        entry = AuditEntry.objects.filter(action="locality.assign_cell").latest("pk")
        assert entry.before["cells"][0]["cell_id"] == self.w.cell_a.pk
        assert entry.after["cell_id"] == self.joint.pk

    def test_a_joint_cell_serves_several_localities(self) -> None:
        other = self.create("ban-na", "Bản Nà")
        locality_assign_cell(actor=self.w.admin, locality=self.village, cell=self.joint, valid_from=D1)
        locality_assign_cell(actor=self.w.admin, locality=other, cell=self.joint, valid_from=D1)
        served = LocalityCell.objects.as_of(D2).filter(cell=self.joint).values_list("locality__code", flat=True)
        assert set(served) == {"ban-pa", "ban-na"}

    def test_reassigning_on_or_before_the_current_start_is_refused(self) -> None:
        locality_assign_cell(actor=self.w.admin, locality=self.village, cell=self.w.cell_a, valid_from=D2)
        with pytest.raises(ValidationFailed):
            locality_assign_cell(actor=self.w.admin, locality=self.village, cell=self.joint, valid_from=D2)
        assert LocalityCell.objects.filter(locality=self.village).count() == 1

    def test_only_a_cell_serves_a_locality(self) -> None:
        with pytest.raises(ValidationFailed):
            locality_assign_cell(actor=self.w.admin, locality=self.village, cell=self.w.commune_a, valid_from=D1)

    def test_cell_outside_scope_is_not_found(self) -> None:
        admin_a = make_user("admin_a", (self.w.province_a, "admin"))
        with pytest.raises(NotFound):
            locality_assign_cell(actor=admin_a, locality=self.village, cell=self.w.cell_b, valid_from=D1)
        with pytest.raises(NotFound):
            locality_assign_cell(actor=self.w.outsider_b, locality=self.village, cell=self.w.cell_b, valid_from=D1)
        assert not LocalityCell.objects.exists()

    def test_new_village_head_ends_the_previous_term(self) -> None:
        first_head = make_person(self.w.cell_a, given="Một")
        second_head = make_person(self.w.cell_a, given="Hai")
        village_head_set(actor=self.w.editor_a, locality=self.village, person=first_head, valid_from=D1)
        village_head_set(actor=self.w.editor_a, locality=self.village, person=second_head, valid_from=D3)
        assert VillageHead.objects.as_of(D2).get(locality=self.village).person == first_head
        assert VillageHead.objects.as_of(D3).get(locality=self.village).person == second_head
        assert AuditEntry.objects.filter(action="locality.village_head").count() == 2

    def test_village_head_needs_edit_and_a_visible_person(self) -> None:
        head = make_person(self.w.cell_a)
        with pytest.raises(PermissionDenied):
            village_head_set(actor=self.w.viewer_commune_a, locality=self.village, person=head, valid_from=D1)
        stranger = make_person(self.w.cell_b)
        with pytest.raises(NotFound):
            village_head_set(actor=self.w.editor_a, locality=self.village, person=stranger, valid_from=D1)


class ProgramTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def create(self, actor, organizations=()) -> Program:
        return program_create(
            actor=actor,
            owner=self.w.province_a,
            code="kl-50",
            name="Kết luận 50",
            start=D2,
            organizations=organizations,
        )

    def test_create_with_organizations_of_the_owner_subtree(self) -> None:
        program = self.create(self.w.admin, [self.w.commune_a, self.w.cell_a])
        assert set(program.organizations.all()) == {self.w.commune_a, self.w.cell_a}
        entry = AuditEntry.objects.get(action="program.create")
        assert entry.after["organizations"] == sorted([self.w.commune_a.code, self.w.cell_a.code])

    def test_refuses_organizations_outside_the_owner(self) -> None:
        with pytest.raises(ValidationFailed):
            self.create(self.w.admin, [self.w.cell_b])
        assert not Program.objects.exists()

    def test_needs_administer_on_the_owner(self) -> None:
        with pytest.raises(PermissionDenied):
            self.create(self.w.editor_a)
        with pytest.raises(NotFound):
            self.create(self.w.outsider_b)

    def test_end_before_start_is_refused(self) -> None:
        with pytest.raises(ValidationFailed):
            program_create(actor=self.w.admin, owner=self.w.province_a, code="x", name="X", start=D2, end=D1)

    def test_set_organizations_replaces_the_set_with_before_and_after(self) -> None:
        program = self.create(self.w.admin, [self.w.cell_a])
        program_set_organizations(actor=self.w.admin, program=program, organizations=[self.w.district_a])
        assert list(program.organizations.all()) == [self.w.district_a]
        entry = AuditEntry.objects.get(action="program.set_organizations")
        assert entry.before == {"organizations": [self.w.cell_a.code]}
        assert entry.after == {"organizations": [self.w.district_a.code]}

    def test_set_organizations_by_outsider_is_not_found(self) -> None:
        program = self.create(self.w.admin)
        with pytest.raises(NotFound):
            program_set_organizations(actor=self.w.outsider_b, program=program, organizations=[])
