"""`ketnap check` warns when the application's PostgreSQL role could rewrite or empty
the audit log around its triggers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.test import TestCase

from ketnap.core.checks import audit_role_messages

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL role check")


@contextmanager
def as_role(*grants: str) -> Iterator[None]:
    """Act as a fresh role holding ``grants`` on the audit table (undone with the test)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE ketnap_app_test NOLOGIN")
        for grant in grants:
            cursor.execute(f"GRANT {grant} ON audit_auditentry TO ketnap_app_test")
        cursor.execute("SET ROLE ketnap_app_test")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


class AuditRoleCheckTests(TestCase):
    def ids(self) -> list[str | None]:
        return [message.id for message in audit_role_messages(connection)]

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite case")
    def test_silent_on_sqlite(self) -> None:
        assert self.ids() == []

    @on_postgresql
    def test_warns_when_connected_as_the_owner(self) -> None:
        assert self.ids() == ["audit.W001"]  # the test database belongs to the connected role

    @on_postgresql
    def test_is_registered_with_django(self) -> None:
        assert "audit.W001" in [message.id for message in run_checks()]

    @on_postgresql
    def test_silent_for_a_role_with_only_select_and_insert(self) -> None:
        with as_role("SELECT, INSERT"):
            assert self.ids() == []

    @on_postgresql
    def test_warns_for_a_role_that_may_truncate(self) -> None:
        with as_role("SELECT, INSERT, TRUNCATE"):
            assert self.ids() == ["audit.W001"]

    @on_postgresql
    def test_warns_for_a_role_that_may_create_triggers(self) -> None:
        with as_role("SELECT, INSERT, TRIGGER"):
            assert self.ids() == ["audit.W001"]

    @on_postgresql
    def test_warns_for_a_member_of_the_owner_role(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            owner = cursor.fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute("CREATE ROLE ketnap_member_test NOLOGIN")
            cursor.execute(f'GRANT "{owner}" TO ketnap_member_test')
            cursor.execute("SET ROLE ketnap_member_test")
        try:
            assert self.ids() == ["audit.W001"]
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")
