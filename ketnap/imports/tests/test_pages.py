"""The import pages: upload → mapping → dry run report → commit; merge; downloads."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from openpyxl import load_workbook

from ketnap.core.testing import build_world, make_member, make_person
from ketnap.imports.models import ColumnMapping, Upload
from ketnap.imports.tests.workbooks import good_member, simple
from ketnap.people.models import Person


class PagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.editor_a)

    def upload(self, content: bytes) -> Upload:
        data = {"kind": "members", "file": SimpleUploadedFile("ds.xlsx", content)}
        response = self.client.post("/nhap-excel/to-chuc/chi-bo-a/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return Upload.objects.latest("pk")

    def test_upload_map_check_commit(self) -> None:
        row = {"Tên người": "Lò Văn Minh"} | {k: v for k, v in good_member().items() if k != "Họ và tên"}
        item = self.upload(simple([row]))
        page = self.client.get(f"/nhap-excel/tep/{item.pk}/").content.decode()
        assert "Cột A «Tên người»" in page
        mapping = {
            "sheet": "Sheet",
            "col_A": "full_name",
            "col_B": "birth_date",
            "col_C": "gender",
            "col_D": "hometown",
        }
        mapping |= {"col_E": "education", "col_F": "admitted_on", "action": "check"}
        assert self.client.post(f"/nhap-excel/tep/{item.pk}/", mapping).status_code == 302
        assert ColumnMapping.objects.get().mapping["A"] == "full_name"
        page = self.client.get(f"/nhap-excel/tep/{item.pk}/").content.decode()
        assert "1 người mới" in page and "Ghi vào hệ thống" in page
        assert not Person.objects.exists()
        response = self.client.post(f"/nhap-excel/tep/{item.pk}/", {"action": "commit"})
        assert "Đã ghi 1 người" in response.content.decode()
        assert Person.objects.get().full_name == "Lò Văn Minh"
        # A committed upload is gone; the next file with the same headers is mapped as remembered.
        assert self.client.get(f"/nhap-excel/tep/{item.pk}/").status_code == 404
        again = self.upload(simple([row | {"Tên người": "Lò Văn Hải"}]))
        assert 'value="full_name" selected' in self.client.get(f"/nhap-excel/tep/{again.pk}/").content.decode()

    def test_errors_shown_at_row_and_column_without_commit_button(self) -> None:
        item = self.upload(simple([good_member(**{"Ngày sinh": "31/02/1990"})]))
        self.client.post(
            f"/nhap-excel/tep/{item.pk}/",
            {
                "sheet": "Sheet",
                "col_A": "full_name",
                "col_B": "birth_date",
                "col_C": "gender",
                "col_D": "hometown",
                "col_E": "education",
                "col_F": "admitted_on",
            },
        )
        page = self.client.get(f"/nhap-excel/tep/{item.pk}/").content.decode()
        assert "Ngày 31/02/1990 không tồn tại trong lịch." in page and "Ghi vào hệ thống" not in page
        response = self.client.post(f"/nhap-excel/tep/{item.pk}/", {"action": "commit"})
        assert "chưa ghi gì" in response.content.decode() and not Person.objects.exists()

    def test_not_a_workbook_is_a_form_error(self) -> None:
        data = {"kind": "members", "file": SimpleUploadedFile("ds.xlsx", b"hello")}
        response = self.client.post("/nhap-excel/to-chuc/chi-bo-a/", data)
        assert response.status_code == 200 and "Tệp không phải bảng tính Excel" in response.content.decode()
        response = self.client.post("/nhap-excel/to-chuc/chi-bo-a/", {})
        assert response.status_code == 200 and 'class="field invalid"' in response.content.decode()
        assert not Upload.objects.exists()

    def test_scope(self) -> None:
        assert self.client.get("/nhap-excel/to-chuc/chi-bo-b/").status_code == 404
        self.client.force_login(self.w.viewer_commune_a)
        assert self.client.get("/nhap-excel/to-chuc/chi-bo-a/").status_code == 403
        assert self.client.get("/nhap-excel/to-chuc/xa-a/xuat/members/").status_code == 200
        assert self.client.get("/nhap-excel/to-chuc/xa-a/xuat/khac/").status_code == 422

    def test_export_and_template_downloads(self) -> None:
        make_member(self.w.cell_a, hometown="Mường Lý")
        response = self.client.get("/nhap-excel/to-chuc/xa-a/xuat/members/")
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert sheet["A2"].value == "Nguyễn Văn An"
        response = self.client.get("/nhap-excel/to-chuc/xa-a/mau/candidates/")
        assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-candidates.xlsx"'

    def test_merge_page(self) -> None:
        keep = make_person(self.w.cell_a)
        drop = make_person(self.w.cell_a)
        outside = make_person(self.w.cell_b)
        page = self.client.get(f"/nguoi/{keep.pk}/").content.decode()
        assert f"/nhap-excel/nguoi/{keep.pk}/gop/" in page
        response = self.client.post(f"/nhap-excel/nguoi/{keep.pk}/gop/", {"other": outside.pk, "confirm": "on"})
        assert "Không tìm thấy hồ sơ này." in response.content.decode()
        response = self.client.post(f"/nhap-excel/nguoi/{keep.pk}/gop/", {"other": drop.pk, "confirm": "on"})
        assert response.status_code == 302 and not Person.objects.filter(pk=drop.pk).exists()
