"""Two approvers record the same decision at the same moment: one wins, the other is told.

Runs on PostgreSQL only: SQLite has no row locks, so the race cannot be staged there.
Start a throwaway server with ``scripts/pg start`` and set ``DATABASE_URL``.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from ketnap.admission.errors import StaleCase
from ketnap.admission.models import AdmissionCase, CaseStep
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import record, record_until
from ketnap.core.testing import build_world, clear_audit_log, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_simultaneous_decisions_record_exactly_one() -> None:
    from ketnap.admission.tests.factories import open_case

    w = build_world()
    approvers = [make_user(f"approver_{i}", (w.province_a, "approver")) for i in range(2)]
    case = record_until(open_case(w), StepKind.GRASSROOTS_RESOLUTION, actor=w.editor_a)
    version = AdmissionCase.objects.get(pk=case.pk).version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user) -> None:
        try:
            barrier.wait(timeout=10)
            record(AdmissionCase.objects.get(pk=case.pk), StepKind.DECISION, actor=user, expected_version=version)
            outcomes.append("recorded")
        except StaleCase as refused:
            outcomes.append(str(refused.message))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in approvers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    try:
        assert sorted(outcomes)[-1] == "recorded" and outcomes.count("recorded") == 1
        refused = next(o for o in outcomes if o != "recorded")
        assert "đã ghi “Quyết định kết nạp đảng viên”" in refused
        assert CaseStep.objects.filter(case=case, kind=StepKind.DECISION).count() == 1
        assert AdmissionCase.objects.get(pk=case.pk).version == version + 1
    finally:
        clear_audit_log()  # the append-only triggers would refuse the test flush
