"""Person records, masked fields, party offices and support assignments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.testing import build_world, make_member, make_org, make_person
from ketnap.organizations.models import OrgKind, Sector
from ketnap.people.models import Person, Position, SupportAssignment
from ketnap.people.services import (
    person_create,
    person_reveal,
    person_update,
    position_assign,
    position_end,
    support_assign,
)

D = dt.date
TERM_START = D(2020, 10, 1)
NEW = {
    "family_name": "Lò",
    "middle_name": "Thị",
    "given_name": "Mai",
    "gender": "female",
    "birth_date": D(2000, 2, 2),
    "education": "upper_secondary",
}


class PersonCreateUpdateTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person = make_person(cls.w.cell_a, citizen_id="001090000123", ethnicity="thai")

    def test_editor_creates_with_derived_names_and_an_audit_row(self) -> None:
        person = person_create(actor=self.w.editor_a, organization=self.w.cell_a, **NEW)
        assert person.search_name == "lo thi mai"
        entry = AuditEntry.objects.get(action="person.create")
        assert (entry.actor, entry.after["given_name"]) == (self.w.editor_a, "Mai")

    def test_create_three_ways(self) -> None:
        with pytest.raises(NotFound):
            person_create(actor=self.w.nobody, organization=self.w.cell_a, **NEW)
        with pytest.raises(NotFound):
            person_create(actor=self.w.outsider_b, organization=self.w.cell_a, **NEW)
        with pytest.raises(PermissionDenied):
            person_create(actor=self.w.viewer_commune_a, organization=self.w.cell_a, **NEW)
        assert not Person.objects.filter(given_name="Mai").exists()

    def test_create_refuses_invalid_data(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            person_create(actor=self.w.editor_a, organization=self.w.cell_a, **{**NEW, "citizen_id": "12"})
        assert error.value.errors  # the 12-digit database constraint, checked before saving

    def test_update_records_before_and_after(self) -> None:
        person_update(actor=self.w.editor_a, person=self.person, given_name="Bình")
        self.person.refresh_from_db()
        assert self.person.search_name == "nguyen van binh"
        entry = AuditEntry.objects.get(action="person.update")
        assert (entry.before, entry.after) == ({"given_name": "An"}, {"given_name": "Bình"})

    def test_viewer_may_not_update_a_sensitive_field(self) -> None:
        with pytest.raises(PermissionDenied):
            person_update(actor=self.w.viewer_commune_a, person=self.person, religion="buddhism")
        self.person.refresh_from_db()
        assert self.person.religion == "none"
        assert not AuditEntry.objects.filter(action="person.update").exists()

    def test_update_refuses_moving_and_unknown_or_derived_fields(self) -> None:
        for fields in ({"organization": self.w.cell_b}, {"search_name": "x"}, {"pk": 99}):
            with pytest.raises(ValidationFailed):
                person_update(actor=self.w.editor_a, person=self.person, **fields)

    def test_failed_validation_leaves_no_change(self) -> None:
        with pytest.raises(ValidationFailed):
            person_update(actor=self.w.editor_a, person=self.person, given_name="Khác", citizen_id="abc")
        self.person.refresh_from_db()
        assert self.person.given_name == "An"


class RevealTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person = make_person(cls.w.cell_a, citizen_id="001090000123", ethnicity="thai", religion="catholicism")

    def test_editor_sees_unmasked_values_and_the_showing_is_audited(self) -> None:
        values = person_reveal(actor=self.w.editor_a, person=self.person)
        assert values["citizen_id"] == "001090000123"
        assert values["ethnicity"] == "thai"
        entry = AuditEntry.objects.get(action="person.reveal")
        assert entry.actor == self.w.editor_a
        assert entry.after == {
            "fields": ["ethnicity", "religion", "citizen_id", "verification_notes"],
            "outcome": "granted",
        }
        assert entry.organization_path == self.w.cell_a.path

    def test_masked_value_keeps_only_the_last_digits(self) -> None:
        assert self.person.citizen_id_masked == "•••••••••123"

    def test_viewer_is_denied_and_the_refusal_is_audited(self) -> None:
        with pytest.raises(PermissionDenied):
            person_reveal(actor=self.w.viewer_commune_a, person=self.person, fields=("citizen_id",))
        entry = AuditEntry.objects.get(action="person.reveal")
        assert entry.actor == self.w.viewer_commune_a
        assert entry.object_id == str(self.person.pk)
        assert entry.after == {"fields": ["citizen_id"], "outcome": "refused"}
        assert entry.organization_path == self.w.cell_a.path

    def test_outsider_and_nobody_get_not_found(self) -> None:
        for user in (self.w.outsider_b, self.w.nobody):
            with pytest.raises(NotFound):
                person_reveal(actor=user, person=self.person)

    def test_only_sensitive_fields_are_revealed(self) -> None:
        with pytest.raises(ValidationFailed):
            person_reveal(actor=self.w.editor_a, person=self.person, fields=("birth_date",))


class PositionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.member = make_member(cls.w.cell_a, ceremony=D(2015, 3, 1))

    def assign(self, valid_from=TERM_START, valid_to=None, actor=None, person=None) -> Position:
        return position_assign(
            actor=actor or self.w.editor_a,
            person=person or self.member,
            organization=self.w.cell_a,
            kind="secretary",
            valid_from=valid_from,
            valid_to=valid_to,
        )

    def test_assign_and_end_are_audited(self) -> None:
        position = self.assign()
        position_end(actor=self.w.editor_a, position=position, on=D(2025, 10, 1))
        assert Position.objects.as_of(D(2025, 9, 30)).filter(person=self.member).exists()
        assert not Position.objects.as_of(D(2025, 10, 1)).filter(person=self.member).exists()
        assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
            "position.assign",
            "position.end",
        ]

    def test_the_same_office_twice_at_once_is_refused(self) -> None:
        self.assign()
        with pytest.raises(ValidationFailed):
            self.assign(valid_from=D(2022, 1, 1))
        with pytest.raises(ValidationFailed):
            self.assign(valid_from=D(2019, 1, 1), valid_to=D(2020, 10, 2))

    def test_the_office_may_be_held_again_after_it_ended(self) -> None:
        self.assign(valid_to=D(2025, 10, 1))
        self.assign(valid_from=D(2025, 10, 1))
        assert Position.objects.filter(person=self.member).count() == 2

    def test_only_a_member_holds_office(self) -> None:
        with pytest.raises(ValidationFailed):
            self.assign(person=make_person(self.w.cell_a, given="Chưa"))
        with pytest.raises(ValidationFailed):
            self.assign(valid_from=D(2014, 1, 1))  # before the member's admission

    def test_ending_twice_is_refused(self) -> None:
        position = self.assign(valid_to=D(2025, 10, 1))
        with pytest.raises(TransitionNotAllowed):
            position_end(actor=self.w.editor_a, position=position, on=D(2025, 11, 1))

    def test_viewer_and_outsider_cannot_assign(self) -> None:
        with pytest.raises(PermissionDenied):
            self.assign(actor=self.w.viewer_commune_a)
        with pytest.raises(NotFound):
            self.assign(actor=self.w.outsider_b)


class SupportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        border = make_org(cls.w.province_a, "bdbp-a", OrgKind.GRASSROOTS_CELL, sector=Sector.BORDER_GUARD)
        cls.guard = make_member(border, given="Biên")

    def support(self, **kwargs) -> SupportAssignment:
        values = {
            "actor": self.w.editor_a,
            "person": self.guard,
            "cell": self.w.cell_a,
            "kind": "border_guard",
            "valid_from": D(2024, 1, 1),
            "households": 12,
        }
        return support_assign(**{**values, **kwargs})

    def test_border_guard_supports_a_village_cell_and_stays_counted_at_home(self) -> None:
        support = self.support()
        assert support.households == 12
        self.guard.refresh_from_db()
        assert self.guard.organization.code == "bdbp-a"
        assert AuditEntry.objects.get(action="support.assign").organization_path == self.w.cell_a.path

    def test_refuses_an_overlapping_assignment_and_the_home_cell(self) -> None:
        self.support()
        with pytest.raises(ValidationFailed):
            self.support(valid_from=D(2025, 1, 1))
        with pytest.raises(ValidationFailed):
            self.support(cell=self.guard.organization)

    def test_host_must_be_a_cell_in_scope(self) -> None:
        with pytest.raises(ValidationFailed):
            self.support(cell=self.w.commune_a)
        with pytest.raises(NotFound):
            self.support(cell=self.w.cell_b)
        with pytest.raises(PermissionDenied):
            self.support(actor=self.w.viewer_commune_a)
