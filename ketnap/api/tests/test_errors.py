"""One error shape everywhere, the OpenAPI document and the language of messages."""

from __future__ import annotations

from unittest import mock

from django.utils import translation

from ketnap.api.tests.base import ApiTestCase

EXPECTED_PATHS = {
    "/api/v1/me",
    "/api/v1/organizations",
    "/api/v1/organizations/{code}",
    "/api/v1/organizations/{code}/statistics",
    "/api/v1/people",
    "/api/v1/people/{person_id}",
    "/api/v1/people/{person_id}/reveal",
    "/api/v1/people/{person_id}/events",
    "/api/v1/people/{person_id}/periods",
}


class ErrorShapeTests(ApiTestCase):
    def test_404_403_422_401_share_one_shape(self):
        self.assertError(self.get("/api/v1/organizations/tinh-a", "outsider_b"), 404, "not_found")
        self.assertError(
            self.post(f"/api/v1/people/{self.member_a.pk}/reveal", "viewer_commune_a"), 403, "permission_denied"
        )
        self.assertError(self.get("/api/v1/people?limit=100000", "admin"), 422, "validation_failed")
        self.assertError(self.get("/api/v1/me", None), 401, "unauthenticated")

    def test_validation_errors_list_every_field(self):
        error = self.assertError(self.get("/api/v1/people?limit=0&offset=-1", "admin"), 422, "validation_failed")
        self.assertEqual(set(error["details"]), {"limit", "offset"})
        self.assertIn(error["field"], {"limit", "offset"})

    def test_dates_must_be_iso_calendar_dates(self):
        for value in ("2024-01-01T00:00:00", "1704067200", "2024-02-30", "2024-1-1"):
            error = self.assertError(self.get(f"/api/v1/people?as_of={value}", "admin"), 422, "validation_failed")
            self.assertEqual(error["field"], "as_of", value)

    def test_unknown_path_under_the_api_is_a_json_404(self):
        self.assertError(self.get("/api/v1/nowhere/at/all", "admin"), 404, "not_found")

    def test_unexpected_error_is_500_without_the_traceback(self):
        with (
            mock.patch("ketnap.api.organizations.organization_statistics", side_effect=RuntimeError("secret-detail")),
            self.assertLogs("ketnap.api.errors", "ERROR"),
        ):
            response = self.get("/api/v1/organizations/tinh-a/statistics", "admin")
        self.assertError(response, 500, "server_error")
        self.assertNotIn(b"secret-detail", response.content)
        self.assertNotIn(b"Traceback", response.content)

    def test_english_message_with_accept_language_en(self):
        response = self.get("/api/v1/organizations/tinh-a", "outsider_b", HTTP_ACCEPT_LANGUAGE="en")
        error = self.assertError(response, 404, "not_found")
        self.assertEqual(response["Content-Language"], "en")
        with translation.override("en"):
            self.assertEqual(error["message"], translation.gettext("Không tìm thấy."))

    def test_vietnamese_is_the_default_language(self):
        error = self.assertError(self.get("/api/v1/organizations/tinh-a", "outsider_b"), 404, "not_found")
        self.assertEqual(error["message"], "Không tìm thấy.")


class OpenApiTests(ApiTestCase):
    def test_document_loads_and_lists_every_path(self):
        response = self.client.get("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        document = response.json()
        self.assertEqual((document["info"]["title"], document["info"]["version"]), ("ketnap API", "1"))
        # The admission paths are listed by ketnap/api/tests/test_admission*.py.
        self.assertLessEqual(EXPECTED_PATHS, set(document["paths"]))

    def test_every_operation_declares_the_error_responses_and_needs_auth(self):
        document = self.client.get("/api/v1/openapi.json").json()
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                with self.subTest(path=path, method=method):
                    self.assertTrue({"400", "401", "403", "404", "422"} <= set(operation["responses"]))
                    self.assertTrue({"200", "201"} & set(operation["responses"]))
                    self.assertTrue(operation["security"])

    def test_docs_page_renders(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"openapi.json", response.content)
