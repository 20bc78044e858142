"""The one permission policy, asked three ways: no role, role in scope, role on a sibling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import TestCase
from django.utils import timezone

from ketnap.accounts.models import RoleAssignment
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.errors import NotFound, OutOfScope, PermissionDenied
from ketnap.core.policy import Action
from ketnap.core.testing import LONG_AGO, build_world, make_person, make_user
from ketnap.organizations.models import Organization
from ketnap.people.models import Person


def _audit_row(path: str) -> AuditEntry:
    return AuditEntry.objects.create(
        action="test", object_type="x", object_id="1", object_repr="x", organization_path=path
    )


class PolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person_a = make_person(cls.w.cell_a, given="An")
        cls.person_b = make_person(cls.w.cell_b, given="Bình")
        cls.entry_a = _audit_row(cls.w.cell_a.path)
        cls.entry_b = _audit_row(cls.w.cell_b.path)
        cls.entry_nowhere = _audit_row("")

    def visible(self, user, model) -> set:
        return set(policy.scope(user, model.objects.all()).values_list("pk", flat=True))

    # -- no role --------------------------------------------------------------

    def test_user_without_role_sees_nothing_and_gets_not_found(self) -> None:
        nobody = self.w.nobody
        assert policy.root_paths(nobody, Action.VIEW) == []
        assert not policy.can(nobody, Action.VIEW, self.w.cell_a)
        with pytest.raises(NotFound):
            policy.require(nobody, Action.VIEW, self.person_a)
        with pytest.raises(NotFound):
            policy.require(nobody, Action.EDIT, self.w.cell_a)
        assert self.visible(nobody, Organization) == set()
        assert self.visible(nobody, Person) == set()
        assert self.visible(nobody, AuditEntry) == set()

    def test_anonymous_user_sees_nothing(self) -> None:
        assert policy.root_paths(AnonymousUser(), Action.VIEW) == []
        assert policy.root_paths(None, Action.VIEW) == []
        with pytest.raises(PermissionDenied):
            policy.require_any(AnonymousUser(), Action.VIEW)

    # -- role in scope ----------------------------------------------------------

    def test_editor_sees_and_edits_the_whole_subtree_of_the_role(self) -> None:
        editor = self.w.editor_a
        for obj in (self.w.province_a, self.w.district_a, self.w.cell_a, self.person_a, self.entry_a):
            assert policy.can(editor, Action.VIEW, obj)
            assert policy.can(editor, Action.EDIT, obj)
            policy.require(editor, Action.EDIT, obj)
        subtree = set(Organization.objects.in_subtree(self.w.province_a).values_list("pk", flat=True))
        assert self.visible(editor, Organization) == subtree
        assert self.visible(editor, Person) == {self.person_a.pk}
        assert self.visible(editor, AuditEntry) == {self.entry_a.pk}

    def test_editor_may_not_administer_visible_objects(self) -> None:
        with pytest.raises(PermissionDenied):
            policy.require(self.w.editor_a, Action.ADMINISTER, self.w.cell_a)
        assert policy.scope(self.w.editor_a, Organization.objects.all(), Action.ADMINISTER).count() == 0

    def test_editor_does_not_see_the_ancestors_of_the_role(self) -> None:
        assert not policy.can(self.w.editor_a, Action.VIEW, self.w.root)

    def test_viewer_may_view_but_editing_is_permission_denied(self) -> None:
        viewer = self.w.viewer_commune_a
        policy.require(viewer, Action.VIEW, self.person_a)
        with pytest.raises(PermissionDenied):
            policy.require(viewer, Action.EDIT, self.person_a)
        with pytest.raises(PermissionDenied):
            policy.require(viewer, Action.VIEW_SENSITIVE, self.person_a)
        assert policy.scope(viewer, Person.objects.all(), Action.EDIT).count() == 0

    def test_viewer_of_a_commune_does_not_see_its_district(self) -> None:
        with pytest.raises(NotFound):
            policy.require(self.w.viewer_commune_a, Action.VIEW, self.w.district_a)

    def test_admin_at_root_sees_everything(self) -> None:
        admin = self.w.admin
        assert policy.can(admin, Action.ADMINISTER, self.w.cell_b)
        assert self.visible(admin, Person) == {self.person_a.pk, self.person_b.pk}
        assert self.visible(admin, AuditEntry) == {self.entry_a.pk, self.entry_b.pk}

    # -- role on a sibling ------------------------------------------------------

    def test_role_on_a_sibling_gives_not_found_not_permission_denied(self) -> None:
        outsider = self.w.outsider_b
        for obj in (self.w.province_a, self.w.cell_a, self.person_a, self.entry_a):
            assert not policy.can(outsider, Action.VIEW, obj)
            with pytest.raises(NotFound):
                policy.require(outsider, Action.ADMINISTER, obj)
        assert self.visible(outsider, Person) == {self.person_b.pk}
        assert self.visible(outsider, AuditEntry) == {self.entry_b.pk}
        assert self.w.province_a.pk not in self.visible(outsider, Organization)

    # -- special users and roles ------------------------------------------------

    def test_nested_roles_combine_view_above_with_edit_below(self) -> None:
        user = make_user("nested", (self.w.province_a, "viewer"), (self.w.commune_a, "editor"))
        assert policy.root_paths(user, Action.VIEW) == [self.w.province_a.path]
        assert policy.root_paths(user, Action.EDIT) == [self.w.commune_a.path]
        policy.require(user, Action.EDIT, self.w.cell_a)
        with pytest.raises(PermissionDenied):
            policy.require(user, Action.EDIT, self.w.district_a)
        assert not policy.can(user, Action.VIEW, self.w.cell_b)

    def test_superuser_sees_everything_even_objects_without_a_path(self) -> None:
        superuser = make_user("root", superuser=True)
        assert policy.root_paths(superuser, Action.ADMINISTER) == [""]
        assert policy.can(superuser, Action.ADMINISTER, self.entry_nowhere)
        assert self.entry_nowhere.pk in self.visible(superuser, AuditEntry)
        assert not policy.can(self.w.admin, Action.VIEW, self.entry_nowhere)

    def test_inactive_user_loses_every_role(self) -> None:
        editor = self.w.editor_a
        editor.is_active = False
        assert policy.root_paths(editor, Action.VIEW) == []
        with pytest.raises(NotFound):
            policy.require(editor, Action.VIEW, self.person_a)

    def test_role_whose_validity_has_ended_gives_nothing(self) -> None:
        today = timezone.localdate()
        user = make_user("former")
        RoleAssignment.objects.create(
            user=user, organization=self.w.province_a, role="editor", valid_from=LONG_AGO, valid_to=today
        )
        assert policy.root_paths(user, Action.VIEW) == []

    def test_role_ending_tomorrow_still_holds_today(self) -> None:
        today = timezone.localdate()
        user = make_user("leaving")
        RoleAssignment.objects.create(
            user=user,
            organization=self.w.province_a,
            role="editor",
            valid_from=LONG_AGO,
            valid_to=today + dt.timedelta(days=1),
        )
        assert policy.can(user, Action.EDIT, self.person_a)

    def test_role_starting_tomorrow_does_not_hold_yet(self) -> None:
        user = make_user("arriving")
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        RoleAssignment.objects.create(user=user, organization=self.w.province_a, role="editor", valid_from=tomorrow)
        assert policy.root_paths(user, Action.VIEW) == []

    def test_roots_are_merged_to_minimal_prefixes(self) -> None:
        user = make_user(
            "many",
            (self.w.cell_a, "viewer"),
            (self.w.province_a, "viewer"),
            (self.w.commune_a, "editor"),
            (self.w.province_b, "viewer"),
        )
        assert policy.root_paths(user, Action.VIEW) == sorted([self.w.province_a.path, self.w.province_b.path])
        assert policy.root_paths(user, Action.EDIT) == [self.w.commune_a.path]
        assert self.visible(user, Person) == {self.person_a.pk, self.person_b.pk}

    def test_minimal_keeps_siblings_sharing_a_string_prefix(self) -> None:
        assert policy._minimal(["0001", "00010002", "0002", "00020001", "00010001"]) == ["0001", "0002"]
        assert policy._minimal(["00010001", "00010002"]) == ["00010001", "00010002"]

    def test_roles_are_cached_until_forgotten(self) -> None:
        user = make_user("late")
        assert not policy.can(user, Action.VIEW, self.w.cell_a)
        RoleAssignment.objects.create(user=user, organization=self.w.cell_a, role="viewer", valid_from=LONG_AGO)
        assert not policy.can(user, Action.VIEW, self.w.cell_a)
        policy.forget(user)
        assert policy.can(user, Action.VIEW, self.w.cell_a)

    def test_require_in_scope_raises_out_of_scope(self) -> None:
        policy.require_in_scope(self.w.editor_a, Action.EDIT, self.person_a)
        with pytest.raises(OutOfScope):
            policy.require_in_scope(self.w.editor_a, Action.EDIT, self.person_b)

    def test_only_roles_on_a_strict_ancestor_count_as_below(self) -> None:
        admin_a = make_user("admin_a", (self.w.province_a, "admin"))
        assert policy.can_strictly_below(admin_a, Action.ADMINISTER, self.w.district_a)
        assert not policy.can_strictly_below(admin_a, Action.ADMINISTER, self.w.province_a)
        assert not policy.can_strictly_below(admin_a, Action.ADMINISTER, self.w.province_b)

    def test_require_any_needs_some_role_with_the_action(self) -> None:
        policy.require_any(self.w.viewer_commune_a, Action.VIEW)
        with pytest.raises(PermissionDenied):
            policy.require_any(self.w.viewer_commune_a, Action.EDIT)
