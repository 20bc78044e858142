"""A real browser, at phone width: a commune board uploads a cell's list of members with
one impossible date, sees the error at its row and column with nothing written, uploads
the corrected file, checks it and commits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ketnap.core.browser import BROWSER, PHONE, download_responds, phone_checks, shot, sign_in
from ketnap.core.testing import build_world, make_user
from ketnap.imports.tests.workbooks import good_member, simple
from ketnap.people.models import Person

pytestmark = BROWSER
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    """The browser runs on the real clock (its session cookies do)."""
    yield


def _workbook(tmp_path: Path, name: str, second_birth_date: str) -> Path:
    path = tmp_path / name
    rows = [
        good_member("Lò Văn Minh"),
        good_member("Hà Thị Lan", **{"Giới tính": "Nữ", "Ngày sinh": second_birth_date}),
    ]
    path.write_bytes(simple(rows))
    return path


def _upload_and_check(page: Any, base: str, path: Path) -> None:
    page.goto(f"{base}/nhap-excel/to-chuc/chi-bo-a/")
    page.get_by_role("heading", name="Nhập danh sách từ Excel").wait_for()
    page.select_option("#id_kind", label="Đảng viên")
    page.set_input_files("#id_file", str(path))
    phone_checks(page)
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_role("heading", name=path.name).wait_for()
    assert page.locator("#id_col_B").input_value() == "birth_date"  # the usual header is recognized
    phone_checks(page)
    page.get_by_role("button", name="Kiểm tra (không ghi)").click()
    page.get_by_role("heading", name="4. Kết quả kiểm tra").wait_for()
    phone_checks(page)


@pytest.mark.django_db(transaction=True)
def test_a_board_fixes_a_bad_row_and_imports_the_list(audit_cleanup, live_server, browser_page, tmp_path):
    world = build_world()
    board = make_user("xa_ban", (world.commune_a, "editor"))
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, board)
    page.goto(f"{base}/nhap-excel/to-chuc/chi-bo-a/")
    for link in ("tải mẫu", "xuất danh sách hiện có theo mẫu"):
        download_responds(page, page.get_by_role("link", name=link).first, XLSX)

    _upload_and_check(page, base, _workbook(tmp_path, "danh-sach.xlsx", "31/02/1991"))
    page.get_by_role("heading", name="1 lỗi — chưa ghi gì").wait_for()
    error = page.locator("table.data tbody tr").all_inner_texts()
    assert error == ["3\tB\tNgày sinh\tNgày 31/02/1991 không tồn tại trong lịch."], error
    assert page.get_by_role("button", name="Ghi vào hệ thống").count() == 0
    shot(page, "imports-error")
    assert not Person.objects.exists()

    _upload_and_check(page, base, _workbook(tmp_path, "danh-sach-da-sua.xlsx", "28/02/1991"))
    assert "2 người mới" in page.inner_text("main")
    page.get_by_role("button", name="Ghi vào hệ thống").click()
    page.get_by_role("heading", name="Đã nhập xong").wait_for()
    assert "Đã ghi 2 người" in page.inner_text("main")
    phone_checks(page)
    shot(page, "imports-done")
    page.get_by_role("link", name="Xem danh sách người").click()
    page.get_by_text("Hà Thị Lan").first.wait_for()
    phone_checks(page)
    names = sorted(person.full_name for person in Person.objects.filter(organization=world.cell_a))
    assert names == ["Hà Thị Lan", "Lò Văn Minh"]
