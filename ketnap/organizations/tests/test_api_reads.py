"""Organizations, one organization and its statistics: scoped, on a date."""

from __future__ import annotations

import datetime as dt

from ketnap.api.tests.base import ApiTestCase
from ketnap.core.testing import make_org
from ketnap.organizations.models import OrgKind
from ketnap.reports.selectors import organization_statistics


class OrganizationListTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.closed_cell = make_org(
            cls.world.commune_a, "chi-bo-cu", OrgKind.SUBORDINATE_CELL, valid_to=dt.date(2010, 1, 1)
        )

    def codes(self, response) -> list[str]:
        self.assertEqual(response.status_code, 200, response.content)
        return [item["code"] for item in response.json()["items"]]

    def test_no_role_sees_an_empty_list(self):
        body = self.get("/api/v1/organizations", "nobody").json()
        self.assertEqual((body["count"], body["items"]), (0, []))

    def test_role_in_scope_sees_its_subtree_in_tree_order(self):
        self.assertEqual(
            self.codes(self.get("/api/v1/organizations", "editor_a")), ["tinh-a", "huyen-a", "xa-a", "chi-bo-a"]
        )

    def test_role_on_sibling_does_not_see_province_a(self):
        codes = self.codes(self.get("/api/v1/organizations", "outsider_b"))
        self.assertEqual(codes, ["tinh-b", "xa-b", "chi-bo-b"])

    def test_as_of_includes_organizations_valid_then(self):
        self.assertIn("chi-bo-cu", self.codes(self.get("/api/v1/organizations?as_of=2005-06-01", "viewer_commune_a")))
        self.assertNotIn("chi-bo-cu", self.codes(self.get("/api/v1/organizations", "viewer_commune_a")))

    def test_parent_lists_direct_children_with_parent_code(self):
        body = self.get("/api/v1/organizations?parent=tinh-a", "admin").json()
        self.assertEqual([(i["code"], i["parent"]) for i in body["items"]], [("huyen-a", "tinh-a")])

    def test_parent_outside_scope_or_unknown_gives_empty_list(self):
        self.assertEqual(self.codes(self.get("/api/v1/organizations?parent=tinh-a", "outsider_b")), [])
        self.assertEqual(self.codes(self.get("/api/v1/organizations?parent=khong-co", "admin")), [])

    def test_kind_and_q_filter(self):
        self.assertEqual(self.codes(self.get("/api/v1/organizations?kind=provincial", "admin")), ["tinh-a", "tinh-b"])
        self.assertEqual(self.codes(self.get("/api/v1/organizations?q=huyện", "admin")), ["huyen-a"])

    def test_q_ignores_diacritics_and_case_in_names(self):
        make_org(self.world.commune_a, "chi-bo-muong-te", "subordinate_cell", name="Chi bộ bản Mường Tè")
        for q in ("muong te", "MƯỜNG TÈ", "Muong Tè", "ban muong"):
            self.assertEqual(self.codes(self.get(f"/api/v1/organizations?q={q}", "admin")), ["chi-bo-muong-te"], q)
        self.assertEqual(self.codes(self.get("/api/v1/organizations?q=muong te", "outsider_b")), [])
        self.assertEqual(self.codes(self.get("/api/v1/organizations?q=bo-muong", "admin")), ["chi-bo-muong-te"])

    def test_limit_and_offset_page_with_total_count(self):
        body = self.get("/api/v1/organizations?limit=2&offset=1", "editor_a").json()
        self.assertEqual((body["count"], body["limit"], body["offset"]), (4, 2, 1))
        self.assertEqual([i["code"] for i in body["items"]], ["huyen-a", "xa-a"])

    def test_unknown_kind_and_bad_date_are_validation_errors(self):
        error = self.assertError(self.get("/api/v1/organizations?kind=bogus", "admin"), 422, "validation_failed")
        self.assertEqual(error["field"], "kind")
        error = self.assertError(self.get("/api/v1/organizations?as_of=01/02/2024", "admin"), 422, "validation_failed")
        self.assertIn("as_of", error["details"])


class OrganizationDetailTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.closed_cell = make_org(
            cls.world.commune_a, "chi-bo-cu", OrgKind.SUBORDINATE_CELL, valid_to=dt.date(2010, 1, 1)
        )

    def test_no_role_gets_404(self):
        self.assertError(self.get("/api/v1/organizations/xa-a", "nobody"), 404, "not_found")

    def test_role_in_scope_gets_it_with_children_valid_on_the_date(self):
        today = self.get("/api/v1/organizations/xa-a", "viewer_commune_a").json()
        # The district above is outside the commune viewer's view: its code is not disclosed.
        self.assertEqual((today["code"], today["parent"]), ("xa-a", None))
        self.assertEqual([c["code"] for c in today["children"]], ["chi-bo-a"])
        then = self.get("/api/v1/organizations/xa-a?as_of=2005-01-01", "viewer_commune_a").json()
        self.assertEqual([c["code"] for c in then["children"]], ["chi-bo-a", "chi-bo-cu"])
        self.assertEqual({c["parent"] for c in then["children"]}, {"xa-a"})

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.get("/api/v1/organizations/xa-a", "outsider_b"), 404, "not_found")

    def test_viewer_of_a_commune_cannot_see_its_province(self):
        self.assertError(self.get("/api/v1/organizations/tinh-a", "viewer_commune_a"), 404, "not_found")

    def test_unknown_code_is_indistinguishable_from_out_of_scope(self):
        unknown = self.get("/api/v1/organizations/khong-co", "outsider_b").json()
        hidden = self.get("/api/v1/organizations/xa-a", "outsider_b").json()
        self.assertEqual(unknown, hidden)

    def test_a_very_early_date_prints_with_four_digits(self):
        error = self.assertError(
            self.get("/api/v1/organizations/tinh-a?as_of=0001-01-01", "admin"), 422, "validation_failed"
        )
        self.assertIn("01/01/0001", error["details"]["as_of"][0])

    def test_not_valid_on_date_is_a_404_with_its_own_code(self):
        error = self.assertError(self.get("/api/v1/organizations/chi-bo-cu", "admin"), 404, "not_valid_on_date")
        self.assertEqual(error["field"], "as_of")


class OrganizationStatisticsTests(ApiTestCase):
    url = "/api/v1/organizations/tinh-a/statistics?as_of=2024-01-01"

    def test_no_role_gets_404(self):
        self.assertError(self.get(self.url, "nobody"), 404, "not_found")

    def test_role_in_scope_gets_the_same_numbers_as_the_selector(self):
        response = self.get(self.url, "editor_a")
        self.assertEqual(response.status_code, 200, response.content)
        expected = organization_statistics(self.world.province_a, dt.date(2024, 1, 1)).as_dict()
        self.assertEqual(response.json(), expected)
        body = response.json()
        self.assertEqual((body["members"], body["probationary"], body["women"], body["ethnic_minority"]), (2, 0, 1, 1))
        self.assertEqual(body["grassroots_organizations"], 1)
        for key in ("members", "probationary", "women", "ethnic_minority", "grassroots_organizations"):
            self.assertIsInstance(body[key], int)

    def test_as_of_counts_status_on_that_date(self):
        body = self.get("/api/v1/organizations/tinh-a/statistics?as_of=2015-06-01", "editor_a").json()
        self.assertEqual((body["members"], body["probationary"]), (2, 2))

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.get(self.url, "outsider_b"), 404, "not_found")

    def test_organization_not_valid_on_date_is_404_not_valid_on_date(self):
        self.assertError(
            self.get("/api/v1/organizations/tinh-a/statistics?as_of=1999-12-31", "admin"), 404, "not_valid_on_date"
        )
