"""Granting and ending roles: only an administrator of an ancestor may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from ketnap.accounts.models import Account, RoleAssignment
from ketnap.accounts.services import role_end, role_grant
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.core.testing import LONG_AGO, build_world, make_org, make_user
from ketnap.organizations.models import OrgKind


class RoleGrantTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.admin_a = make_user("admin_a", (cls.w.province_a, "admin"))
        cls.grantee = make_user("grantee")
        Account.objects.create(user=cls.grantee, home_organization=cls.w.province_a)

    def grant(self, actor, org, role="editor", valid_from=LONG_AGO) -> RoleAssignment:
        return role_grant(actor=actor, user=self.grantee, organization=org, role=role, valid_from=valid_from)

    def test_admin_of_an_ancestor_grants_and_the_policy_sees_it_at_once(self) -> None:
        assert not policy.can(self.grantee, Action.EDIT, self.w.cell_a)
        self.grant(self.admin_a, self.w.commune_a)
        assert policy.can(self.grantee, Action.EDIT, self.w.cell_a)
        entry = AuditEntry.objects.get(action="role.grant")
        assert (entry.actor, entry.after["role"], entry.after["user"]) == (self.admin_a, "editor", "grantee")
        assert entry.organization_path == self.w.commune_a.path

    def test_admin_may_not_grant_on_their_own_organization(self) -> None:
        with pytest.raises(PermissionDenied):
            self.grant(self.admin_a, self.w.province_a, role="admin")
        assert not RoleAssignment.objects.filter(user=self.grantee).exists()

    def test_root_admin_grants_on_a_province(self) -> None:
        self.grant(self.w.admin, self.w.province_b, role="viewer")
        assert policy.can(self.grantee, Action.VIEW, self.w.cell_b)

    def test_admin_on_a_sibling_gets_not_found(self) -> None:
        with pytest.raises(NotFound):
            self.grant(self.admin_a, self.w.cell_b)

    def test_editor_and_nobody_may_not_grant(self) -> None:
        with pytest.raises(PermissionDenied):
            self.grant(self.w.editor_a, self.w.cell_a)
        with pytest.raises(NotFound):
            self.grant(self.w.nobody, self.w.cell_a)

    def test_the_same_open_role_twice_is_refused(self) -> None:
        self.grant(self.admin_a, self.w.commune_a)
        with pytest.raises(ValidationFailed):
            self.grant(self.admin_a, self.w.commune_a, valid_from=dt.date(2024, 1, 1))

    def test_unknown_role_is_refused(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            self.grant(self.admin_a, self.w.commune_a, role="owner")
        assert "role" in error.value.errors

    def test_closed_organization_is_refused(self) -> None:
        closed = make_org(self.w.commune_a, "cu", OrgKind.SUBORDINATE_CELL, valid_to=dt.date(2020, 1, 1))
        with pytest.raises(ValidationFailed):
            self.grant(self.admin_a, closed, valid_from=dt.date(2024, 1, 1))


class RoleEndTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.assignment = RoleAssignment.objects.get(user=cls.w.editor_a)

    def test_ending_today_removes_access_today_and_keeps_the_row(self) -> None:
        editor = self.w.editor_a
        assert policy.can(editor, Action.EDIT, self.w.cell_a)
        today = timezone.localdate()
        role_end(actor=self.w.admin, assignment=self.assignment, on=today)
        # The service forgot the cached roles of its own copy of the user.
        policy.forget(editor)
        assert not policy.can(editor, Action.VIEW, self.w.cell_a)
        assert RoleAssignment.objects.get(pk=self.assignment.pk).valid_to == today
        entry = AuditEntry.objects.get(action="role.end")
        assert entry.before == {"valid_to": None} and entry.after == {"valid_to": str(today)}

    def test_role_ending_tomorrow_still_holds_today(self) -> None:
        role_end(actor=self.w.admin, assignment=self.assignment, on=timezone.localdate() + dt.timedelta(days=1))
        policy.forget(self.w.editor_a)
        assert policy.can(self.w.editor_a, Action.EDIT, self.w.cell_a)

    def test_ending_twice_or_before_the_start_is_refused(self) -> None:
        with pytest.raises(ValidationFailed):
            role_end(actor=self.w.admin, assignment=self.assignment, on=LONG_AGO)
        role_end(actor=self.w.admin, assignment=self.assignment, on=dt.date(2024, 1, 1))
        with pytest.raises(TransitionNotAllowed):
            role_end(actor=self.w.admin, assignment=self.assignment, on=dt.date(2025, 1, 1))

    def test_holder_may_not_end_their_own_role_and_outsider_gets_not_found(self) -> None:
        with pytest.raises(PermissionDenied):
            role_end(actor=self.w.editor_a, assignment=self.assignment, on=dt.date(2024, 1, 1))
        with pytest.raises(NotFound):
            role_end(actor=self.w.outsider_b, assignment=self.assignment, on=dt.date(2024, 1, 1))
