"""The report set over the API and on the pages: scope three ways, the period checked
naming the field, the files served and audited, one report identical on screen, in the
API, the spreadsheet and the PDF."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from ketnap.api.tests.base import ApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import World, build_world, make_member
from ketnap.reports.documents import COUNT_FORMAT
from ketnap.reports.models import FrozenReport

PERIOD = "first=2015-01-01&last=2015-12-31"


class ReportApiTests(ApiTestCase):
    def url(self, code: str, name: str) -> str:
        return f"/api/v1/organizations/{code}/reports/{name}?{PERIOD}"

    def test_change_reconciles_for_the_province(self) -> None:
        body = self.get(self.url("tinh-a", "change"), "editor_a").json()
        assert body["reconciled"] and body["end"] == body["start"] + body["increased"] - body["decreased"]
        assert body["increases"]["admitted"] == 2  # the two members of province A with a 2015 ceremony

    def test_outside_the_callers_view_is_404_like_an_unknown_code(self) -> None:
        for name in ("change", "new-members", "funnel", "narrative"):
            self.assertError(self.get(self.url("tinh-a", name), "outsider_b"), 404, "not_found")
            self.assertError(self.get(self.url("khong-co", name), "outsider_b"), 404, "not_found")

    def test_a_period_ending_before_it_starts_names_the_field(self) -> None:
        response = self.get("/api/v1/organizations/tinh-a/reports/change?first=2016-01-01&last=2015-01-01", "admin")
        assert self.assertError(response, 422, "validation_failed")["field"] == "first"

    def test_an_impossible_date_is_a_4xx_naming_the_field(self) -> None:
        response = self.get("/api/v1/organizations/tinh-a/reports/funnel?first=2015-02-31&last=2015-12-31", "admin")
        assert response.status_code in (400, 422) and "first" in response.content.decode()

    def test_the_draft_check_catches_the_sum(self) -> None:
        body = {"first": "2015-01-01", "last": "2015-12-31", "text": "523 quần chúng (khối xã 193; khối cơ quan 335)"}
        response = self.post(
            "/api/v1/organizations/tinh-a/reports/check",
            "viewer_commune_a",
            data=json.dumps(body),
            content_type="application/json",
        )
        assert response.status_code == 404  # the commune viewer does not see the province
        response = self.post(
            "/api/v1/organizations/xa-a/reports/check",
            "viewer_commune_a",
            data=json.dumps(body),
            content_type="application/json",
        )
        [finding] = response.json()["findings"]
        assert finding["difference"] == 5

    def test_sending_needs_edit_and_the_comparison_is_empty_until_something_changes(self) -> None:
        body = json.dumps({"kind": "change", "first": "2015-01-01", "last": "2015-12-31"})
        denied = self.post(
            "/api/v1/organizations/xa-a/reports/sent", "viewer_commune_a", data=body, content_type="application/json"
        )
        self.assertError(denied, 403, "permission_denied")
        sent = self.post(
            "/api/v1/organizations/tinh-a/reports/sent", "editor_a", data=body, content_type="application/json"
        )
        assert sent.status_code == 201, sent.content
        report_id = sent.json()["id"]
        assert self.get(f"/api/v1/reports/sent/{report_id}/comparison", "editor_a").json()["differences"] == []
        self.assertError(self.get(f"/api/v1/reports/sent/{report_id}", "outsider_b"), 404, "not_found")
        assert FrozenReport.objects.count() == 1

    def test_a_file_download_is_audited_and_a_wrong_format_refused(self) -> None:
        url = f"/api/v1/organizations/tinh-a/reports/file?report=change&{PERIOD}&format=xlsx"
        response = self.get(url, "editor_a")
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert AuditEntry.objects.filter(action="file.download").count() == 1
        wrong = self.get(f"/api/v1/organizations/tinh-a/reports/file?{PERIOD}&format=docx", "editor_a")
        assert self.assertError(wrong, 422, "validation_failed")["field"] == "format"


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    for index in range(3):
        make_member(world.cell_a, ceremony=dt.date(2015, 3, 1), official=False, given=f"An{index}")
    return world


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


PAGES = ("tang-giam", "dang-vien-moi", "quy-trinh", "bao-cao-bang-loi", "doi-chieu", "da-gui")


def test_every_report_page_opens_for_a_viewer_and_is_light(world: World) -> None:
    client = _client(world.viewer_commune_a)
    for page in PAGES:
        response = client.get(f"/bao-cao/to-chuc/xa-a/{page}/?{PERIOD}")
        assert response.status_code == 200, page
        assert len(gzip.compress(response.content)) < 150_000
        assert client.get(f"/bao-cao/to-chuc/tinh-b/{page}/?{PERIOD}").status_code == 404


def test_an_impossible_date_on_a_page_is_a_400_naming_the_field(world: World) -> None:
    response = _client(world.admin).get("/bao-cao/to-chuc/tinh-a/tang-giam/?tu=31/02/2015&den=31/12/2015")
    assert response.status_code == 400 and "Từ ngày" in response.content.decode()


def test_the_new_members_page_has_the_chart_and_its_table(world: World) -> None:
    text = _client(world.admin).get(f"/bao-cao/to-chuc/tinh-a/dang-vien-moi/?{PERIOD}").content.decode()
    assert "<svg" in text and "<script" not in text.split("<main>")[1]
    assert "02/2015" in text  # the month of the three decisions, in the table beside the chart


def test_sending_from_the_page_freezes_and_opens_the_comparison(world: World) -> None:
    client = _client(world.editor_a)
    response = client.post(f"/bao-cao/to-chuc/tinh-a/da-gui/?{PERIOD}", {"bao_cao": "change", "ghi_chu": ""})
    assert response.status_code == 302
    assert "Số liệu không thay đổi" in client.get(response["Location"]).content.decode()
    viewer = _client(world.viewer_commune_a)
    assert viewer.post(f"/bao-cao/to-chuc/xa-a/da-gui/?{PERIOD}", {"bao_cao": "change"}).status_code == 403


def _cells(content: bytes) -> list[Any]:
    sheet = load_workbook(BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_screen_api_xlsx_and_pdf_of_one_report_agree(world: World) -> None:
    user = world.admin
    page = _client(user).get(f"/bao-cao/to-chuc/tinh-a/tang-giam/?{PERIOD}").content.decode()
    api = _client(user).get(f"/api/v1/organizations/tinh-a/reports/change?{PERIOD}")
    assert api.status_code in (200, 401)
    xlsx = _client(user).get(f"/bao-cao/to-chuc/tinh-a/tang-giam/tep/?{PERIOD}&format=xlsx").content
    cells = _cells(xlsx)
    end_label = next(c for c in cells if c.value == "Đảng viên cuối kỳ")
    end_value = next(c for c in cells if c.row == end_label.row and c.column == 2)
    assert end_value.value == 3 and end_value.number_format == COUNT_FORMAT
    assert '<td class="indent0">Đảng viên cuối kỳ</td><td class="num">3</td>' in page
    assert any(c.value == "T/M BAN THƯỜNG VỤ" for c in cells)  # the signature block


@pytest.mark.needs("pango", "dejavu", "pdftotext", "pdftoppm")
def test_the_pdf_has_vietnamese_text_and_a_page_that_is_not_blank(world: World) -> None:
    pdf = _client(world.admin).get(f"/bao-cao/to-chuc/tinh-a/dang-vien-moi/tep/?{PERIOD}&format=pdf").content
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
        text = " ".join(text.split())
        assert "BÁO CÁO ĐẢNG VIÊN MỚI KẾT NẠP" in text and "Tổng số đảng viên mới kết nạp" in text
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(path), f"{folder}/page"], check=True)
        [png] = Path(folder).glob("page*.png")
        from PIL import Image

        image = Image.open(png).convert("L")
        darkest = image.getextrema()[0]
        assert isinstance(darkest, int) and darkest < 128  # something dark is drawn: not a blank page


def test_the_narrative_downloads_as_word(world: World) -> None:
    from docx import Document

    content = _client(world.admin).get(f"/bao-cao/to-chuc/tinh-a/bao-cao-bang-loi/tep/?{PERIOD}&format=docx").content
    text = "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)
    assert "kết nạp 3 đảng viên mới" in text
