"""The user management pages, each tried with no role, a role in scope and a role
on a sibling; and the password change an administrator's reset makes due."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ketnap.accounts.models import Account, RoleAssignment
from ketnap.accounts.services import user_password_reset
from ketnap.accounts.tests.test_users import STRONG, UsersTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import make_user


class UserListPageTests(UsersTestCase):
    def test_lists_only_managed_users(self) -> None:
        self.client.force_login(self.admin_a)
        response = self.client.get(reverse("user_list"))
        assert response.status_code == 200
        listed = {user.username for user in response.context["page_obj"]}
        assert listed == {"viewer_xa_a", "xa_admin", "chibo_xem"}
        self.assertContains(response, "Tạo người dùng")

    def test_needs_an_administrator(self) -> None:
        for who in (self.w.viewer_commune_a, self.w.nobody):
            self.client.force_login(who)
            assert self.client.get(reverse("user_list")).status_code == 403

    def test_search_and_pages(self) -> None:
        self.client.force_login(self.w.admin)
        response = self.client.get(reverse("user_list"), {"q": "chibo"})
        assert [user.username for user in response.context["page_obj"]] == ["chibo_xem"]
        # Session, user, roles, count, organizations, one page of users: none per row.
        with self.assertNumQueries(9):
            response = self.client.get(reverse("user_list"))
        assert len(response.context["page_obj"]) == 8


class UserDetailPageTests(UsersTestCase):
    def test_in_scope_shows_roles_and_actions(self) -> None:
        self.client.force_login(self.admin_a)
        response = self.client.get(reverse("user_detail", args=["chibo_xem"]))
        self.assertContains(response, "Chi bộ thôn A")
        self.assertContains(response, "Đặt lại mật khẩu")

    def test_a_peer_is_shown_without_actions_and_its_forms_are_refused(self) -> None:
        self.client.force_login(self.admin_a)
        response = self.client.get(reverse("user_detail", args=["peer_a"]))
        assert response.status_code == 200
        self.assertNotContains(response, "Đặt lại mật khẩu")
        for name in ("user_password_reset", "user_deactivate", "role_grant"):
            assert self.client.post(reverse(name, args=["peer_a"])).status_code == 403

    def test_a_sibling_administrator_gets_not_found(self) -> None:
        self.client.force_login(self.w.outsider_b)
        for name in ("user_detail", "user_password_reset", "user_deactivate", "role_grant"):
            assert self.client.get(reverse(name, args=["chibo_xem"])).status_code == 404

    def test_no_role_gets_not_found(self) -> None:
        self.client.force_login(self.w.nobody)
        assert self.client.get(reverse("user_detail", args=["chibo_xem"])).status_code == 404


class RoleFormsTests(UsersTestCase):
    def test_grant_strictly_below(self) -> None:
        self.client.force_login(self.commune_admin)
        data = {"role": "editor", "organization": "chi-bo-a", "valid_from": "01/03/2026"}
        response = self.client.post(reverse("role_grant", args=["chibo_xem"]), data)
        self.assertRedirects(response, reverse("user_detail", args=["chibo_xem"]))
        row = RoleAssignment.objects.get(user=self.cell_viewer, role="editor")
        assert row.valid_from == dt.date(2026, 3, 1)

    def test_grant_on_ones_own_node_or_a_hidden_one_is_a_form_error_or_status(self) -> None:
        self.client.force_login(self.commune_admin)
        url = reverse("role_grant", args=["chibo_xem"])
        response = self.client.post(url, {"role": "editor", "organization": "tinh-b", "valid_from": "01/03/2026"})
        assert response.status_code == 400
        self.assertContains(response, "Không tìm thấy tổ chức có mã này.", status_code=400)
        response = self.client.post(url, {"role": "admin", "organization": "xa-a", "valid_from": "01/03/2026"})
        assert response.status_code == 403
        response = self.client.post(url, {"role": "owner", "organization": "chi-bo-a", "valid_from": "31/02/2026"})
        assert set(response.context["form"].errors) == {"role", "valid_from"}
        assert not RoleAssignment.objects.filter(user=self.cell_viewer).exclude(role="viewer").exists()

    def test_end_a_role_from_the_access_page(self) -> None:
        row = RoleAssignment.objects.get(user=self.w.viewer_commune_a)
        self.client.force_login(self.admin_a)
        url = reverse("role_end", args=[row.pk]) + "?ve=truy-cap"
        response = self.client.post(url, {"on": timezone.localdate().strftime("%d/%m/%Y")})
        self.assertRedirects(response, reverse("organization_access", args=["xa-a"]))
        row.refresh_from_db()
        assert row.valid_to == timezone.localdate()

    def test_ending_a_role_before_it_began_is_a_form_error(self) -> None:
        row = RoleAssignment.objects.get(user=self.w.viewer_commune_a)
        self.client.force_login(self.admin_a)
        response = self.client.post(reverse("role_end", args=[row.pk]), {"on": "01/01/1999"})
        assert response.status_code == 400
        self.assertContains(response, "Ngày kết thúc phải sau ngày bắt đầu.", status_code=400)

    def test_ending_a_role_out_of_reach(self) -> None:
        peer_row = RoleAssignment.objects.get(user=self.peer_a)
        self.client.force_login(self.admin_a)
        assert self.client.post(reverse("role_end", args=[peer_row.pk]), {"on": "01/01/2026"}).status_code == 403
        self.client.force_login(self.w.outsider_b)
        assert self.client.get(reverse("role_end", args=[peer_row.pk])).status_code == 404


class CreateResetDeactivatePagesTests(UsersTestCase):
    def test_create_shows_the_one_time_password_once(self) -> None:
        self.client.force_login(self.admin_a)
        data = {"username": "moi", "full_name": "Lò Văn Mới", "email": "moi@example.org", "organization": "xa-a"}
        response = self.client.post(reverse("user_create"), data)
        password = response.context["password"]
        self.assertContains(response, password)
        user = Account.objects.get(user__username="moi").user
        assert user.check_password(password)
        assert self.client.get(reverse("user_detail", args=["moi"])).content.count(password.encode()) == 0

    def test_create_names_the_bad_fields(self) -> None:
        self.client.force_login(self.admin_a)
        data = {"username": "peer_a", "full_name": "", "email": "x", "organization": "tinh-b", "password": "123"}
        response = self.client.post(reverse("user_create"), data)
        assert response.status_code == 400
        assert {"full_name", "email", "organization"} <= set(response.context["form"].errors)

    def test_create_defaults_to_the_administrators_organization(self) -> None:
        self.client.force_login(self.commune_admin)
        response = self.client.get(reverse("user_create"))
        assert response.context["form"].initial["organization"] == "xa-a"

    def test_reset_with_a_weak_password_is_refused_on_the_field(self) -> None:
        self.client.force_login(self.admin_a)
        response = self.client.post(reverse("user_password_reset", args=["chibo_xem"]), {"password": "chibo"})
        assert response.status_code == 400 and "password" in response.context["form"].errors

    def test_deactivate_after_confirmation(self) -> None:
        self.client.force_login(self.admin_a)
        url = reverse("user_deactivate", args=["chibo_xem"])
        self.assertContains(self.client.get(url), "Xác nhận")
        self.client.post(url)
        self.cell_viewer.refresh_from_db()
        assert not self.cell_viewer.is_active


class AccessPageTests(UsersTestCase):
    def test_lists_roles_through_ancestors_and_offers_to_end_those_below(self) -> None:
        self.client.force_login(self.admin_a)
        response = self.client.get(reverse("organization_access", args=["xa-a"]))
        rows = list(response.context["page_obj"])
        assert {row.user.username for row in rows} == {
            "admin",
            "admin_a",
            "peer_a",
            "editor_a",
            "xa_admin",
            "viewer_xa_a",
        }
        endable = {row.user.username for row in rows if row.pk in response.context["endable"]}
        assert endable == {"xa_admin", "viewer_xa_a"}

    def test_history_includes_ended_roles(self) -> None:
        RoleAssignment.objects.create(
            user=self.w.nobody, organization=self.w.commune_a, role="viewer", valid_from=LONG, valid_to=LATER
        )
        self.client.force_login(self.admin_a)
        url = reverse("organization_access", args=["xa-a"])
        assert self.w.nobody not in [row.user for row in self.client.get(url).context["page_obj"]]
        history = self.client.get(url, {"history": "on"}).context["page_obj"]
        assert self.w.nobody in [row.user for row in history]

    def test_three_ways(self) -> None:
        url = reverse("organization_access", args=["xa-a"])
        self.client.force_login(self.w.viewer_commune_a)
        assert self.client.get(url).status_code == 403
        self.client.force_login(self.w.outsider_b)
        assert self.client.get(url).status_code == 404
        self.client.force_login(self.w.nobody)
        assert self.client.get(url).status_code == 404


LONG, LATER = dt.date(2010, 1, 1), dt.date(2012, 1, 1)


class PasswordChangeDueTests(TestCase):
    def test_after_a_reset_every_page_leads_to_the_password_page_until_changed(self) -> None:
        from ketnap.core.testing import make_user

        alice = make_user("alice")
        user_password_reset(actor=None, user=alice, password=STRONG)
        alice.refresh_from_db()  # the reset changed the hash the session is tied to
        self.client.force_login(alice)
        self.assertRedirects(self.client.get("/"), reverse("password_change"), fetch_redirect_response=False)
        assert self.client.get("/api/v1/me").status_code == 401
        page = self.client.get(reverse("password_change"))
        self.assertContains(page, "Mật khẩu của bạn do quản trị viên đặt")
        data = {
            "old_password": STRONG,
            "new_password1": "mat-khau-rieng-cua-alice",
            "new_password2": "mat-khau-rieng-cua-alice",
        }
        self.client.post(reverse("password_change"), data)
        assert self.client.get("/").status_code == 200
        assert not Account.objects.get(user=alice).must_change_password
        assert AuditEntry.objects.filter(action="user.password_change", actor=alice).exists()


class OrganizationPageLinkTests(UsersTestCase):
    def test_only_administrators_see_the_access_link(self) -> None:
        url = reverse("organization", args=["xa-a"])
        access = reverse("organization_access", args=["xa-a"])
        self.client.force_login(self.admin_a)
        self.assertContains(self.client.get(url), access)
        self.client.force_login(self.w.viewer_commune_a)
        self.assertNotContains(self.client.get(url), access)


class AccessPageQueriesTests(UsersTestCase):
    def test_queries_do_not_grow_with_the_rows(self) -> None:
        url = reverse("organization_access", args=["chi-bo-a"])
        self.client.force_login(self.admin_a)
        self.client.get(url)
        with self.assertNumQueries(10) as few:
            self.client.get(url)
        for number in range(5):
            make_user(f"them_{number}", (self.w.cell_a, "viewer"))
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(url)
        assert response.context["page_obj"].paginator.count == 13
