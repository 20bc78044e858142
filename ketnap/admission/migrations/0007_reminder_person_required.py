"""The reminder's person is required, and one reminder per item and lead: (person, rule,
due date, days before)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("admission", "0006_reminder_person_from_case")]

    operations = [
        migrations.AlterField(
            model_name="reminder",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to="people.person"
            ),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                fields=("person", "due_code", "due_on", "days_before"), name="one_reminder_per_item_lead"
            ),
        ),
    ]
