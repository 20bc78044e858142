"""The import API: multipart dry run and commit, template and export downloads, merge;
scope three ways and bad input as a 4xx naming the field."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import load_workbook

from ketnap.api.tests.base import ApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import make_person
from ketnap.imports.tests.workbooks import good_member, simple
from ketnap.people.models import Person

URL = "/api/v1/organizations/chi-bo-a/imports/members"


def upload(content: bytes, **fields: str) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("ds.xlsx", content), **fields}


class ImportApiTests(ApiTestCase):
    def test_dry_run_then_commit(self) -> None:
        content = simple([good_member(), good_member("Lò Văn Hải")])
        response = self.post(f"{URL}/dry-run", "editor_a", data=upload(content))
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual((body["counts"]["new"], body["errors"]), (2, []))
        self.assertEqual(body["mapping"]["A"], "full_name")
        count = Person.objects.count()
        response = self.post(URL, "editor_a", data=upload(content))
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Person.objects.count(), count + 2)
        self.assertTrue(AuditEntry.objects.filter(action="import.commit").exists())

    def test_bad_row_is_422_with_row_and_column_and_writes_nothing(self) -> None:
        content = simple([good_member(), good_member("Lò Văn Hải", **{"Ngày sinh": "31/02/1990"})])
        count = Person.objects.count()
        error = self.assertError(self.post(URL, "editor_a", data=upload(content)), 422, "import_refused")
        issue = error["details"]["report"]["errors"][0]
        self.assertEqual((issue["row"], issue["column"], issue["header"]), (3, "B", "Ngày sinh"))
        self.assertEqual(Person.objects.count(), count)

    def test_mapping_chosen_by_the_client(self) -> None:
        row = {"Tên người": "Lò Văn Minh"} | {k: v for k, v in good_member().items() if k != "Họ và tên"}
        content = simple([row])
        body = self.post(f"{URL}/dry-run", "editor_a", data=upload(content)).json()
        self.assertIn("Họ và tên", body["errors"][0]["message"])  # a required column missing
        mapping = json.dumps({"A": "full_name"} | {k: v for k, v in body["mapping"].items() if v})
        body = self.post(f"{URL}/dry-run", "editor_a", data=upload(content, mapping=mapping)).json()
        self.assertEqual(body["errors"], [])

    def test_scope_three_ways(self) -> None:
        content = simple([good_member()])
        self.assertError(self.post(f"{URL}/dry-run", "outsider_b", data=upload(content)), 404, "not_found")
        self.assertError(
            self.post(f"{URL}/dry-run", "viewer_commune_a", data=upload(content)), 403, "permission_denied"
        )
        self.assertEqual(self.post(f"{URL}/dry-run", None, data=upload(content)).status_code, 401)

    def test_bad_input_is_a_4xx_naming_the_field(self) -> None:
        error = self.assertError(
            self.post(f"{URL}/dry-run", "editor_a", data=upload(b"not a workbook")), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "file")
        content = simple([good_member()])
        error = self.assertError(
            self.post(f"{URL}/dry-run", "editor_a", data=upload(content, mapping="[1]")), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "mapping")
        mapping = json.dumps({"A": "full_name", "B": "full_name"})
        error = self.assertError(
            self.post(f"{URL}/dry-run", "editor_a", data=upload(content, mapping=mapping)), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "mapping")
        self.assertEqual(self.post(f"{URL}/dry-run", "editor_a", data={}).status_code, 422)
        self.assertEqual(
            self.post(
                "/api/v1/organizations/chi-bo-a/imports/other/dry-run", "editor_a", data=upload(content)
            ).status_code,
            422,
        )

    @override_settings(IMPORT_MAX_BYTES=100)
    def test_too_big_a_file_is_refused(self) -> None:
        error = self.assertError(
            self.post(f"{URL}/dry-run", "editor_a", data=upload(simple([good_member()]))), 422, "validation_failed"
        )
        self.assertEqual(error["field"], "file")

    def test_template_and_export_are_audited_downloads(self) -> None:
        response = self.get(f"{URL}/template", "editor_a")
        self.assertEqual(response.status_code, 200)
        response = self.get("/api/v1/organizations/xa-a/people/export/members", "viewer_commune_a")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        names = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]
        self.assertIn("Trần Thị Hằng", names)
        self.assertNotIn("Số CCCD", [c.value for c in sheet[1]])  # a viewer has no sensitive data
        self.assertEqual(AuditEntry.objects.filter(action="file.download").count(), 2)
        self.assertEqual(self.get("/api/v1/organizations/chi-bo-b/people/export/members", "editor_a").status_code, 404)


class MergeApiTests(ApiTestCase):
    def test_merge_and_scope(self) -> None:
        other = make_person(self.world.cell_a, family="Trần", middle="Thị", given="Hằng", gender="female")
        url = f"/api/v1/people/{self.member_a.pk}/merge"
        send = {"data": json.dumps({"other": other.pk}), "content_type": "application/json"}
        self.assertError(self.post(url, "outsider_b", **send), 404, "not_found")
        self.assertError(self.post(url, "viewer_commune_a", **send), 403, "permission_denied")
        response = self.post(url, "editor_a", **send)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertFalse(Person.objects.filter(pk=other.pk).exists())
        self.assertError(
            self.post(url, "editor_a", data=json.dumps({"other": self.member_b.pk}), content_type="application/json"),
            404,
            "not_found",
        )
        self.assertError(
            self.post(url, "editor_a", data=json.dumps({"other": self.member_a.pk}), content_type="application/json"),
            422,
            "validation_failed",
        )
