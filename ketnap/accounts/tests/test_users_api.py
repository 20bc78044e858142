"""The user management API: the same boundaries as the services, in the error shape."""

from __future__ import annotations

import json
from typing import Any

from ketnap.accounts.models import RoleAssignment
from ketnap.accounts.tests.test_users import STRONG, UsersTestCase
from ketnap.accounts.tokens import token_create
from ketnap.audit.models import AuditEntry

BASE = "/api/v1"


class UsersApiTestCase(UsersTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        people = {
            "admin_a": cls.admin_a,
            "xa_admin": cls.commune_admin,
            "outsider_b": cls.w.outsider_b,
            "viewer": cls.w.viewer_commune_a,
            "nobody": cls.w.nobody,
        }
        cls.tokens = {name: token_create(actor=None, user=user, label="t")[1] for name, user in people.items()}

    def call(self, method: str, url: str, who: str, body: dict[str, Any] | None = None) -> Any:
        extra: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[who]}"}
        if body is not None:
            extra |= {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(self.client, method)(BASE + url, **extra)

    def assertError(self, response: Any, status: int, code: str) -> dict[str, Any]:
        assert response.status_code == status, response.content
        error = response.json()["error"]
        assert error["code"] == code and error["message"]
        return error


class UserApiTests(UsersApiTestCase):
    def test_list_three_ways(self) -> None:
        body = self.call("get", "/users", "admin_a").json()
        assert body["count"] == 3
        assert {item["username"] for item in body["items"]} == {"viewer_xa_a", "xa_admin", "chibo_xem"}
        assert self.call("get", "/users", "outsider_b").json()["count"] == 0  # hai_tinh also has a role in A
        self.assertError(self.call("get", "/users", "viewer"), 403, "permission_denied")
        self.assertError(self.call("get", "/users", "nobody"), 403, "permission_denied")

    def test_create_returns_the_one_time_password_once(self) -> None:
        payload = {"username": "moi", "email": "moi@example.org", "full_name": "Lò Văn Mới", "organization": "xa-a"}
        response = self.call("post", "/users", "admin_a", payload)
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["password"] and body["user"]["home_organization"] == "xa-a"
        assert "password" not in self.call("get", "/users/moi", "admin_a").json()

    def test_create_names_the_bad_field(self) -> None:
        payload = {"username": "moi", "email": "moi@example.org", "full_name": "Mới", "organization": "tinh-b"}
        error = self.assertError(self.call("post", "/users", "admin_a", payload), 422, "validation_failed")
        assert "organization" in error["details"]
        payload |= {"organization": "xa-a", "password": "123"}
        error = self.assertError(self.call("post", "/users", "admin_a", payload), 422, "validation_failed")
        assert "password" in error["details"]
        error = self.assertError(self.call("post", "/users", "admin_a", {"username": "x"}), 422, "validation_failed")
        assert {"email", "full_name"} <= set(error["details"])

    def test_detail_three_ways(self) -> None:
        assert self.call("get", "/users/chibo_xem", "xa_admin").json()["roles"][0]["organization"] == "chi-bo-a"
        self.assertError(self.call("get", "/users/chibo_xem", "outsider_b"), 404, "not_found")
        self.assertError(self.call("get", "/users/chibo_xem", "nobody"), 404, "not_found")
        self.assertError(self.call("get", "/users/khong-co", "admin_a"), 404, "not_found")


class RoleApiTests(UsersApiTestCase):
    def test_grant_strictly_below_and_end(self) -> None:
        body = {"role": "editor", "organization": "chi-bo-a", "valid_from": "2026-01-05"}
        response = self.call("post", "/users/chibo_xem/roles", "xa_admin", body)
        assert response.status_code == 201, response.content
        role = response.json()
        assert (role["role"], role["valid_from"], role["valid_to"]) == ("editor", "2026-01-05", None)
        ended = self.call("post", f"/roles/{role['id']}/end", "xa_admin", {"on": "2026-02-01"}).json()
        assert ended["valid_to"] == "2026-02-01"
        assert AuditEntry.objects.filter(action__in=["role.grant", "role.end"]).count() == 2

    def test_grant_on_the_same_node_sibling_or_ancestor(self) -> None:
        url = "/users/chibo_xem/roles"
        same = self.call("post", url, "xa_admin", {"role": "admin", "organization": "xa-a"})
        self.assertError(same, 403, "permission_denied")
        for code in ("tinh-b", "tinh-a"):
            sibling = self.call("post", url, "xa_admin", {"role": "viewer", "organization": code})
            assert "organization" in self.assertError(sibling, 422, "validation_failed")["details"]
        peer = self.call("post", "/users/peer_a/roles", "admin_a", {"role": "viewer", "organization": "xa-a"})
        self.assertError(peer, 403, "permission_denied")
        assert not RoleAssignment.objects.filter(user=self.cell_viewer).exclude(role="viewer").exists()

    def test_bad_role_and_date_name_their_field(self) -> None:
        body = {"role": "owner", "organization": "chi-bo-a", "valid_from": "05/01/2026"}
        error = self.assertError(
            self.call("post", "/users/chibo_xem/roles", "xa_admin", body), 422, "validation_failed"
        )
        assert {"role", "valid_from"} <= set(error["details"])

    def test_end_out_of_reach(self) -> None:
        peer_row = RoleAssignment.objects.get(user=self.peer_a)
        self.assertError(self.call("post", f"/roles/{peer_row.pk}/end", "admin_a", {}), 403, "permission_denied")
        self.assertError(self.call("post", f"/roles/{peer_row.pk}/end", "outsider_b", {}), 404, "not_found")
        self.assertError(self.call("post", "/roles/99999/end", "admin_a", {"on": "bad"}), 404, "not_found")

    def test_access_list(self) -> None:
        body = self.call("get", "/organizations/xa-a/access", "admin_a").json()
        assert body["count"] == 6 and body["organization"] == "xa-a"
        page = self.call("get", "/organizations/xa-a/access?limit=2&offset=2", "admin_a").json()
        assert len(page["items"]) == 2
        self.assertError(self.call("get", "/organizations/xa-a/access", "viewer"), 403, "permission_denied")
        self.assertError(self.call("get", "/organizations/xa-a/access", "outsider_b"), 404, "not_found")
        bad_date = self.call("get", "/organizations/xa-a/access?as_of=2026-13-01", "admin_a")
        assert self.assertError(bad_date, 422, "validation_failed")["field"] == "as_of"


class PasswordAndDeactivateApiTests(UsersApiTestCase):
    def test_reset_generated_or_set(self) -> None:
        generated = self.call("post", "/users/chibo_xem/password", "xa_admin", {}).json()["password"]
        self.cell_viewer.refresh_from_db()
        assert self.cell_viewer.check_password(generated)
        body = self.call("post", "/users/chibo_xem/password", "xa_admin", {"password": STRONG}).json()
        assert body == {"password": None}

    def test_reset_and_deactivate_of_a_superior_are_refused(self) -> None:
        self.assertError(self.call("post", "/users/admin_a/password", "xa_admin", {}), 404, "not_found")
        self.assertError(self.call("post", "/users/peer_a/deactivate", "admin_a"), 403, "permission_denied")
        self.peer_a.refresh_from_db()
        assert self.peer_a.is_active

    def test_deactivate(self) -> None:
        body = self.call("post", "/users/chibo_xem/deactivate", "admin_a").json()
        assert body["is_active"] is False


class DisclosureApiTests(UsersApiTestCase):
    def test_a_users_roles_elsewhere_are_not_shown(self) -> None:
        roles = self.call("get", "/users/hai_tinh", "admin_a").json()["roles"]
        assert [role["organization"] for role in roles] == ["chi-bo-a"]


class OpenApiTests(UsersApiTestCase):
    def test_the_operations_are_documented_with_the_error_shape(self) -> None:
        schema = self.call("get", "/openapi.json", "admin_a").json()
        paths = schema["paths"]
        for path in ("/api/v1/users", "/api/v1/users/{username}/roles", "/api/v1/roles/{role_id}/end"):
            assert path in paths
        assert "422" in paths["/api/v1/users"]["post"]["responses"]
        assert "/api/v1/organizations/{code}/access" in paths
