"""Open the first profile row of every person already on file.

Each row starts on the birth date (earlier history is unknown) and holds the values
recorded on the person. Reversing deletes every profile row: before this migration
the rows did not exist, and the person fields still hold the current values.
"""

from django.db import migrations

FIELDS = ("education", "professional", "political_theory", "religion", "occupation", "youth_union_member")
BATCH = 2000


def open_first_rows(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Profile = apps.get_model("people", "Profile")
    people = Person.objects.filter(profiles__isnull=True).values("id", "birth_date", *FIELDS).order_by("id")
    batch = []
    for row in people.iterator(chunk_size=BATCH):
        batch.append(
            Profile(person_id=row["id"], valid_from=row["birth_date"], **{name: row[name] for name in FIELDS})
        )
        if len(batch) == BATCH:
            Profile.objects.bulk_create(batch)
            batch = []
    Profile.objects.bulk_create(batch)


def delete_rows(apps, schema_editor):
    apps.get_model("people", "Profile").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0002_profile")]

    operations = [migrations.RunPython(open_first_rows, delete_rows)]
