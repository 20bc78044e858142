"""A committee's workbook with every kind of problem: each reported at its row and
column, and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from openpyxl import Workbook

from ketnap.core.testing import build_world, make_person
from ketnap.imports.columns import Kind
from ketnap.imports.services import ImportRefused, import_check, import_commit
from ketnap.imports.tests.workbooks import book_bytes
from ketnap.people.models import Person

# Headers as committees write them: no diacritics, synonyms, a title row above.
HEADERS = [
    "STT",
    "Ho ten",
    "Ngay sinh",
    "Gioi tinh",
    "Que quan",
    "So CCCD",
    "Trinh do van hoa",
    "Chi bo",
    "Ngay ket nap",
    "Ngày chính thức",
]
GOOD: list[object] = ["", "Lò Văn Minh", "12/03/1990", "Nam", "Mường Lý", "", "12/12", "", "05/06/2015", ""]


def row(**over: object) -> list[object]:
    values = list(GOOD)
    for letter, value in over.items():
        values["ABCDEFGHIJ".index(letter)] = value
    return values


def bad_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Chi bo A"
    sheet.append(["DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN A"])  # row 1: a title
    sheet.append(HEADERS)  # row 2
    rows = [
        row(),  # 3 good
        row(B="Lò Văn Hai", C="31/02/1990"),  # 4 impossible date
        row(B="Lò Văn Ba", D=None),  # 5 missing required gender
        row(B="Lò Văn Bốn", H="khong-co"),  # 6 unknown organization
        row(B="Lò Văn Năm", C="01/01/2020", I=""),  # 7 impossible age; no admission date either
        row(B="Lò Văn Sáu", F="12345"),  # 8 citizen ID too short
        row(B="Lò Văn Bảy", F=1090000123),  # 9 numeric ID: padded, a notice
        row(B="Lò Văn Tám", C="not a date"),  # 10 hidden: skipped
        row(B="Lò Văn Chín"),  # 11 formula without a value in C
        row(B="Lò Văn Mười"),  # 12 merged across D12:E12
        row(),  # 13 same as row 3
        row(B="Lò Văn Mười Một", H="chi-bo-b"),  # 14 an organization outside the subtree
        row(B="Lò Văn Mười Hai", C=32944, I="12 tháng 3 năm 2010"),  # 15 serial and words: good
        row(B="Lò Văn Mười Ba", I="01/01/2005"),  # 16 admitted at 14
        row(B="Lò Văn Mười Bốn", C=1990),  # 17 a year alone
        row(B="Lò Văn Mười Lăm", D="Khác"),  # 18 not in the list
        row(B="Minh"),  # 19 one word
        row(B="Lò Văn Mười Bảy", J="01/01/2016"),  # 20 official before 12 months of probation
        row(B="Lò Văn Mười Tám", I="01/01/2099"),  # 21 admitted in the future
        row(B="Lò Thị Trùng", D="Nữ"),  # 22 already on record
        row(B="Lò Văn Hai Mươi", F="001090000999"),  # 23 citizen ID already on record
        row(B="Lò Văn Hai Mốt", G="Đại học"),  # 24 not a general education level
    ]
    for values in rows:
        sheet.append(values)
    sheet.row_dimensions[10].hidden = True
    sheet["C11"] = "=DATE(1990,1,1)"
    sheet.merge_cells("D12:E12")
    return book_bytes(book)


EXPECTED = {
    (4, "C"),
    (5, "D"),
    (6, "H"),
    (7, "C"),
    (7, "I"),
    (8, "F"),
    (11, "C"),
    (12, "D"),
    (13, "B"),
    (14, "H"),
    (16, "I"),
    (17, "C"),
    (18, "D"),
    (19, "B"),
    (20, "J"),
    (21, "I"),
    (22, "B"),
    (23, "B"),
    (24, "G"),
}


class ErrorsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        make_person(
            cls.w.cell_a,
            family="Lò",
            middle="Thị",
            given="Trùng",
            gender="female",
            birth_date=dt.date(1990, 3, 12),
            hometown="Mường Lý",
        )
        make_person(cls.w.cell_b, family="Hà", middle="Văn", given="Khác", citizen_id="001090000999")

    def check(self) -> object:
        return import_check(
            actor=self.w.editor_a, organization=self.w.commune_a, kind=Kind.MEMBERS, content=bad_workbook()
        )

    def test_every_error_at_its_row_and_column(self) -> None:
        report = self.check()
        found = {(issue.row, issue.column) for issue in report.errors}
        assert found == EXPECTED, [str(i) for i in report.errors]
        assert report.sheet == "Chi bo A"
        assert report.hidden == [10]
        assert [n.number for n in report.new_rows] == [3, 9, 15]

    def test_messages_name_row_column_and_header(self) -> None:
        messages = [str(issue) for issue in self.check().issues]
        assert "Dòng 4, cột C (Ngay sinh): Ngày 31/02/1990 không tồn tại trong lịch." in messages
        assert any(m.startswith("Dòng 12, cột D (Gioi tinh): Ô gộp D12:E12") for m in messages)
        assert any(m.startswith("Dòng 13, cột B (Ho ten): Trùng với dòng 3") for m in messages)
        assert any(m.startswith("Dòng 10: Dòng bị ẩn") for m in messages)
        assert any(
            m.startswith("Dòng 9, cột F (So CCCD): Ô dạng số: đã thêm số 0 ở đầu thành 001090000123") for m in messages
        )
        assert any("ngoài phạm vi" in m and m.startswith("Dòng 23") for m in messages)

    def test_commit_writes_nothing(self) -> None:
        before = Person.objects.count()
        with pytest.raises(ImportRefused) as refused:
            import_commit(
                actor=self.w.editor_a, organization=self.w.commune_a, kind=Kind.MEMBERS, content=bad_workbook()
            )
        assert len(refused.value.report.errors) == len(EXPECTED)
        assert Person.objects.count() == before
