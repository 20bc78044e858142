"""Sensitive values are stored masked in audit rows; seeing even their fingerprints
needs the sensitive-data permission and is audited."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.test import TestCase, override_settings

from ketnap.audit import masking
from ketnap.audit.models import AuditEntry
from ketnap.audit.selectors import chain_problem
from ketnap.audit.services import audit_reveal
from ketnap.audit.tests.tampering import Editor
from ketnap.core.errors import NotFound, PermissionDenied
from ketnap.core.testing import build_world, make_person, make_user
from ketnap.people.services import person_create, person_update

CITIZEN_ID = "001090012345"


def row_text(entry: AuditEntry) -> str:
    return json.dumps([entry.before, entry.after], ensure_ascii=False)


class MaskedOnWriteTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person = make_person(cls.w.cell_a)

    def test_update_keeps_no_sensitive_value_in_clear(self) -> None:
        person_update(
            actor=self.w.editor_a, person=self.person, citizen_id=CITIZEN_ID, verification_notes="Bố từng bị kỷ luật"
        )
        entry = AuditEntry.objects.get(action="person.update")
        assert CITIZEN_ID not in row_text(entry) and "kỷ luật" not in row_text(entry)
        assert entry.before == {"citizen_id": "", "verification_notes": ""}
        assert masking.matches("citizen_id", CITIZEN_ID, entry.after["citizen_id"])
        assert not masking.matches("citizen_id", "001090099999", entry.after["citizen_id"])
        assert chain_problem() is None

    def test_religion_is_masked_in_the_dated_profile_rows_too(self) -> None:
        person_update(
            actor=self.w.editor_a, person=self.person, religion="catholicism", effective_on=dt.date(2024, 1, 1)
        )
        rows = AuditEntry.objects.filter(object_id__isnull=False)
        assert {"person.update", "profile.change"} <= set(rows.values_list("action", flat=True))
        for entry in rows:
            assert "catholicism" not in row_text(entry), entry.action
            assert '"religion": "none"' not in row_text(entry), entry.action

    def test_create_masks_the_sensitive_fields_and_keeps_the_others(self) -> None:
        person = person_create(
            actor=self.w.editor_a,
            organization=self.w.cell_a,
            family_name="Lò",
            middle_name="Văn",
            given_name="Pọm",
            gender="male",
            birth_date=dt.date(1995, 5, 5),
            ethnicity="thai",
            education="upper_secondary",
            citizen_id=CITIZEN_ID,
        )
        entry = AuditEntry.objects.get(action="person.create", object_id=str(person.pk))
        assert entry.after["given_name"] == "Pọm"
        assert masking.is_masked(entry.after["ethnicity"]) and masking.is_masked(entry.after["citizen_id"])
        assert CITIZEN_ID not in row_text(entry)

    def test_verification_results_are_masked(self) -> None:
        data = {"replied_on": "2024-01-01", "result": "Không có vấn đề"}
        masked = masking.mask_sensitive("admission.verificationrequest", data)
        assert masked["replied_on"] == "2024-01-01" and masking.is_masked(masked["result"])

    def test_other_objects_are_untouched(self) -> None:
        assert masking.mask_sensitive("accounts.roleassignment", {"result": "x"}) == {"result": "x"}


class KeyTests(TestCase):
    def test_the_mask_depends_on_the_key(self) -> None:
        with override_settings(AUDIT_MASK_KEY=""):
            derived = masking.mask("religion", "buddhism")
        with override_settings(AUDIT_MASK_KEY="another-key"):
            configured = masking.mask("religion", "buddhism")
            assert masking.matches("religion", "buddhism", configured)
        assert derived != configured

    @override_settings(AUDIT_MASK_KEY="")
    def test_without_a_key_it_is_derived_from_the_secret_key(self) -> None:
        first = masking.mask("religion", "buddhism")
        with override_settings(SECRET_KEY="x" * 50):
            assert masking.mask("religion", "buddhism") != first

    def test_equal_values_of_different_fields_do_not_share_a_mask(self) -> None:
        assert masking.mask("ethnicity", "kinh") != masking.mask("religion", "kinh")


class RevealTests(TestCase):
    """The same permission as a person's reveal, on the row's organization."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person = make_person(cls.w.cell_a)
        person_update(actor=cls.w.editor_a, person=cls.person, citizen_id=CITIZEN_ID)
        cls.entry = AuditEntry.objects.get(action="person.update")

    def test_editor_in_scope_sees_fingerprints_and_the_showing_is_audited(self) -> None:
        values = audit_reveal(actor=self.w.editor_a, entry=self.entry)
        print_ = self.entry.after["citizen_id"].removeprefix(masking.PREFIX)[:12]
        assert print_ in values["after"]["citizen_id"]
        shown = AuditEntry.objects.get(action="audit.reveal")
        assert (shown.actor, shown.object_id, shown.after) == (
            self.w.editor_a,
            str(self.entry.pk),
            {"entry": self.entry.pk},
        )
        assert shown.organization_path == self.entry.organization_path

    def test_viewer_in_scope_is_refused(self) -> None:
        with pytest.raises(PermissionDenied):
            audit_reveal(actor=self.w.viewer_commune_a, entry=self.entry)
        assert not AuditEntry.objects.filter(action="audit.reveal").exists()

    def test_role_on_a_sibling_subtree_does_not_find_it(self) -> None:
        with pytest.raises(NotFound):
            audit_reveal(actor=self.w.outsider_b, entry=self.entry)

    def test_no_role_does_not_find_it(self) -> None:
        with pytest.raises(NotFound):
            audit_reveal(actor=self.w.nobody, entry=self.entry)


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        person = make_person(cls.w.cell_a)
        person_update(actor=cls.w.editor_a, person=person, citizen_id=CITIZEN_ID)
        cls.entry = AuditEntry.objects.get(action="person.update")
        cls.root = make_user("goc", superuser=True)

    def setUp(self) -> None:
        self.client.force_login(self.root)
        self.digest = self.entry.after["citizen_id"].removeprefix(masking.PREFIX)

    def test_the_change_page_hides_masked_values(self) -> None:
        response = self.client.get(f"/admin/audit/auditentry/{self.entry.pk}/change/")
        assert response.status_code == 200
        assert self.digest[:12] not in response.content.decode()
        assert f"/admin/audit/auditentry/{self.entry.pk}/reveal/" in response.content.decode()

    def test_get_of_the_reveal_page_only_asks_to_confirm(self) -> None:
        response = self.client.get(f"/admin/audit/auditentry/{self.entry.pk}/reveal/")
        assert response.status_code == 200 and self.digest[:12] not in response.content.decode()
        assert not AuditEntry.objects.filter(action="audit.reveal").exists()

    def test_post_shows_the_fingerprints_and_is_audited(self) -> None:
        response = self.client.post(f"/admin/audit/auditentry/{self.entry.pk}/reveal/")
        assert response.status_code == 200 and self.digest[:12] in response.content.decode()
        assert AuditEntry.objects.filter(action="audit.reveal", actor=self.root).exists()

    def test_a_missing_row_is_not_found(self) -> None:
        response = self.client.post("/admin/audit/auditentry/999999/reveal/")
        assert response.status_code == 404


