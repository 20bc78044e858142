"""Templates, export in the same layout, and a round trip that changes nothing; the
command line contract."""

from __future__ import annotations

import datetime as dt
import importlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from openpyxl import load_workbook

from ketnap.audit.models import AuditEntry
from ketnap.core.testing import build_world, make_member
from ketnap.imports.columns import Kind
from ketnap.imports.services import import_check
from ketnap.imports.sheets import export_bytes, template_bytes
from ketnap.imports.tests.workbooks import filled_template, good_member, simple
from ketnap.people.models import Person
from ketnap.people.selectors import people_list

command = importlib.import_module("ketnap.imports.management.commands.import")


class TemplateTests(TestCase):
    def test_template_has_headers_instructions_lists_and_text_ids(self) -> None:
        book = load_workbook(io.BytesIO(template_bytes(Kind.MEMBERS)))
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]
        assert headers[:3] == ["Họ và tên *", "Ngày sinh *", "Giới tính *"]
        assert "Ngày vào Đảng *" in headers and "Ngày chính thức" in headers
        assert sheet.cell(row=2, column=headers.index("Số CCCD") + 1).number_format == "@"
        assert any(
            "Nam" in str(v.formula1) or "_lists" in str(v.formula1) for v in sheet.data_validations.dataValidation
        )
        assert book.worksheets[1].title == "Hướng dẫn"
        candidates = [c.value for c in load_workbook(io.BytesIO(template_bytes(Kind.CANDIDATES))).worksheets[0][1]]
        assert "Ngày vào Đảng *" not in candidates

    def test_leading_zeros_kept_in_a_text_cell(self) -> None:
        w = build_world()
        row = ["Lò Văn Minh", "12/03/1990", "Nam", "", "", "Mường Lý", "", "001090000123", "Trung học phổ thông"]
        report = import_check(
            actor=w.editor_a,
            organization=w.cell_a,
            kind=Kind.CANDIDATES,
            content=filled_template(Kind.CANDIDATES, [row]),
        )
        assert report.ok, [str(i) for i in report.issues]
        assert report.new_rows[0].fields["citizen_id"] == "001090000123"


class RoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        make_member(cls.w.cell_a, hometown="Mường Lý", citizen_id="001090000123", ethnicity="thai")
        make_member(
            cls.w.cell_a, given="Bình", official=False, ceremony=dt.date(2025, 1, 5), birth_date=dt.date(2001, 2, 3)
        )

    def test_export_then_import_reports_every_row_unchanged(self) -> None:
        people = people_list(self.w.editor_a, organization=self.w.commune_a)
        content = export_bytes(people, Kind.MEMBERS, sensitive=True)
        before = (Person.objects.count(), AuditEntry.objects.count())
        report = import_check(actor=self.w.editor_a, organization=self.w.commune_a, kind=Kind.MEMBERS, content=content)
        assert report.errors == [], [str(i) for i in report.errors]
        assert (report.unchanged, report.new_rows) == ([2, 3], [])
        assert (Person.objects.count(), AuditEntry.objects.count()) == before

    def test_export_without_sensitive_permission_leaves_the_columns_out(self) -> None:
        people = people_list(self.w.viewer_commune_a, organization=self.w.commune_a)
        sheet = load_workbook(io.BytesIO(export_bytes(people, Kind.MEMBERS, sensitive=False))).worksheets[0]
        headers = [c.value for c in sheet[1]]
        assert "Số CCCD" not in headers and "Dân tộc" not in headers
        assert sheet.cell(row=2, column=1).value


class CommandTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def write(self, tmp: Path, content: bytes) -> str:
        path = tmp / "file.xlsx"
        path.write_bytes(content)
        return str(path)

    def run_import(self, *args: str) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("import", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_good_file_exits_zero_with_counts_and_writes(self) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = self.write(Path(tmp), simple([good_member(), good_member("Lò Văn Hải")]))
            out, _err = self.run_import("members", path, "--org", "chi-bo-a", "--dry-run")
            assert '"new": 2' in out and not Person.objects.exists()
            out, _err = self.run_import("members", path, "--org", "chi-bo-a")
            assert '"created": 2' in out
        assert Person.objects.count() == 2

    def test_bad_row_exits_non_zero_prints_it_and_writes_nothing(self) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = self.write(
                Path(tmp), simple([good_member(), good_member("Lò Văn Hải", **{"Ngày sinh": "31/02/1990"})])
            )
            err = io.StringIO()
            with pytest.raises(CommandError):
                call_command("import", "members", path, "--org", "chi-bo-a", stdout=io.StringIO(), stderr=err)
        assert "Dòng 3, cột B (Ngày sinh): Ngày 31/02/1990 không tồn tại trong lịch." in err.getvalue()
        assert not Person.objects.exists()

    def test_a_long_file_prints_progress_while_checking_and_while_writing(self) -> None:
        import tempfile
        from unittest import mock

        rows = [good_member(f"Lò Văn {name}") for name in ("An", "Bình", "Cường", "Dũng", "Hải")]
        with (
            tempfile.TemporaryDirectory() as tmp,
            mock.patch(f"{command.__name__}.PROGRESS_EVERY", 2),
            mock.patch("ketnap.imports.bulk.BATCH", 1),  # progress is reported per batch written
        ):
            path = self.write(Path(tmp), simple(rows))
            _out, err = self.run_import("members", path, "--org", "chi-bo-a")
        lines = err.splitlines()
        assert lines[0] == "Đang đọc và kiểm tra các dòng: 10%"
        assert "Đang đọc và kiểm tra các dòng: 50%" in lines
        assert lines[-1] == "Đang ghi các dòng: 100%"
        assert len(lines) == len(set(lines)) == 10  # 10, 20, …, 50 % checking; 60, …, 100 % writing

    def test_template_command(self) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            _out, _err = self.run_import("template", "candidates", "--output", f"{tmp}/c.xlsx")
            assert load_workbook(f"{tmp}/c.xlsx").worksheets[0]["A1"].value == "Họ và tên *"
