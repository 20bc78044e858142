"""The audit log: written in the transaction of the change, and never changed after."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory, TestCase

from ketnap.audit.context import RequestContext, current
from ketnap.audit.middleware import RequestContextMiddleware
from ketnap.audit.models import AuditEntry
from ketnap.audit.services import audit_log, snapshot
from ketnap.core.errors import ValidationFailed
from ketnap.core.testing import build_world, clear_audit_log, make_member, make_org, make_person
from ketnap.organizations.models import OrgKind
from ketnap.organizations.services import reorganize
from ketnap.people.models import MembershipEvent, Person
from ketnap.people.services import person_update


class AuditWritingTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.person = make_person(cls.w.cell_a)

    def test_row_carries_actor_object_before_after_and_request_id(self) -> None:
        token = current.set(RequestContext(request_id="3f1c-req", address="10.0.0.7"))
        try:
            person_update(actor=self.w.editor_a, person=self.person, residence="Bản Pá")
        finally:
            current.reset(token)
        entry = AuditEntry.objects.get()
        assert entry.actor == self.w.editor_a
        assert (entry.action, entry.object_type, entry.object_id) == (
            "person.update",
            "people.person",
            str(self.person.pk),
        )
        assert (entry.before, entry.after) == ({"residence": ""}, {"residence": "Bản Pá"})
        assert (entry.request_id, entry.address) == ("3f1c-req", "10.0.0.7")
        assert entry.organization_path == self.w.cell_a.path

    def test_request_id_of_the_middleware_reaches_the_row_and_the_response(self) -> None:
        def view(request):
            person_update(actor=self.w.editor_a, person=self.person, residence="Tổ 3")
            return HttpResponse("ok")

        response = RequestContextMiddleware(view)(RequestFactory().post("/", REMOTE_ADDR="192.0.2.1"))
        entry = AuditEntry.objects.get()
        assert entry.request_id == response["X-Request-ID"]
        assert entry.address == "192.0.2.1"
        assert current.get() == RequestContext()  # reset after the request

    def test_a_failing_service_leaves_neither_change_nor_audit_row(self) -> None:
        # Two cells closed at once; the first one's member is moved (and audited)
        # before the second turns out to have nowhere to go.
        first = make_org(self.w.commune_a, "chi-bo-1", OrgKind.SUBORDINATE_CELL)
        second = make_org(self.w.commune_a, "chi-bo-2", OrgKind.SUBORDINATE_CELL)
        member = make_member(first)
        make_member(second, given="Hai")
        events = MembershipEvent.objects.count()
        with pytest.raises(ValidationFailed):
            reorganize(
                actor=self.w.admin,
                kind="merge",
                on=self.w.cell_a.valid_from.replace(year=2025),
                closed=[first, second],
                opened=[],
                moves={first.pk: self.w.cell_a},
            )
        assert AuditEntry.objects.count() == 0
        assert MembershipEvent.objects.count() == events
        assert Person.objects.get(pk=member.pk).organization_id == first.pk

    def test_snapshot_is_json_safe(self) -> None:
        data = snapshot(self.person, ["birth_date", "organization"])
        assert data == {"birth_date": "1990-01-01", "organization_id": self.w.cell_a.pk}


@pytest.mark.django_db(transaction=True)
def test_audit_log_refuses_to_run_outside_a_transaction() -> None:
    org = make_org(None, "goc", OrgKind.NATIONAL)
    with pytest.raises(RuntimeError):
        audit_log(actor=None, action="x", obj=org)


@pytest.mark.django_db(transaction=True)
def test_clear_audit_log_lets_a_transactional_test_flush_and_restores_the_triggers() -> None:
    AuditEntry.objects.create(action="x", object_type="t", object_id="1", object_repr="r")
    clear_audit_log()
    assert not AuditEntry.objects.exists()
    entry = AuditEntry.objects.create(action="y", object_type="t", object_id="2", object_repr="r")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    clear_audit_log()


class AppendOnlyTests(TestCase):
    """Refused by the model, and by a database trigger for every other path."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.entry = AuditEntry.objects.create(action="x", object_type="t", object_id="1", object_repr="r", reason="a")

    def assert_refused_by_database(self, operation) -> None:
        # Each attempt runs in a savepoint: on PostgreSQL a failed statement aborts
        # the surrounding transaction.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            operation()
        assert AuditEntry.objects.get(pk=self.entry.pk).reason == "a"

    def test_vendor_has_the_triggers(self) -> None:
        assert connection.vendor in ("sqlite", "postgresql"), "add triggers for this database"

    def test_model_save_of_an_existing_row_is_refused(self) -> None:
        self.entry.reason = "b"
        with pytest.raises(RuntimeError):
            self.entry.save()

    def test_model_delete_is_refused(self) -> None:
        with pytest.raises(RuntimeError):
            self.entry.delete()
        assert AuditEntry.objects.filter(pk=self.entry.pk).exists()

    def test_queryset_update_is_refused(self) -> None:
        self.assert_refused_by_database(lambda: AuditEntry.objects.filter(pk=self.entry.pk).update(reason="b"))

    def test_queryset_delete_is_refused(self) -> None:
        self.assert_refused_by_database(lambda: AuditEntry.objects.filter(pk=self.entry.pk).delete())

    def test_bulk_update_is_refused(self) -> None:
        self.entry.reason = "b"
        self.assert_refused_by_database(lambda: AuditEntry.objects.bulk_update([self.entry], ["reason"]))

    def test_raw_sql_update_is_refused(self) -> None:
        def run() -> None:
            with connection.cursor() as cursor:
                cursor.execute("UPDATE audit_auditentry SET reason = 'b' WHERE id = %s", [self.entry.pk])

        self.assert_refused_by_database(run)

    def test_raw_sql_delete_is_refused(self) -> None:
        def run() -> None:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [self.entry.pk])

        self.assert_refused_by_database(run)

    def test_inserting_new_rows_still_works(self) -> None:
        AuditEntry.objects.create(action="y", object_type="t", object_id="2", object_repr="r")
        assert AuditEntry.objects.count() == 2
