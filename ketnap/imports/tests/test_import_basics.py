"""Dry run and commit of a small members file."""

from __future__ import annotations

from django.test import TestCase

from ketnap.core.testing import build_world
from ketnap.imports.columns import Kind
from ketnap.imports.services import import_check, import_commit
from ketnap.imports.tests.workbooks import good_member, simple
from ketnap.people.models import Person, StatusPeriod


class BasicsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_good_file_dry_run_then_commit(self) -> None:
        content = simple(
            [good_member(), good_member("Lò Thị Mai", **{"Giới tính": "Nữ", "Ngày chính thức": "05/06/2016"})]
        )
        report = import_check(actor=self.w.editor_a, organization=self.w.cell_a, kind=Kind.MEMBERS, content=content)
        assert [str(i) for i in report.issues] == []
        assert len(report.new_rows) == 2
        assert not Person.objects.exists()
        report = import_commit(actor=self.w.editor_a, organization=self.w.cell_a, kind=Kind.MEMBERS, content=content)
        assert report.created == 2
        assert StatusPeriod.objects.filter(person__given_name="Minh", end__isnull=True).get().status == "probationary"
