"""Keeping the tree over the API: scope three ways, administer against edit, errors
naming their field in the common shape, the dry run of a reorganization, and writes
that agree with the statistics afterwards."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ketnap.accounts.tokens import token_create
from ketnap.admission.models import AuthoritySetting
from ketnap.api.tests.base import ApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import make_member, make_org, make_person, make_user
from ketnap.organizations.models import Locality, LocalityCell, Organization, OrgKind, Reorganization, VillageHead
from ketnap.reports.selectors import organization_statistics

ON = dt.date(2025, 7, 1)
EVE = ON - dt.timedelta(days=1)


class TreeApiTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin_a = make_user("admin_a", (cls.world.province_a, "admin"))
        cls.tokens["admin_a"] = token_create(actor=None, user=cls.admin_a, label="test")[1]

    def send(self, url: str, who: str | None, body: dict[str, Any], **extra: Any) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json", **extra)


class OrganizationCreateTests(TreeApiTestCase):
    BODY = {
        "parent": "xa-a",
        "code": "chi-bo-moi",
        "name": "Chi bộ Mới",
        "kind": "subordinate_cell",
        "valid_from": "2025-07-01",
    }

    def test_administrator_in_scope_opens_an_organization(self):
        response = self.send("/api/v1/organizations", "admin_a", self.BODY)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["code"], body["parent"], body["valid_from"]), ("chi-bo-moi", "xa-a", "2025-07-01"))
        self.assertTrue(Organization.objects.filter(code="chi-bo-moi").exists())

    def test_a_ward_is_opened_as_urban_and_an_unknown_sector_is_refused(self):
        body = self.BODY | {"parent": "huyen-a", "code": "phuong-c", "kind": "grassroots_committee", "sector": "ward"}
        response = self.send("/api/v1/organizations", "admin_a", body)
        self.assertEqual((response.status_code, response.json()["sector"]), (201, "ward"), response.content)
        error = self.assertError(
            self.send("/api/v1/organizations", "admin_a", body | {"code": "pc", "sector": "town"}),
            422,
            "validation_failed",
        )
        self.assertEqual(error["field"], "sector")

    def test_scope_three_ways_and_administer_against_edit(self):
        self.assertError(self.send("/api/v1/organizations", "nobody", self.BODY), 404, "not_found")
        error = self.assertError(self.send("/api/v1/organizations", "outsider_b", self.BODY), 404, "not_found")
        self.assertEqual(error["field"], "parent")
        self.assertError(self.send("/api/v1/organizations", "editor_a", self.BODY), 403, "permission_denied")
        self.assertError(self.send("/api/v1/organizations", "viewer_commune_a", self.BODY), 403, "permission_denied")
        self.assertError(self.send("/api/v1/organizations", None, self.BODY), 401, "unauthenticated")
        self.assertFalse(Organization.objects.filter(code="chi-bo-moi").exists())

    def test_validation_errors_name_the_field(self):
        cases = [
            ({"valid_from": "01/07/2025"}, "valid_from"),
            ({"kind": "king"}, "kind"),
            ({"code": "có dấu"}, "code"),
            ({"name": ""}, "name"),
        ]
        for change, field in cases:
            error = self.assertError(
                self.send("/api/v1/organizations", "admin_a", self.BODY | change), 422, "validation_failed"
            )
            self.assertEqual(error["field"], field, change)
        error = self.assertError(
            self.send("/api/v1/organizations", "admin_a", self.BODY | {"code": "chi-bo-a"}), 422, "validation_failed"
        )
        self.assertIn("code", error["details"])
        self.assertEqual(Organization.objects.count(), 8)

    def test_the_list_still_answers_on_the_same_path(self):
        self.assertEqual(self.get("/api/v1/organizations", "admin_a").status_code, 200)

    def test_errors_follow_the_request_language(self):
        response = self.send(
            "/api/v1/organizations", "admin_a", self.BODY | {"valid_from": "1990-01-01"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        error = self.assertError(response, 422, "validation_failed")
        self.assertIn("valid_from", error["details"])
        self.assertNotIn("Tổ chức", json.dumps(error["details"], ensure_ascii=False))


class RenameAndCloseTests(TreeApiTestCase):
    def test_rename_moves_members_to_the_new_name(self):
        body = {"code": "chi-bo-a-moi", "name": "Chi bộ A mới", "on": "2025-07-01", "document_number": "1-QĐ"}
        response = self.send("/api/v1/organizations/chi-bo-a/rename", "admin_a", body)
        self.assertEqual(response.status_code, 201, response.content)
        renamed = Organization.objects.get(code="chi-bo-a-moi")
        self.assertEqual(
            organization_statistics(renamed, ON).members, organization_statistics(self.world.cell_a, EVE).members
        )
        self.assertEqual(response.json()["parent"], "xa-a")

    def test_rename_sets_the_sector_of_the_new_name_or_keeps_the_old_one(self):
        make_org(self.world.district_a, "xa-c", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã C")
        body = {"code": "phuong-c", "name": "Đảng bộ phường C", "on": "2025-07-01", "sector": "ward"}
        response = self.send("/api/v1/organizations/xa-c/rename", "admin_a", body)
        self.assertEqual((response.status_code, response.json()["sector"]), (201, "ward"), response.content)
        bad = {"code": "phuong-d", "name": "Đảng bộ phường D", "on": "2025-07-02", "sector": "city"}
        error = self.assertError(
            self.send("/api/v1/organizations/phuong-c/rename", "admin_a", bad), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "sector")
        body = {"code": "chi-bo-a-moi", "name": "Chi bộ A mới", "on": "2025-07-01"}
        response = self.send("/api/v1/organizations/chi-bo-a/rename", "admin_a", body)
        self.assertEqual(response.json()["sector"], Organization.objects.get(code="chi-bo-a").sector)

    def test_rename_scope_and_role(self):
        body = {"code": "x", "name": "X", "on": "2025-07-01"}
        self.assertError(self.send("/api/v1/organizations/chi-bo-a/rename", "outsider_b", body), 404, "not_found")
        self.assertError(self.send("/api/v1/organizations/chi-bo-a/rename", "editor_a", body), 403, "permission_denied")
        self.assertError(self.send("/api/v1/organizations/khong-co/rename", "admin", body), 404, "not_found")

    def test_close_with_members_and_no_target_is_refused(self):
        error = self.assertError(
            self.send("/api/v1/organizations/chi-bo-a/close", "admin_a", {"on": "2025-07-01"}), 422, "validation_failed"
        )
        self.assertIn("moves", error["details"])
        self.assertIsNone(Organization.objects.get(code="chi-bo-a").valid_to)

    def test_close_moves_members_to_the_target(self):
        target = make_org(self.world.commune_a, "chi-bo-nhan", OrgKind.SUBORDINATE_CELL)
        before = organization_statistics(self.world.cell_a, EVE).members
        response = self.send(
            "/api/v1/organizations/chi-bo-a/close", "admin_a", {"on": "2025-07-01", "target": "chi-bo-nhan"}
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["kind"], "dissolve")
        self.assertEqual(organization_statistics(target, ON).members, before)

    def test_close_to_a_target_out_of_view_is_not_found_on_the_target(self):
        error = self.assertError(
            self.send("/api/v1/organizations/chi-bo-a/close", "admin_a", {"on": "2025-07-01", "target": "chi-bo-b"}),
            404,
            "not_found",
        )
        self.assertEqual(error["field"], "target")


class ReorganizationTests(TreeApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.second = make_org(cls.world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, name="Chi bộ A2")
        cls.extra = [make_member(cls.second, given=name) for name in ("Một", "Hai")]
        cls.merged = make_org(cls.world.commune_a, "chi-bo-chung", OrgKind.SUBORDINATE_CELL, valid_from=ON)

    def body(self, **change: Any) -> dict[str, Any]:
        base = {
            "kind": "merge",
            "on": "2025-07-01",
            "closed": ["chi-bo-a", "chi-bo-a2"],
            "moves": [
                {"source": "chi-bo-a", "target": "chi-bo-chung"},
                {"source": "chi-bo-a2", "target": "chi-bo-chung"},
            ],
            "document_number": "7-QĐ/ĐU",
        }
        return base | change

    def test_dry_run_lists_who_moves_where_and_writes_nothing(self):
        entries = AuditEntry.objects.count()
        response = self.send("/api/v1/reorganizations", "admin_a", self.body(dry_run=True, limit=2))
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        members = organization_statistics(self.world.cell_a, EVE).members + 2
        self.assertEqual((body["members"], body["unplaced"], body["count"]), (members, 0, members))
        self.assertEqual(len(body["items"]), 2)
        self.assertEqual({item["target"] for item in body["items"]}, {"chi-bo-chung"})
        self.assertEqual(
            {g["source"]: g["target"] for g in body["groups"]},
            {"chi-bo-a": "chi-bo-chung", "chi-bo-a2": "chi-bo-chung"},
        )
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertFalse(Reorganization.objects.exists())

    def test_dry_run_counts_the_people_who_follow_without_a_transfer(self):
        make_person(self.second, given="Nguồn")
        body = self.send("/api/v1/reorganizations", "admin_a", self.body(dry_run=True)).json()
        self.assertEqual(body["others"], 2)  # the candidate of the shared world, and this one

    def test_dry_run_counts_members_without_a_destination(self):
        body = self.send("/api/v1/reorganizations", "admin_a", self.body(dry_run=True, moves=[])).json()
        self.assertEqual(body["unplaced"], body["members"])
        self.assertEqual({g["target"] for g in body["groups"]}, {None})

    def test_merge_moves_members_and_statistics_agree(self):
        before = organization_statistics(self.world.commune_a, EVE)
        response = self.send("/api/v1/reorganizations", "admin_a", self.body())
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["opened"], ["chi-bo-chung"])
        self.assertEqual(organization_statistics(self.merged, ON).members, before.members)
        self.assertEqual(organization_statistics(self.world.commune_a, ON).members, before.members)

    def test_scope_and_role(self):
        self.assertError(self.send("/api/v1/reorganizations", "outsider_b", self.body(dry_run=True)), 404, "not_found")
        self.assertError(
            self.send("/api/v1/reorganizations", "editor_a", self.body(dry_run=True)), 403, "permission_denied"
        )
        self.assertError(self.send("/api/v1/reorganizations", "nobody", self.body()), 404, "not_found")

    def test_invalid_bodies_name_the_field(self):
        for change, field in (
            ({"kind": "rename"}, "kind"),
            ({"closed": []}, "closed"),
            ({"dry_run": "yes"}, "dry_run"),
        ):
            error = self.assertError(
                self.send("/api/v1/reorganizations", "admin_a", self.body(**change)), 422, "validation_failed"
            )
            self.assertEqual(error["field"], field)


class AuthorityTests(TreeApiTestCase):
    BODY = {
        "body": "upper_standing_committee",
        "deciding_organization": "huyen-a",
        "upper_kind": "district",
        "valid_from": "2020-01-01",
    }

    def test_set_and_list(self):
        response = self.send("/api/v1/organizations/xa-a/authority", "admin_a", self.BODY)
        self.assertEqual(response.status_code, 201, response.content)
        later = self.BODY | {"valid_from": "2025-07-01", "body": "grassroots_committee", "grassroots_authorised": True}
        self.assertEqual(self.send("/api/v1/organizations/xa-a/authority", "admin_a", later).status_code, 201)
        listed = self.get("/api/v1/organizations/xa-a/authority", "viewer_commune_a").json()
        self.assertEqual(
            [(row["valid_from"], row["valid_to"]) for row in listed],
            [("2025-07-01", None), ("2020-01-01", "2025-07-01")],
        )

    def test_scope_role_and_fields(self):
        url = "/api/v1/organizations/xa-a/authority"
        self.assertError(self.send(url, "outsider_b", self.BODY), 404, "not_found")
        self.assertError(self.send(url, "editor_a", self.BODY), 403, "permission_denied")
        self.assertEqual(
            self.assertError(self.send(url, "admin_a", self.BODY | {"body": "king"}), 422, "validation_failed")[
                "field"
            ],
            "body",
        )
        error = self.assertError(
            self.send(url, "admin_a", self.BODY | {"deciding_organization": "tinh-b"}), 404, "not_found"
        )
        self.assertEqual(error["field"], "deciding_organization")
        self.assertFalse(AuthoritySetting.objects.exists())


class LocalityTests(TreeApiTestCase):
    BODY = {
        "commune": "xa-a",
        "code": "ban-na",
        "name": "Bản Nà",
        "kind": "hamlet",
        "hardship_area": True,
        "valid_from": "2020-01-01",
    }

    def test_create_assign_a_cell_and_a_head_with_history(self):
        self.assertEqual(self.send("/api/v1/localities", "admin_a", self.BODY).status_code, 201)
        cell = {"cell": "chi-bo-a", "valid_from": "2020-01-01"}
        self.assertEqual(self.send("/api/v1/localities/ban-na/cells", "admin_a", cell).status_code, 201)
        make_org(self.world.commune_a, "chi-bo-ghep", OrgKind.SUBORDINATE_CELL)
        later = {"cell": "chi-bo-ghep", "valid_from": "2025-07-01"}
        self.assertEqual(self.send("/api/v1/localities/ban-na/cells", "admin_a", later).status_code, 201)
        head = make_person(self.world.cell_a, given="Trưởng")
        response = self.send(
            "/api/v1/localities/ban-na/heads", "admin_a", {"person_id": head.pk, "valid_from": "2021-01-01"}
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = self.get("/api/v1/localities/ban-na", "viewer_commune_a").json()
        self.assertEqual(
            [(c["cell"], c["valid_to"]) for c in body["cells"]], [("chi-bo-ghep", None), ("chi-bo-a", "2025-07-01")]
        )
        self.assertEqual(body["heads"][0]["full_name"], "Nguyễn Văn Trưởng")

    def test_scope_role_and_fields(self):
        self.assertError(self.send("/api/v1/localities", "outsider_b", self.BODY), 404, "not_found")
        self.assertError(self.send("/api/v1/localities", "editor_a", self.BODY), 403, "permission_denied")
        error = self.assertError(
            self.send("/api/v1/localities", "admin_a", self.BODY | {"kind": "city"}), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "kind")
        self.assertFalse(Locality.objects.exists())

    def test_head_or_cell_out_of_view_is_not_found_on_its_field(self):
        self.send("/api/v1/localities", "admin_a", self.BODY)
        stranger = make_person(self.world.cell_b, given="Lạ")
        error = self.assertError(
            self.send(
                "/api/v1/localities/ban-na/heads", "admin_a", {"person_id": stranger.pk, "valid_from": "2021-01-01"}
            ),
            404,
            "not_found",
        )
        self.assertEqual(error["field"], "person_id")
        error = self.assertError(
            self.send("/api/v1/localities/ban-na/cells", "admin_a", {"cell": "chi-bo-b", "valid_from": "2021-01-01"}),
            404,
            "not_found",
        )
        self.assertEqual(error["field"], "cell")
        self.assertError(
            self.send("/api/v1/localities/ban-na/heads", "editor_a", {"person_id": 1, "valid_from": "2021-01-01"}),
            403,
            "permission_denied",
        )
        self.assertError(self.get("/api/v1/localities/ban-na", "outsider_b"), 404, "not_found")
        self.assertFalse(VillageHead.objects.exists() or LocalityCell.objects.exists())
