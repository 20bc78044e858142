"""Workbooks as committees keep them: cells merged down a column, several sheets, a
formula with the value Excel computed; messages in English; progress; all-or-nothing
when the last row fails while writing."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from unittest import mock

import pytest
from django.test import TestCase
from django.utils import translation
from openpyxl import Workbook

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import ValidationFailed
from ketnap.core.testing import build_world
from ketnap.imports.columns import Kind
from ketnap.imports.services import CommitProgress, import_check, import_commit
from ketnap.imports.tests.workbooks import MEMBER_HEADERS, book_bytes, good_member, simple
from ketnap.people.models import MembershipEvent, Person

HEADERS = [*MEMBER_HEADERS, "Chi bộ"]


def _values(name: str, org: str | None = None) -> list[Any]:
    return [*good_member(name).values(), org]


def with_cached_value(content: bytes, cell: str, value: str) -> bytes:
    """The workbook as Excel saves it: the formula of ``cell`` with its computed value."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = re.sub(
                    rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?', rf"\1<f>\2</f><v>{value}</v>", text
                )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


class ShapesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def check(self, content: bytes, **kwargs: Any) -> Any:
        return import_check(
            actor=self.w.editor_a, organization=self.w.commune_a, kind=Kind.MEMBERS, content=content, **kwargs
        )

    def test_a_cell_merged_down_a_column_gives_its_value_to_every_row(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.append(HEADERS)
        for name in ("Lò Văn Một", "Lò Văn Hai", "Lò Văn Ba"):
            sheet.append(_values(name, "chi-bo-a"))
        sheet.merge_cells("G2:G4")  # the cell code written once for the group
        report = self.check(book_bytes(book))
        assert report.errors == [], [str(i) for i in report.errors]
        assert [r.organization for r in report.new_rows] == [self.w.cell_a] * 3

    def test_several_sheets_the_chosen_one_is_read_hidden_sheets_are_not_offered(self) -> None:
        book = Workbook()
        first = book.active
        first.title = "Tổng hợp"
        first.append(["Báo cáo"])
        second = book.create_sheet("Chi bộ A")
        second.append(HEADERS)
        second.append(_values("Lò Văn Một"))
        second.append(_values("Lò Văn Hai"))
        book.create_sheet("Ẩn").sheet_state = "hidden"
        content = book_bytes(book)
        report = self.check(content, sheet_name="Chi bộ A")
        assert report.sheets == ["Tổng hợp", "Chi bộ A"]
        assert (report.sheet, len(report.new_rows), report.errors) == ("Chi bộ A", 2, [])
        assert self.check(content).sheet == "Tổng hợp"  # the first sheet when none is chosen

    def test_formula_gives_the_value_excel_computed(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.append(MEMBER_HEADERS)
        sheet.append(list(good_member().values()))
        sheet["B2"] = "=DATE(1990,3,12)"
        report = self.check(with_cached_value(book_bytes(book), "B2", "32944"))
        assert report.errors == [], [str(i) for i in report.errors]
        assert report.new_rows[0].fields["birth_date"].isoformat() == "1990-03-12"

    def test_messages_in_english(self) -> None:
        content = simple([good_member(**{"Ngày sinh": "31/02/1990"})])
        with translation.override("en"):
            messages = [str(i) for i in self.check(content).errors]
        assert messages == ["Row 2, column B (Ngày sinh): The date 31/02/1990 does not exist in the calendar."]

    def test_progress_is_reported(self) -> None:
        seen: list[tuple[int, int]] = []
        content = simple([good_member(), good_member("Lò Văn Hải")])
        import_commit(
            actor=self.w.editor_a,
            organization=self.w.cell_a,
            kind=Kind.MEMBERS,
            content=content,
            progress=lambda done, total: seen.append((done, total)),
        )
        assert seen == [(1, 4), (2, 4), (4, 4)]  # checking is the first half, then one batch written

    def _commit(self, rows: list[Any], seen: list[tuple[int, int]]) -> None:
        """Commit ``rows`` into cell A, recording every progress call in ``seen``."""
        import_commit(
            actor=self.w.editor_a,
            organization=self.w.cell_a,
            kind=Kind.MEMBERS,
            content=simple(rows),
            progress=lambda done, total: seen.append((done, total)),
        )

    def test_progress_is_reported_per_batch_written(self) -> None:
        from ketnap.imports import bulk

        seen: list[tuple[int, int]] = []
        rows = [good_member(f"Lò Văn {name}") for name in ("An", "Bình", "Cường", "Dũng", "Hải")]
        with mock.patch.object(bulk, "BATCH", 2):
            self._commit(rows, seen)
        assert seen[5:] == [(7, 10), (9, 10), (10, 10)]
        assert Person.objects.count() == 5

    def test_progress_advances_while_checking_before_anything_is_written(self) -> None:
        from ketnap.imports import bulk

        seen: list[tuple[int, int]] = []
        at_first_write: list[list[tuple[int, int]]] = []
        original = bulk._write_batch

        def recording(actor: Any, rows: Any) -> None:
            if not at_first_write:
                at_first_write.append(list(seen))
            original(actor, rows)

        rows = [good_member(f"Lò Văn {name}") for name in ("An", "Bình", "Cường", "Dũng")]
        with mock.patch.object(bulk, "_write_batch", recording), mock.patch.object(bulk, "BATCH", 1):
            self._commit(rows, seen)
        assert at_first_write == [[(1, 8), (2, 8), (3, 8), (4, 8)]]
        assert seen[4:] == [(5, 8), (6, 8), (7, 8), (8, 8)]

    def test_writing_fewer_rows_than_checked_still_fills_the_second_half(self) -> None:
        seen: list[tuple[int, int]] = []
        bar = CommitProgress(lambda done, total: seen.append((done, total)))
        for done in (1, 2, 3):
            bar.checking(done, 3)
        bar.writing(1, 2)
        bar.writing(2, 2)
        assert seen == [(1, 6), (2, 6), (3, 6), (4, 6), (6, 6)]
        assert not CommitProgress.is_writing(3, 6) and CommitProgress.is_writing(4, 6)

    def test_a_failure_while_writing_the_last_row_writes_nothing(self) -> None:
        from ketnap.aggregates.models import MemberDelta
        from ketnap.imports import bulk

        content = simple([good_member(), good_member("Lò Văn Hải"), good_member("Lò Văn Cuối")])
        original = bulk.audit_log_many

        def failing(*, actor: Any, records: Any) -> int:
            if any(str(record.obj) == "Lò Văn Cuối" for record in records):
                raise ValidationFailed({"birth_date": ["hỏng"]})
            return original(actor=actor, records=records)

        def counts() -> tuple[int, ...]:
            models = (Person, MembershipEvent, AuditEntry, MemberDelta)
            return tuple(model.objects.count() for model in models)  # type: ignore[attr-defined]

        before = counts()
        with (
            mock.patch.object(bulk, "audit_log_many", failing),
            mock.patch.object(bulk, "BATCH", 2),
            pytest.raises(ValidationFailed),
        ):
            import_commit(actor=self.w.editor_a, organization=self.w.cell_a, kind=Kind.MEMBERS, content=content)
        assert counts() == before

    def test_candidates_file_records_people_without_membership_events(self) -> None:
        row = {k: v for k, v in good_member().items() if k != "Ngày vào Đảng"}
        report = import_commit(
            actor=self.w.editor_a, organization=self.w.cell_a, kind=Kind.CANDIDATES, content=simple([row])
        )
        assert report.created == 1
        person = Person.objects.get()
        assert (person.organization, person.events.count()) == (self.w.cell_a, 0)
        assert AuditEntry.objects.filter(action="person.create").count() == 1


class BombTests(TestCase):
    def test_a_workbook_unpacking_too_large_is_refused_before_reading(self) -> None:
        w = build_world()
        with mock.patch("ketnap.imports.workbook.MAX_UNPACKED_BYTES", 1000), pytest.raises(ValidationFailed) as refused:
            import_check(actor=w.editor_a, organization=w.cell_a, kind=Kind.MEMBERS, content=simple([good_member()]))
        assert refused.value.errors == {"file": ["Tệp giải nén quá lớn để đọc."]}


def test_the_formulas_are_read_only_from_a_file_that_has_some() -> None:
    from ketnap.imports.workbook import _FORMULA, _has_formulas

    book = Workbook()
    book.active.append(["Họ và tên", "Ngày sinh"])
    book.active.append(["Lò Văn Minh", "12/03/1990"])
    assert not _has_formulas(book_bytes(book))
    book.active["C2"] = "=A2"
    assert _has_formulas(book_bytes(book))
    assert _FORMULA.search(b'<x:c r="C2"><x:f>A2</x:f></x:c>') and _FORMULA.search(b"<f/>")
    assert not _FORMULA.search(b"<fill><font/></fill>")
