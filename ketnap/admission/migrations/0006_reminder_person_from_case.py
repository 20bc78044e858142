"""Each existing reminder's person is its case's. Backwards, the reminders with no case
(which the earlier schema cannot hold) are removed; the person column goes with 0005."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def person_from_case(apps, schema_editor):
    Reminder = apps.get_model("admission", "Reminder")
    AdmissionCase = apps.get_model("admission", "AdmissionCase")
    person = AdmissionCase.objects.filter(pk=OuterRef("case_id")).values("person_id")[:1]
    Reminder.objects.filter(person__isnull=True, case__isnull=False).update(person_id=Subquery(person))


def drop_reminders_without_case(apps, schema_editor):
    Reminder = apps.get_model("admission", "Reminder")
    Reminder.objects.filter(case__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("admission", "0005_reminder_keyed_by_person")]

    operations = [migrations.RunPython(person_from_case, drop_reminders_without_case)]
