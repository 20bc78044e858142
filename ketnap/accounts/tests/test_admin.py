"""The Django admin: superusers only, read-only where services write, saves audited."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse

from ketnap.accounts.models import ApiToken, RoleAssignment
from ketnap.accounts.services import role_end
from ketnap.accounts.tokens import token_create
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import build_world, make_member
from ketnap.people.models import MembershipEvent


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.root = get_user_model().objects.create_superuser("root", password="correct-horse-battery")
        cls.staff = get_user_model().objects.create_user("staff", password="correct-horse-battery", is_staff=True)
        cls.member = make_member(cls.world.cell_a, citizen_id="001190004321")

    def setUp(self) -> None:
        self.client.force_login(self.root)

    def test_every_registered_changelist_opens_for_a_superuser(self):
        for model in admin.site._registry:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_staff_without_superuser_rights_is_kept_out(self):
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)
        url = reverse("admin:audit_auditentry_changelist")
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_audit_entries_and_events_are_read_only(self):
        event = MembershipEvent.objects.filter(person=self.member).first()
        self.assertEqual(self.client.get(reverse("admin:people_membershipevent_add")).status_code, 403)
        change = reverse("admin:people_membershipevent_change", args=[event.pk])
        self.assertEqual(self.client.get(change).status_code, 200)
        self.assertEqual(self.client.post(change, {"kind": "died"}).status_code, 403)
        self.assertEqual(self.client.get(reverse("admin:audit_auditentry_add")).status_code, 403)
        request = RequestFactory().get("/")
        request.user = self.root
        self.assertFalse(admin.site._registry[AuditEntry].has_delete_permission(request))

    def test_person_page_leaves_out_sensitive_fields(self):
        response = self.client.get(reverse("admin:people_person_change", args=[self.member.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "001190004321")

    def test_roles_are_not_edited_here_but_can_be_ended_through_the_service(self):
        self.assertEqual(self.client.get(reverse("admin:accounts_roleassignment_add")).status_code, 403)
        role = RoleAssignment.objects.get(user=self.world.viewer_commune_a)
        response = self.client.post(
            reverse("admin:accounts_roleassignment_changelist"),
            {"action": "end_today", admin.helpers.ACTION_CHECKBOX_NAME: [role.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertIsNotNone(RoleAssignment.objects.get(pk=role.pk).valid_to)
        self.assertTrue(AuditEntry.objects.filter(action="role.end", actor=self.root, object_id=str(role.pk)).exists())

    def test_a_refused_action_is_reported_and_changes_nothing(self):
        ended = RoleAssignment.objects.get(user=self.world.editor_a)
        role_end(actor=self.root, assignment=ended, on=dt.date(2020, 1, 1))
        active = RoleAssignment.objects.get(user=self.world.viewer_commune_a)
        response = self.client.post(
            reverse("admin:accounts_roleassignment_changelist"),
            {"action": "end_today", admin.helpers.ACTION_CHECKBOX_NAME: [ended.pk, active.pk]},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(RoleAssignment.objects.get(pk=active.pk).valid_to)
        self.assertTrue(any(m.level_tag == "error" for m in response.context["messages"]))

    def test_revoke_action_revokes_through_the_service(self):
        token, _ = token_create(actor=None, user=self.world.editor_a, label="old")
        response = self.client.post(
            reverse("admin:accounts_apitoken_changelist"),
            {"action": "revoke", admin.helpers.ACTION_CHECKBOX_NAME: [token.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertIsNotNone(ApiToken.objects.get(pk=token.pk).revoked_at)
        self.assertTrue(AuditEntry.objects.filter(action="token.revoke", actor=self.root).exists())


class UserAdminTests(TestCase):
    def test_deactivating_users_revokes_their_tokens(self):
        root = get_user_model().objects.create_superuser("root", password="correct-horse-battery")
        alice = get_user_model().objects.create_user("alice", password="correct-horse-battery")
        token, _raw = token_create(actor=None, user=alice, label="script")
        self.client.force_login(root)
        response = self.client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "deactivate", admin.helpers.ACTION_CHECKBOX_NAME: [alice.pk]},
        )
        self.assertEqual(response.status_code, 302)
        alice.refresh_from_db()
        self.assertFalse(alice.is_active)
        self.assertIsNotNone(ApiToken.objects.get(pk=token.pk).revoked_at)
        self.assertTrue(AuditEntry.objects.filter(action="user.deactivate", actor=root).exists())


class AdminLoginThrottleTests(TestCase):
    """The admin signs in through the throttled login: its own form is never used."""

    PASSWORD = "correct-horse-battery"

    @classmethod
    def setUpTestData(cls) -> None:
        cls.root = get_user_model().objects.create_superuser("root", password=cls.PASSWORD)

    def test_admin_pages_send_to_the_throttled_login_and_back(self):
        response = self.client.get(reverse("admin:index"), follow=True)
        self.assertEqual(response.redirect_chain[-1][0], "/dang-nhap/?next=%2Fadmin%2F")
        response = self.client.post("/dang-nhap/?next=/admin/", {"username": "root", "password": self.PASSWORD})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        # A superuser's password alone does not open the admin: the second factor comes first.
        response = self.client.get("/admin/")
        self.assertRedirects(response, "/tai-khoan/xac-thuc/dang-ky/?next=%2Fadmin%2F", fetch_redirect_response=False)

    def test_a_password_posted_to_the_admin_form_is_not_checked(self):
        response = self.client.post(reverse("admin:login"), {"username": "root", "password": self.PASSWORD})
        self.assertRedirects(response, "/dang-nhap/?next=%2Fadmin%2F", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(LOGIN_MAX_FAILURES=5)
    def test_five_failures_lock_the_admin_login_too(self):
        login = f"{reverse('admin:login')}?next=/admin/"
        for _ in range(5):
            target = self.client.get(login)["Location"]
            self.assertEqual(self.client.post(target, {"username": "root", "password": "wrong"}).status_code, 200)
        target = self.client.get(login)["Location"]
        response = self.client.post(target, {"username": "root", "password": self.PASSWORD})
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)
