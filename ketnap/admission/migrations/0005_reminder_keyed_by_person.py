"""Reminders keyed by the work-queue item, not the case: a person (filled from the case
by 0006, then required by 0007) and an optional case."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("admission", "0004_step_kinds_decision_extension_and_escalation"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="reminder", name="one_reminder_per_lead"),
        migrations.AddField(
            model_name="reminder",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reminders",
                to="people.person",
            ),
        ),
        migrations.AlterField(
            model_name="reminder",
            name="case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reminders",
                to="admission.admissioncase",
            ),
        ),
    ]
