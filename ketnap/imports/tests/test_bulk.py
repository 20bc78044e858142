"""The commit writes in bulk exactly what the people services write row by row: the
same people, profile rows, events, status periods, audit rows (in the same order, on
an unbroken chain) and member aggregates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db import transaction
from django.test import TestCase

from ketnap.aggregates.tests.helpers import buckets, differences
from ketnap.audit.models import AuditEntry
from ketnap.audit.selectors import chain_problem
from ketnap.core.testing import build_world
from ketnap.imports import services
from ketnap.imports.columns import Kind
from ketnap.imports.report import NewRow
from ketnap.imports.services import import_commit
from ketnap.imports.tests.per_row import write_row
from ketnap.imports.tests.workbooks import good_member, simple
from ketnap.people.models import MembershipEvent, Person, Profile, StatusPeriod

# Keys of the audit rows' before and after that differ between two writes of one row.
_VOLATILE = {"id", "person_id", "created_at", "updated_at", "recorded_at"}


class _Rollback(Exception):
    pass


def _members() -> bytes:
    rows = [
        good_member("Lò Văn An", **{"Ngày chính thức": "05/06/2016", "Mã chi bộ": "chi-bo-a"}),
        good_member("Lò Thị Bình", **{"Giới tính": "Nữ", "Dân tộc": "Thái", "Mã chi bộ": "chi-bo-a"}),
        good_member("Lò Văn Cường", **{"Ngày sinh": "01/01/1960", "Ngày vào Đảng": "03/02/2012", "Mã chi bộ": ""}),
        good_member(
            "Vàng Thị Dung",
            **{"Giới tính": "Nữ", "Ngày vào Đảng": "19/05/2020", "Ngày chính thức": "20/05/2021", "Mã chi bộ": "xa-a"},
        ),
        good_member("Lò Văn Em", **{"Ngày vào Đảng": "01/09/2024", "Đoàn viên": "Có", "Mã chi bộ": "chi-bo-a"}),
    ]
    return simple(rows)


def _candidates() -> bytes:
    row = {k: v for k, v in good_member("Lò Văn Giang").items() if k != "Ngày vào Đảng"}
    return simple([row, row | {"Họ và tên": "Lò Thị Hoa", "Giới tính": "Nữ"}])


def _per_row(actor: Any, rows: list[NewRow], progress: Any) -> None:
    for done, row in enumerate(rows, start=1):
        write_row(actor, row)
        progress(done, len(rows))


def _stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_stable(item) for item in value]
    return value


def _written(since: int) -> dict[str, Any]:
    """What the imports wrote, without the ids and times that differ between two runs."""
    name = {p.pk: p.full_name for p in Person.objects.all()}
    people = sorted(
        Person.objects.values_list(
            "family_name",
            "middle_name",
            "given_name",
            "search_name",
            "sort_key",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "hometown",
            "education",
            "youth_union_member",
            "organization_id",
        )
    )
    profiles = sorted(
        (name[p.person_id], p.valid_from, p.valid_to, p.education, p.religion, p.youth_union_member)
        for p in Profile.objects.all()
    )
    events = sorted(
        (name[e.person_id], e.kind, e.date, e.effective_date, e.organization_id, e.recorded_by_id)
        for e in MembershipEvent.objects.all()
    )
    periods = sorted(
        (name[p.person_id], p.status, p.organization_id, p.host_organization_id, p.start, p.end)
        for p in StatusPeriod.objects.all()
    )
    audit = [
        (e.action, e.object_type, e.object_repr, e.organization_path, e.actor_id, _stable(e.before), _stable(e.after))
        for e in AuditEntry.objects.filter(pk__gt=since).order_by("pk")
    ]
    return {
        "people": people,
        "profiles": profiles,
        "events": events,
        "periods": periods,
        "audit": audit,
        "aggregates": buckets(),
    }


class BulkEquivalenceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def _import(self) -> None:
        for kind, content in ((Kind.MEMBERS, _members()), (Kind.CANDIDATES, _candidates())):
            check = services.import_check(
                actor=self.w.editor_a, organization=self.w.province_a, kind=kind, content=content
            )
            assert check.ok, [str(i) for i in check.issues]
            report = import_commit(actor=self.w.editor_a, organization=self.w.province_a, kind=kind, content=content)
            assert report.ok and report.created == {Kind.MEMBERS: 5, Kind.CANDIDATES: 2}[kind], report.issues

    @contextmanager
    def _undone(self) -> Iterator[None]:
        try:
            with transaction.atomic():
                yield
                raise _Rollback
        except _Rollback:
            pass

    def test_bulk_writes_what_the_people_services_write_row_by_row(self) -> None:
        since = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with self._undone(), mock.patch.object(services, "write_rows", _per_row):
            self._import()
            one_by_one = _written(since)
        assert not Person.objects.exists()
        self._import()
        in_bulk = _written(since)
        assert len(one_by_one["people"]) == 7 and len(one_by_one["audit"]) == 7 + 12 + 2
        for table in one_by_one:
            assert in_bulk[table] == one_by_one[table], table
        assert chain_problem() is None
        days = [dt.date(2012, 2, 3), dt.date(2016, 6, 5), dt.date(2021, 5, 20), dt.date(2024, 9, 1), dt.date.today()]
        assert differences(self.w.province_a, days) == []
