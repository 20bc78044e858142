"""The hash chain finds each kind of tampering with the audit log, at its first row."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import json
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase

from ketnap.audit import chain
from ketnap.audit.models import AuditEntry
from ketnap.audit.selectors import chain_problem, checkpoint
from ketnap.audit.services import audit_log
from ketnap.audit.tests.tampering import Editor, content, insert_raw, rechain, triggers_dropped, write
from ketnap.core.testing import clear_audit_log, make_org
from ketnap.organizations.models import OrgKind


class ChainTests(TestCase):
    def setUp(self) -> None:
        self.ids = write(4)

    def assert_problem(self, kind: str, entry_id: int, kept=None) -> None:
        problem = chain_problem(kept)
        assert problem is not None, "tampering not found"
        assert (problem.kind, problem.entry_id) == (kind, entry_id), problem.message
        assert str(entry_id) in problem.message

    def test_rows_are_chained_in_id_order_from_the_genesis(self) -> None:
        rows = list(AuditEntry.objects.order_by("pk"))
        assert rows[0].prev_hash == chain.GENESIS
        assert all(row.prev_hash == before.hash for before, row in itertools.pairwise(rows))
        assert chain_problem() is None

    def test_values_read_back_from_the_json_column_hash_the_same(self) -> None:
        after = {"big": 1e16, "whole": 1.0, "tenth": 0.1, "pair": (1, 2), 3: "int key", "text": "Bản Pá"}
        AuditEntry.objects.create(action="x", object_type="t", object_id="1", object_repr="r", after=after)
        assert chain_problem() is None

    def test_time_never_goes_back_along_the_chain(self) -> None:
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        entry = AuditEntry(action="x")
        chain.seal(entry, ("f" * 64, later))
        assert entry.at == later

    def test_bulk_create_is_refused_as_it_would_skip_the_chain(self) -> None:
        with pytest.raises(RuntimeError):
            AuditEntry.objects.bulk_create([AuditEntry(action="x")])

    def test_many_rows_written_at_once_follow_the_chain_in_their_order(self) -> None:
        from ketnap.audit.services import Record, audit_log_many

        org = make_org(None, "vn-many", OrgKind.NATIONAL, name="Toàn quốc")
        records = [Record(f"test.{n}", org, after={"n": n}, organization_path=org.path) for n in range(3)]
        records.append(Record("test.text", org, text="given"))
        with transaction.atomic():
            assert audit_log_many(actor=None, records=records) == 4
        rows = list(AuditEntry.objects.filter(pk__gt=self.ids[-1]).order_by("pk"))
        assert [row.action for row in rows] == ["test.0", "test.1", "test.2", "test.text"]
        assert [row.object_repr for row in rows] == [str(org)] * 3 + ["given"]
        assert rows[0].prev_hash == AuditEntry.objects.get(pk=self.ids[-1]).hash
        assert chain_problem() is None

    def test_many_rows_are_refused_outside_the_transaction_of_the_change(self) -> None:
        from ketnap.audit.services import Record, audit_log_many

        org = make_org(None, "vn-out", OrgKind.NATIONAL, name="Toàn quốc")
        with mock.patch.object(connection, "in_atomic_block", False), pytest.raises(RuntimeError):
            audit_log_many(actor=None, records=[Record("test.x", org)])

    def test_update_with_the_triggers_dropped_is_found(self) -> None:
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[1]).update(reason="rewritten")
        self.assert_problem("altered", self.ids[1])

    def test_update_of_a_sensitive_value_in_the_json_is_found(self) -> None:
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[2]).update(after={"religion": "x"})
        self.assert_problem("altered", self.ids[2])

    def test_delete_is_found_at_the_row_after_the_gap(self) -> None:
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[1]).delete()
        self.assert_problem("deleted", self.ids[2])

    def test_delete_of_the_first_row_is_found(self) -> None:
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[0]).delete()
        self.assert_problem("deleted", self.ids[1])

    def test_backdated_insert_is_found(self) -> None:
        first = AuditEntry.objects.get(pk=self.ids[0])
        forged = insert_raw(after=self.ids[-1], at=first.at - dt.timedelta(days=30))
        self.assert_problem("backdated", forged.pk)

    def test_insert_chained_from_an_earlier_row_is_found(self) -> None:
        forged = insert_raw(after=self.ids[0])
        self.assert_problem("inserted", forged.pk)

    def test_insert_into_a_gap_of_ids_is_found(self) -> None:
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[2]).delete()
        insert_raw(after=self.ids[1], pk=self.ids[2])
        # The forged row chains from row 2 correctly; row 4 no longer follows it.
        self.assert_problem("deleted", self.ids[3])

    def test_raw_insert_without_a_hash_is_found(self) -> None:
        entry = AuditEntry(action="forged", object_type="t", object_id="x", object_repr="r")
        entry.save_base(raw=True)
        self.assert_problem("altered", entry.pk)

    def test_reorder_by_swapping_contents_is_found(self) -> None:
        second, third = content(self.ids[1]), content(self.ids[2])
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[1]).update(**third)
            AuditEntry.objects.filter(pk=self.ids[2]).update(**second)
        self.assert_problem("reordered", self.ids[1])

    def test_truncation_behind_a_checkpoint_is_found(self) -> None:
        kept = checkpoint()
        with triggers_dropped():
            AuditEntry.objects.filter(pk__gte=self.ids[2]).delete()
        assert chain_problem() is None  # what is left still chains
        self.assert_problem("truncated", self.ids[-1], kept)

    def test_truncation_of_the_whole_table_behind_a_checkpoint_is_found(self) -> None:
        kept = checkpoint()
        with triggers_dropped():
            AuditEntry.objects.all().delete()
        self.assert_problem("truncated", self.ids[-1], kept)

    def test_a_rewritten_chain_is_found_behind_a_checkpoint(self) -> None:
        kept = checkpoint()
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[1]).update(reason="rewritten")
        rechain()
        assert chain_problem() is None  # consistent again, but not the same chain
        self.assert_problem("rewritten", self.ids[-1], kept)

    def test_rows_written_after_a_checkpoint_keep_it_valid(self) -> None:
        kept = checkpoint()
        write(2)
        assert chain_problem(kept) is None


class CommandTests(TestCase):
    def setUp(self) -> None:
        self.ids = write(3)

    def test_checkpoint_prints_the_head_and_writes_it_to_a_file(self) -> None:
        path = Path(self.tmp()) / "audit.json"
        call_command("audit", "checkpoint", "--output", str(path), stdout=(out := _Out()))
        kept = json.loads(path.read_text())
        head = AuditEntry.objects.get(pk=self.ids[-1])
        assert kept == {"rows": 3, "head_id": head.pk, "head_hash": head.hash}
        assert head.hash in out.text

    def test_verify_passes_and_fails_with_a_nonzero_exit(self) -> None:
        path = Path(self.tmp()) / "audit.json"
        call_command("audit", "checkpoint", "--output", str(path), stdout=_Out())
        call_command("audit", "verify", "--checkpoint", str(path), stdout=(out := _Out()))
        assert "3" in out.text
        with triggers_dropped():
            AuditEntry.objects.filter(pk=self.ids[-1]).delete()
        call_command("audit", "verify", stdout=_Out())
        with pytest.raises(CommandError, match=str(self.ids[-1])) as raised:
            call_command("audit", "verify", "--checkpoint", str(path))
        assert raised.value.returncode != 0

    def test_verify_refuses_an_unreadable_checkpoint(self) -> None:
        path = Path(self.tmp()) / "audit.json"
        path.write_text("{not json")
        with pytest.raises(CommandError):
            call_command("audit", "verify", "--checkpoint", str(path))

    def tmp(self) -> str:
        import tempfile

        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        return directory.name


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer at a time; the advisory lock matters only on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgresql_keep_one_chain() -> None:
    org = make_org(None, "goc", OrgKind.NATIONAL)
    start, errors = threading.Barrier(4), []

    def writer() -> None:
        try:
            start.wait()
            for _ in range(15):
                with transaction.atomic():
                    audit_log(actor=None, action="concurrent", obj=org)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert AuditEntry.objects.count() == 60
        assert chain_problem() is None
    finally:
        clear_audit_log()


class ForkTests(TestCase):
    def test_a_second_row_claiming_to_start_the_chain_is_found(self) -> None:
        write(2)
        forged = insert_raw(after=None)
        problem = chain_problem()
        assert problem is not None and (problem.kind, problem.entry_id) == ("inserted", forged.pk)


class ExistingRowsMigrationTests(TestCase):
    """Rows written before the chain existed are chained by the migration."""

    def test_the_migration_chains_rows_that_have_no_hash(self) -> None:
        for i in range(3):
            AuditEntry(action=f"old{i}", object_type="t", object_id=str(i), object_repr="r").save_base(raw=True)
        assert chain_problem() is not None
        migration = importlib.import_module("ketnap.audit.migrations.0004_chain_existing_rows")
        migration.forwards(django_apps, Editor())
        assert chain_problem() is None
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEntry.objects.update(reason="x")  # the triggers are back
