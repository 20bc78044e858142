"""User management by the administrators of a subtree: whom they manage, creating
users, granting on organizations strictly below their own, password resets,
deactivation and the access list, each from the side of someone trying to reach
further than they may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import timezone

from ketnap.accounts import selectors
from ketnap.accounts.models import Account, RoleAssignment
from ketnap.accounts.services import role_end, role_grant, user_create, user_deactivate, user_password_reset
from ketnap.accounts.tokens import token_create, token_user
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.testing import LONG_AGO, build_world, make_user

STRONG = "mot-mat-khau-rat-dai-2026"


def home(user, org) -> None:
    Account.objects.update_or_create(user=user, defaults={"home_organization": org})


class UsersTestCase(TestCase):
    """Besides the shared personas: two administrators of province A (``admin_a`` and
    its peer), an administrator of a commune in A, a cell viewer, a user with roles
    in both provinces, and a superuser."""

    @classmethod
    def setUpTestData(cls) -> None:
        w = cls.w = build_world()
        cls.admin_a = make_user("admin_a", (w.province_a, "admin"))
        cls.peer_a = make_user("peer_a", (w.province_a, "admin"))
        cls.commune_admin = make_user("xa_admin", (w.commune_a, "admin"))
        cls.cell_viewer = make_user("chibo_xem", (w.cell_a, "viewer"))
        cls.both = make_user("hai_tinh", (w.cell_a, "viewer"), (w.cell_b, "viewer"))
        cls.root_user = make_user("root", superuser=True)


class WhomAnAdministratorManagesTests(UsersTestCase):
    def test_users_whose_roles_all_lie_strictly_below(self) -> None:
        managed = set(selectors.users_manageable(self.admin_a).values_list("username", flat=True))
        assert managed == {"viewer_xa_a", "xa_admin", "chibo_xem"}

    def test_a_peer_on_the_same_node_is_visible_but_not_managed(self) -> None:
        for peer in (self.peer_a, self.w.editor_a):
            with pytest.raises(PermissionDenied):
                selectors.require_manageable(self.admin_a, peer)

    def test_a_superior_a_sibling_and_a_superuser_are_not_found(self) -> None:
        for other in (self.w.admin, self.w.outsider_b, self.root_user, self.w.nobody):
            with pytest.raises(NotFound):
                selectors.require_manageable(self.admin_a, other)

    def test_a_user_with_a_role_outside_is_not_managed(self) -> None:
        with pytest.raises(PermissionDenied):
            selectors.require_manageable(self.admin_a, self.both)
        selectors.require_manageable(self.w.admin, self.both)

    def test_a_user_without_roles_is_managed_from_their_home_and_above(self) -> None:
        fresh = make_user("moi")
        home(fresh, self.w.commune_a)
        for admin in (self.commune_admin, self.admin_a, self.w.admin):
            selectors.require_manageable(admin, fresh)
        with pytest.raises(NotFound):
            selectors.require_manageable(self.w.outsider_b, fresh)

    def test_ended_roles_do_not_count_and_future_ones_do(self) -> None:
        former = make_user("cu")
        RoleAssignment.objects.create(
            user=former, organization=self.w.province_a, role="admin", valid_from=LONG_AGO, valid_to=dt.date(2020, 1, 1)
        )
        home(former, self.w.commune_a)
        selectors.require_manageable(self.admin_a, former)
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        RoleAssignment.objects.create(user=former, organization=self.w.province_a, role="admin", valid_from=tomorrow)
        with pytest.raises(PermissionDenied):
            selectors.require_manageable(self.admin_a, former)

    def test_a_commune_administrator_does_not_manage_themselves(self) -> None:
        with pytest.raises(PermissionDenied):
            selectors.require_manageable(self.commune_admin, self.commune_admin)


class GrantBoundaryTests(UsersTestCase):
    def grant(self, actor, org, user=None, role="editor", valid_from=LONG_AGO):
        return role_grant(
            actor=actor, user=user or self.cell_viewer, organization=org, role=role, valid_from=valid_from
        )

    def test_strictly_below_is_granted(self) -> None:
        row = self.grant(self.admin_a, self.w.district_a, role="admin")
        assert row.valid_to is None
        assert AuditEntry.objects.filter(action="role.grant", actor=self.admin_a).count() == 1

    def test_the_same_node_is_refused(self) -> None:
        with pytest.raises(PermissionDenied):
            self.grant(self.admin_a, self.w.province_a, role="viewer")

    def test_a_sibling_and_an_ancestor_are_not_found(self) -> None:
        for org in (self.w.province_b, self.w.root):
            with pytest.raises(NotFound):
                self.grant(self.admin_a, org)
        assert not RoleAssignment.objects.filter(user=self.cell_viewer, role="editor").exists()

    def test_an_administrator_cannot_grant_themselves_or_a_peer(self) -> None:
        for user in (self.admin_a, self.peer_a):
            with pytest.raises(PermissionDenied):
                self.grant(self.admin_a, self.w.cell_a, user=user)

    def test_a_role_may_start_in_the_future(self) -> None:
        start = timezone.localdate() + dt.timedelta(days=30)
        row = self.grant(self.admin_a, self.w.cell_a, valid_from=start)
        assert row.valid_from == start

    def test_a_deactivated_user_gets_no_role(self) -> None:
        user_deactivate(actor=self.admin_a, user=self.cell_viewer)
        with pytest.raises(TransitionNotAllowed):
            self.grant(self.admin_a, self.w.cell_a)

    def test_ending_a_role_on_ones_own_node_is_refused(self) -> None:
        row = RoleAssignment.objects.get(user=self.peer_a)
        with pytest.raises(PermissionDenied):
            role_end(actor=self.admin_a, assignment=row, on=timezone.localdate())
        assert not selectors.may_end(self.admin_a, row)

    def test_a_subordinate_administrator_cannot_end_a_superiors_role_below_them(self) -> None:
        """Regression: the province administrator also holds a role on a cell; the commune
        administrator sees that role (it lies below them) but may not end it."""
        row = RoleAssignment.objects.create(
            user=self.admin_a, organization=self.w.cell_a, role="viewer", valid_from=dt.date(2020, 1, 1)
        )
        with pytest.raises(PermissionDenied):
            role_end(actor=self.commune_admin, assignment=row, on=timezone.localdate())
        row.refresh_from_db()
        assert row.valid_to is None

    def test_ending_closes_the_row_on_the_date(self) -> None:
        row = RoleAssignment.objects.get(user=self.cell_viewer)
        role_end(actor=self.commune_admin, assignment=row, on=dt.date(2024, 6, 1))
        row.refresh_from_db()
        assert row.valid_to == dt.date(2024, 6, 1)
        entry = AuditEntry.objects.get(action="role.end")
        assert entry.after == {"valid_to": "2024-06-01"} and entry.organization_path == self.w.cell_a.path


class UserCreateTests(UsersTestCase):
    def create(self, actor, org, username="moi", password=None, email="moi@example.org"):
        return user_create(
            actor=actor, username=username, email=email, full_name="Lò  Văn Mới", organization=org, password=password
        )

    def test_creates_with_a_one_time_password_to_change(self) -> None:
        user, generated = self.create(self.admin_a, self.w.commune_a)
        assert generated and user.check_password(generated)
        assert user.get_full_name() == "Lò Văn Mới"
        assert user.account.home_organization == self.w.commune_a and user.account.must_change_password
        assert user.account.created_by == self.admin_a
        entry = AuditEntry.objects.get(action="user.create")
        assert entry.after["home_organization"] == "xa-a" and entry.organization_path == self.w.commune_a.path
        selectors.require_manageable(self.admin_a, user)

    def test_a_set_password_must_meet_the_rules(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            self.create(self.admin_a, self.w.commune_a, password="12345678")
        assert "password" in error.value.errors
        user, generated = self.create(self.admin_a, self.w.commune_a, password=STRONG)
        assert generated is None and user.check_password(STRONG)

    def test_outside_the_subtree_is_not_found_and_a_viewer_is_refused(self) -> None:
        with pytest.raises(NotFound):
            self.create(self.admin_a, self.w.province_b)
        with pytest.raises(PermissionDenied):
            self.create(self.w.viewer_commune_a, self.w.commune_a)
        with pytest.raises(NotFound):
            self.create(self.w.nobody, self.w.commune_a)
        assert not get_user_model().objects.filter(username="moi").exists()

    def test_bad_fields_are_named_and_nothing_is_written(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            self.create(self.admin_a, self.w.commune_a, username="peer_a", email="")
        assert {"username", "email"} <= set(error.value.errors)
        with pytest.raises(ValidationFailed) as error:
            self.create(self.admin_a, None)
        assert "organization" in error.value.errors
        assert not AuditEntry.objects.filter(action="user.create").exists()

    def test_the_command_line_operator_may_create_without_an_organization(self) -> None:
        user, _generated = self.create(None, None)
        assert user.account.home_organization is None


class PasswordResetAndDeactivateTests(UsersTestCase):
    def test_reset_gives_a_one_time_password_and_revokes_tokens(self) -> None:
        _token, raw = token_create(actor=None, user=self.cell_viewer, label="script")
        generated = user_password_reset(actor=self.commune_admin, user=self.cell_viewer)
        self.cell_viewer.refresh_from_db()
        assert generated and self.cell_viewer.check_password(generated)
        assert token_user(raw) is None
        assert Account.objects.get(user=self.cell_viewer).must_change_password
        entry = AuditEntry.objects.get(action="user.password_reset")
        assert entry.actor == self.commune_admin and entry.after == {"user": "chibo_xem", "generated": True}
        assert generated not in str(entry.after)

    def test_a_set_password_must_meet_the_rules_and_nothing_changes(self) -> None:
        with pytest.raises(ValidationFailed) as error:
            user_password_reset(actor=self.admin_a, user=self.cell_viewer, password="chibo_xem")
        assert "password" in error.value.errors
        self.cell_viewer.refresh_from_db()
        assert self.cell_viewer.check_password("correct-horse-battery")

    def test_the_users_own_change_lifts_the_duty(self) -> None:
        user_password_reset(actor=self.admin_a, user=self.cell_viewer, password=STRONG)
        self.cell_viewer.set_password("mat-khau-cua-rieng-toi")
        self.cell_viewer.save()
        assert not Account.objects.get(user=self.cell_viewer).must_change_password

    def test_a_peer_or_a_superior_cannot_be_reset_or_deactivated(self) -> None:
        for service in (user_password_reset, user_deactivate):
            for target in (self.peer_a, self.w.editor_a):
                with pytest.raises(PermissionDenied):
                    service(actor=self.admin_a, user=target)
            with pytest.raises(NotFound):
                service(actor=self.commune_admin, user=self.admin_a)
        self.peer_a.refresh_from_db()
        assert self.peer_a.is_active and self.peer_a.check_password("correct-horse-battery")

    def test_an_administrator_deactivates_a_managed_user(self) -> None:
        user_deactivate(actor=self.admin_a, user=self.cell_viewer)
        self.cell_viewer.refresh_from_db()
        assert not self.cell_viewer.is_active
        assert AuditEntry.objects.filter(action="user.deactivate", actor=self.admin_a).exists()

    def test_nobody_deactivates_themselves(self) -> None:
        with pytest.raises(TransitionNotAllowed):
            user_deactivate(actor=self.root_user, user=self.root_user)


class OrganizationAccessTests(UsersTestCase):
    def test_roles_on_the_organization_and_its_ancestors(self) -> None:
        rows = selectors.organization_access(self.commune_admin, self.w.commune_a, as_of=timezone.localdate())
        names = {(row.user.username, row.organization.code) for row in rows}
        assert names == {
            ("admin", "vn"),
            ("admin_a", "tinh-a"),
            ("peer_a", "tinh-a"),
            ("editor_a", "tinh-a"),
            ("xa_admin", "xa-a"),
            ("viewer_xa_a", "xa-a"),
        }

    def test_ended_roles_only_with_their_dates(self) -> None:
        row = RoleAssignment.objects.get(user=self.w.viewer_commune_a)
        role_end(actor=self.admin_a, assignment=row, on=dt.date(2024, 1, 1))
        today = selectors.organization_access(self.admin_a, self.w.commune_a, as_of=timezone.localdate())
        assert row not in today
        assert row in selectors.organization_access(self.admin_a, self.w.commune_a, as_of=dt.date(2023, 6, 1))
        assert row in selectors.organization_access(self.admin_a, self.w.commune_a)

    def test_only_administrators_may_ask(self) -> None:
        with pytest.raises(PermissionDenied):
            selectors.organization_access(self.w.viewer_commune_a, self.w.commune_a)
        with pytest.raises(NotFound):
            selectors.organization_access(self.w.outsider_b, self.w.commune_a)
