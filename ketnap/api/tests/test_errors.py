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
            mock.patch("ketnap.organizations.api.reads.statistics_for", side_effect=RuntimeError("secret-detail")),
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
        # The admission paths are listed by ketnap/admission/tests/test_api*.py.
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


class ValidationLanguageTests(ApiTestCase):
    """Validation details are worded in Vietnamese by default, in English on request."""

    CASES = {
        "/api/v1/people?limit=0": ("limit", "Không được nhỏ hơn 1.", "Must be at least 1."),
        "/api/v1/people?limit=201": ("limit", "Không được lớn hơn 200.", "Must be at most 200."),
        "/api/v1/people?limit=abc": ("limit", "Cần một số nguyên.", "Must be a whole number."),
        "/api/v1/people?as_of=2021-13-01": (
            "as_of",
            "Ngày 2021-13-01 không tồn tại trong lịch.",
            "The date 2021-13-01 does not exist in the calendar.",
        ),
        "/api/v1/people?as_of=2021-1-1": (
            "as_of",
            "«2021-1-1» không phải một ngày dạng YYYY-MM-DD, ví dụ 2021-12-31.",
            "“2021-1-1” is not a date as YYYY-MM-DD, for example 2021-12-31.",
        ),
        "/api/v1/people?as_of=0001-01-01": (
            "as_of",
            "Ngày 01/01/0001 nằm ngoài khoảng ngày được hỗ trợ (01/01/1900–31/12/2199).",
            "The date 01/01/0001 is outside the supported range (01/01/1900–31/12/2199).",
        ),
        "/api/v1/people?q=" + "a" * 101: ("q", "Không được dài quá 100 ký tự.", "At most 100 characters."),
        "/api/v1/people?status=dead": (
            "status",
            "Cần một trong các giá trị: 'candidate', 'probationary', 'official', 'exempted'.",
            "Must be one of: 'candidate', 'probationary', 'official', 'exempted'.",
        ),
    }

    def test_details_are_vietnamese_by_default(self):
        for url, (field, vietnamese, _english) in self.CASES.items():
            error = self.assertError(self.get(url, "admin"), 422, "validation_failed")
            self.assertEqual(error["details"][field], [vietnamese], url)

    def test_details_are_english_with_accept_language_en(self):
        for url, (field, _vietnamese, english) in self.CASES.items():
            error = self.assertError(self.get(url, "admin", HTTP_ACCEPT_LANGUAGE="en"), 422, "validation_failed")
            self.assertEqual(error["details"][field], [english], url)

    def test_every_error_type_has_a_message_in_both_languages(self):
        from ketnap.api.errors import validation_message

        for kind in ("missing", "bool_parsing", "literal_error", "date_from_datetime_parsing", "greater_than_equal"):
            context = {"ge": 1, "expected": "'a' or 'b'"}
            message = validation_message({"type": kind, "ctx": context})
            self.assertNotEqual(message, "Giá trị không hợp lệ.", kind)
            with translation.override("en"):
                self.assertNotEqual(validation_message({"type": kind, "ctx": context}), message, kind)
        self.assertEqual(validation_message({"type": "something_new"}), "Giá trị không hợp lệ.")
