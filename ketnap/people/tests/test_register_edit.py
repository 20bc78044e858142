"""Creating a person with the duplicate check, editing with corrections versus dated
changes, and the person page's own actions."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from ketnap.admission.models import AdmissionCase, Prospect
from ketnap.admission.source import prospect_add_new_person
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.policy import Action
from ketnap.core.testing import build_world, make_member, make_org, make_person, make_user
from ketnap.organizations.models import OrgKind, Sector
from ketnap.people.actions import person_actions
from ketnap.people.models import Person, Profile
from ketnap.people.selectors import duplicate_candidates, person_duplicates
from ketnap.people.services import (
    MAX_AGE_YEARS,
    MIN_AGE_YEARS,
    PossibleDuplicates,
    _years_before,
    person_edit,
    person_register,
)
from ketnap.reports.selectors import organization_statistics

D = dt.date
NEW: dict[str, Any] = {
    "family_name": "Lò",
    "middle_name": "Văn",
    "given_name": "Pọm",
    "gender": "male",
    "birth_date": D(1995, 4, 9),
    "education": "upper_secondary",
}


class RegisterTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        # Already on record in cell A, with the same name written without diacritics.
        cls.existing = make_person(
            cls.w.cell_a, family="Lo", middle="Van", given="Pom", birth_date=D(1995, 4, 9), citizen_id="011095000777"
        )

    def test_same_folded_name_and_birth_date_in_scope_is_shown(self) -> None:
        with pytest.raises(PossibleDuplicates) as refused:
            person_register(actor=self.w.editor_a, organization=self.w.cell_a, **NEW)
        assert refused.value.duplicates.shown == [self.existing]
        assert not refused.value.duplicates.elsewhere
        assert refused.value.status == 409
        assert not Person.objects.filter(given_name="Pọm").exists()

    def test_confirmed_creates_anyway_with_its_profile_and_audit_row(self) -> None:
        person = person_register(actor=self.w.editor_a, organization=self.w.cell_a, confirm=True, **NEW)
        assert Profile.objects.filter(person=person, valid_from=NEW["birth_date"]).exists()
        assert AuditEntry.objects.filter(action="person.create", object_id=str(person.pk)).exists()

    def test_other_birth_date_is_no_duplicate(self) -> None:
        person = person_register(
            actor=self.w.editor_a, organization=self.w.cell_a, **{**NEW, "birth_date": D(1995, 4, 10)}
        )
        assert person.pk

    def test_out_of_scope_match_is_only_reported_as_elsewhere(self) -> None:
        # The attacker, an administrator of province B, tries names and birth dates.
        with pytest.raises(PossibleDuplicates) as refused:
            person_register(actor=self.w.outsider_b, organization=self.w.cell_b, **NEW)
        found = refused.value.duplicates
        assert (found.shown, found.elsewhere) == ([], True)
        assert "chi-bo-a" not in str(refused.value.message) and "Pom" not in str(refused.value.message)

    def test_citizen_id_match_without_the_sensitive_permission_is_only_elsewhere(self) -> None:
        # Sees the commune (without sensitive data) and edits another cell in it.
        other_cell = make_org(self.w.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
        prober = make_user("prober", (self.w.commune_a, "viewer"), (other_cell, "editor"))
        fields = {**NEW, "given_name": "Khác", "citizen_id": "011095000777"}
        with pytest.raises(PossibleDuplicates) as refused:
            person_register(actor=prober, organization=other_cell, **fields)
        assert (refused.value.duplicates.shown, refused.value.duplicates.elsewhere) == ([], True)
        # The same match by name and birth date, visible to the prober, is shown.
        found = person_duplicates(prober, full_name="Lò Văn Pọm", birth_date=D(1995, 4, 9))
        assert found.shown == [self.existing]

    def test_permission_three_ways_before_any_lookup(self) -> None:
        for user, error in ((self.w.nobody, NotFound), (self.w.outsider_b, NotFound)):
            with pytest.raises(error):
                person_register(actor=user, organization=self.w.cell_a, **NEW)
        with pytest.raises(PermissionDenied):
            person_register(actor=self.w.viewer_commune_a, organization=self.w.cell_a, **NEW)

    def test_duplicate_lookup_is_one_indexed_query(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            person_duplicates(self.w.admin, full_name="Lò Văn Pọm", birth_date=D(1995, 4, 9), citizen_id="1" * 12)
        lookups = [q["sql"] for q in queries.captured_queries if '"people_person"' in q["sql"].split("WHERE")[0]]
        assert len(lookups) == 1
        assert '"search_name" =' in lookups[0] and '"citizen_id" =' in lookups[0]
        indexes = {index.name for index in Person._meta.indexes}
        assert {"person_name_birth_date", "person_citizen_id"} <= indexes

    def test_duplicate_lookup_uses_the_indexes_not_a_scan(self) -> None:
        query = duplicate_candidates("lo van pom", D(1995, 4, 9), "011095000777")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
                plan = query.explain()
                assert "Seq Scan on people_person" not in plan, plan
            else:
                plan = query.explain()
                assert "SCAN people_person" not in plan, plan
        # The name may be found through either index on search_name.
        assert "search_name" in plan and "person_citizen_id" in plan, plan

    def test_age_at_both_sides_of_the_limits(self) -> None:
        today = policy.today()
        youngest = _years_before(today, MIN_AGE_YEARS)
        oldest = _years_before(today, MAX_AGE_YEARS) + dt.timedelta(days=1)
        for birth_date in (youngest, oldest):
            fields = {**NEW, "given_name": f"A{birth_date:%Y}", "birth_date": birth_date}
            person_register(actor=self.w.editor_a, organization=self.w.cell_a, **fields)
        for birth_date in (youngest + dt.timedelta(days=1), oldest - dt.timedelta(days=1)):
            with pytest.raises(ValidationFailed) as refused:
                person_register(actor=self.w.editor_a, organization=self.w.cell_a, **{**NEW, "birth_date": birth_date})
            assert refused.value.errors["birth_date"][0].startswith("Ngày sinh")

    def test_required_fields_and_citizen_id_are_named(self) -> None:
        with pytest.raises(ValidationFailed) as refused:
            person_register(actor=self.w.editor_a, organization=self.w.cell_a, **{**NEW, "citizen_id": "01109500077"})
        assert refused.value.errors == {"citizen_id": ["Số định danh cá nhân: cần đúng 12 chữ số."]}
        with pytest.raises(ValidationFailed) as refused:
            person_register(actor=self.w.editor_a, organization=self.w.cell_a, **{**NEW, "given_name": ""})
        assert set(refused.value.errors) == {"given_name"}

    def test_sensitive_fields_need_the_sensitive_permission(self) -> None:
        without = {**policy.ROLE_ACTIONS, "editor": frozenset({Action.VIEW, Action.EDIT})}
        with mock.patch.dict(policy.ROLE_ACTIONS, without), pytest.raises(PermissionDenied) as refused:
            person_register(actor=self.w.editor_a, organization=self.w.cell_a, **{**NEW, "ethnicity": "thai"})
        assert "nhạy cảm" in str(refused.value.message)


class NewPersonInSourceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_person_and_prospect_in_one_transaction(self) -> None:
        prospect = prospect_add_new_person(
            actor=self.w.editor_a, cell=self.w.cell_a, origin="youth_union", noted_on=policy.today(), person=NEW
        )
        assert prospect.person.full_name == "Lò Văn Pọm"

    def test_a_refused_prospect_leaves_no_person(self) -> None:
        with pytest.raises(ValidationFailed):
            prospect_add_new_person(
                actor=self.w.editor_a, cell=self.w.cell_a, origin="nowhere", noted_on=policy.today(), person=NEW
            )
        assert not Person.objects.filter(given_name="Pọm").exists()


class EditTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.member = make_member(cls.w.cell_a, given="Hùng", ceremony=D(2015, 3, 1))

    def theory_on(self, day: dt.date) -> int:
        return organization_statistics(self.w.cell_a, day).political_theory["advanced"]

    def test_dated_change_keeps_past_reports(self) -> None:
        person_edit(actor=self.w.editor_a, person=self.member, effective_on=D(2024, 1, 1), political_theory="advanced")
        assert (self.theory_on(D(2023, 12, 31)), self.theory_on(D(2024, 1, 1))) == (0, 1)
        assert AuditEntry.objects.filter(action="profile.change").exists()

    def test_correction_rewrites_the_open_row(self) -> None:
        person_edit(actor=self.w.editor_a, person=self.member, political_theory="advanced")
        assert self.theory_on(D(2020, 1, 1)) == 1
        assert AuditEntry.objects.filter(action="profile.correct").exists()

    def test_identity_is_always_a_correction_and_unchanged_fields_are_left_alone(self) -> None:
        person_edit(
            actor=self.w.editor_a, person=self.member, effective_on=D(2024, 1, 1), given_name="Hưng", hometown=""
        )
        entry = AuditEntry.objects.get(action="person.correct")
        assert (entry.before, entry.after) == ({"given_name": "Hùng"}, {"given_name": "Hưng"})
        assert not Profile.objects.filter(person=self.member, valid_from=D(2024, 1, 1)).exists()

    def test_edit_three_ways(self) -> None:
        for user, error in ((self.w.nobody, NotFound), (self.w.outsider_b, NotFound)):
            with pytest.raises(error):
                person_edit(actor=user, person=self.member, given_name="X")
        with pytest.raises(PermissionDenied):
            person_edit(actor=self.w.viewer_commune_a, person=self.member, given_name="X")
        self.member.refresh_from_db()
        assert self.member.given_name == "Hùng"


class ActionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person = make_person(cls.w.cell_a, given="Mới")
        cls.member = make_member(cls.w.cell_a, given="Cũ")

    def labels(self, user, person) -> list[str]:
        return [action.label for action in person_actions(user, person, policy.today())]

    def test_editor_sees_edit_and_source_then_open_case_then_the_case(self) -> None:
        labels = self.labels(self.w.editor_a, self.person)
        # The people app's own actions first; the membership ledger adds its own after them
        # (a member arriving from outside the system is recorded as a transfer in).
        assert labels[:3] == ["Sửa lỗi nhập liệu", "Ghi nhận thay đổi lý lịch", "Đưa vào nguồn phát triển đảng viên"]
        Prospect.objects.create(person=self.person, cell=self.w.cell_a, origin="youth_union", noted_on=D(2024, 1, 1))
        assert "Mở hồ sơ kết nạp" in self.labels(self.w.editor_a, self.person)
        AdmissionCase.objects.create(person=self.person, cell=self.w.cell_a, opened_on=D(2024, 2, 1))
        assert "Xem hồ sơ kết nạp" in self.labels(self.w.editor_a, self.person)

    def test_a_probationary_member_with_an_open_case_links_to_it(self) -> None:
        probationary = make_member(self.w.cell_a, given="Dự", official=False)
        case = AdmissionCase.objects.create(person=probationary, cell=self.w.cell_a, opened_on=D(2014, 1, 1))
        actions = person_actions(self.w.viewer_commune_a, probationary, policy.today())
        assert [(a.label, a.url) for a in actions] == [("Xem hồ sơ kết nạp", f"/ket-nap/ho-so/{case.pk}/")]

    def test_viewer_gets_no_edit_actions_and_a_member_no_source(self) -> None:
        assert self.labels(self.w.viewer_commune_a, self.person) == []
        assert "Đưa vào nguồn phát triển đảng viên" not in self.labels(self.w.editor_a, self.member)