class ExistingRowsMigrationTests(TestCase):
    def test_clear_values_of_earlier_rows_are_masked_and_the_chain_rebuilt(self) -> None:
        clear = AuditEntry.objects.create(
            action="person.update",
            object_type="people.person",
            object_id="1",
            object_repr="r",
            before={"citizen_id": "", "residence": "Bản Pá"},
            after={"citizen_id": CITIZEN_ID, "residence": "Bản Pá"},
        )
        profile = AuditEntry.objects.create(
            action="profile.change",
            object_type="people.profile",
            object_id="1",
            object_repr="r",
            before={"closed": [{"religion": "buddhism"}]},
        )
        migration = importlib.import_module("ketnap.audit.migrations.0005_mask_sensitive_values")
        migration.forwards(django_apps, Editor())
        clear.refresh_from_db()
        profile.refresh_from_db()
        assert masking.matches("citizen_id", CITIZEN_ID, clear.after["citizen_id"])
        assert clear.after["residence"] == "Bản Pá"
        assert masking.matches("religion", "buddhism", profile.before["closed"][0]["religion"])
        assert chain_problem() is None
        migration.forwards(django_apps, Editor())  # idempotent: masks are not masked again
        clear.refresh_from_db()
        assert masking.matches("citizen_id", CITIZEN_ID, clear.after["citizen_id"])
