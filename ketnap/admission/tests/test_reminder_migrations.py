"""Migrations 0005–0007: reminders keyed by the person, filled from their case, and back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ketnap.core.testing import build_world, make_person

BEFORE = [("admission", "0004_step_kinds_decision_extension_and_escalation")]
AFTER = [("admission", "0007_reminder_person_required")]


def migrate(target: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor


@pytest.mark.django_db(transaction=True)
def test_person_filled_from_the_case_and_the_migration_reverses() -> None:
    world = build_world()
    person = make_person(world.cell_a)
    try:
        apps = migrate(BEFORE).loader.project_state(BEFORE).apps
        case = apps.get_model("admission", "AdmissionCase").objects.create(
            person_id=person.pk, cell_id=world.cell_a.pk, opened_on=dt.date(2024, 1, 1)
        )
        apps.get_model("admission", "Reminder").objects.create(
            case_id=case.pk, due_code="ceremony", due_on=dt.date(2025, 3, 31), days_before=30
        )
        apps = migrate(AFTER).loader.project_state(AFTER).apps
        Reminder = apps.get_model("admission", "Reminder")
        (row,) = Reminder.objects.values_list("person_id", "case_id", "due_code", "days_before")
        assert row == (person.pk, case.pk, "ceremony", 30)
        Reminder.objects.create(person_id=person.pk, due_code="probation", due_on=dt.date(2025, 1, 1), days_before=0)
        apps = migrate(BEFORE).loader.project_state(BEFORE).apps
        rows = apps.get_model("admission", "Reminder").objects.values_list("case_id", "due_code")
        assert list(rows) == [(case.pk, "ceremony")]  # the one without a case cannot exist there
    finally:
        migrate(AFTER)
