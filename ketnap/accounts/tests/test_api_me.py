"""``/me``: the caller and their roles valid today."""

from __future__ import annotations

from ketnap.api.tests.base import ApiTestCase


class MeTests(ApiTestCase):
    def test_no_role_gets_its_name_and_no_roles(self):
        response = self.get("/api/v1/me", "nobody")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["username"], response.json()["roles"]), ("nobody", []))

    def test_role_in_scope_lists_the_role_with_the_organization_code(self):
        body = self.get("/api/v1/me", "viewer_commune_a").json()
        self.assertEqual([(r["role"], r["organization"]) for r in body["roles"]], [("viewer", "xa-a")])
        self.assertFalse(body["is_superuser"])

    def test_role_on_sibling_lists_only_its_own_roles(self):
        body = self.get("/api/v1/me", "outsider_b").json()
        self.assertEqual([(r["role"], r["organization"]) for r in body["roles"]], [("admin", "tinh-b")])

    def test_without_credentials_is_401(self):
        self.assertError(self.get("/api/v1/me", None), 401, "unauthenticated")
