"""Bearer tokens and the Django session: who may call the API at all."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from ketnap.accounts.models import ApiToken, hash_token
from ketnap.accounts.tokens import token_revoke
from ketnap.api.tests.base import ApiTestCase


class BearerTokenTests(ApiTestCase):
    def test_valid_token_authenticates(self):
        self.assertEqual(self.get("/api/v1/me", "editor_a").json()["username"], "editor_a")

    def test_missing_credentials_are_401_with_a_challenge(self):
        response = self.get("/api/v1/organizations", None)
        self.assertError(response, 401, "unauthenticated")
        self.assertIn("Bearer", response["WWW-Authenticate"])

    def test_unknown_token_is_401(self):
        response = self.get("/api/v1/me", None, HTTP_AUTHORIZATION="Bearer kn_not-a-real-token")
        self.assertError(response, 401, "unauthenticated")

    def test_other_schemes_are_401(self):
        raw = self.tokens["editor_a"]
        self.assertError(self.get("/api/v1/me", None, HTTP_AUTHORIZATION=f"Token {raw}"), 401, "unauthenticated")
        self.assertError(self.get("/api/v1/me", None, HTTP_AUTHORIZATION=raw), 401, "unauthenticated")

    def test_the_digest_itself_is_not_a_token(self):
        digest = hash_token(self.tokens["editor_a"])
        self.assertError(self.get("/api/v1/me", None, HTTP_AUTHORIZATION=f"Bearer {digest}"), 401, "unauthenticated")

    def test_revoked_token_is_401(self):
        token = ApiToken.objects.get(digest=hash_token(self.tokens["editor_a"]))
        token_revoke(actor=None, token=token)
        self.assertError(self.get("/api/v1/me", "editor_a"), 401, "unauthenticated")

    def test_expired_token_is_401(self):
        ApiToken.objects.filter(digest=hash_token(self.tokens["editor_a"])).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
        self.assertError(self.get("/api/v1/me", "editor_a"), 401, "unauthenticated")

    def test_token_not_yet_expired_works(self):
        ApiToken.objects.filter(digest=hash_token(self.tokens["editor_a"])).update(
            expires_at=timezone.now() + dt.timedelta(hours=1)
        )
        self.assertEqual(self.get("/api/v1/me", "editor_a").status_code, 200)

    def test_token_of_an_inactive_user_is_401(self):
        self.world.editor_a.is_active = False
        self.world.editor_a.save()
        self.assertError(self.get("/api/v1/me", "editor_a"), 401, "unauthenticated")

    def test_bad_token_is_refused_even_with_a_session(self):
        self.client.force_login(self.world.admin)
        response = self.get("/api/v1/me", None, HTTP_AUTHORIZATION="Bearer kn_wrong")
        self.assertError(response, 401, "unauthenticated")


class SessionTests(ApiTestCase):
    def test_logged_in_session_authenticates(self):
        self.client.force_login(self.world.viewer_commune_a)
        self.assertEqual(self.get("/api/v1/me", None).json()["username"], "viewer_xa_a")

    def test_session_is_scoped_like_a_token(self):
        self.client.force_login(self.world.outsider_b)
        self.assertError(self.get("/api/v1/organizations/xa-a", None), 404, "not_found")

    def test_unsafe_method_on_a_session_needs_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.world.editor_a)
        url = f"/api/v1/people/{self.member_a.pk}/reveal"
        self.assertError(client.post(url), 403, "csrf_failed")
        client.get("/api/v1/me")  # any page; the cookie is set below
        csrf = "a" * 32
        client.cookies["csrftoken"] = csrf
        self.assertEqual(client.post(url, HTTP_X_CSRFTOKEN=csrf).status_code, 200)

    def test_bearer_token_needs_no_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        url = f"/api/v1/people/{self.member_a.pk}/reveal"
        response = client.post(url, HTTP_AUTHORIZATION=f"Bearer {self.tokens['editor_a']}")
        self.assertEqual(response.status_code, 200, response.content)
