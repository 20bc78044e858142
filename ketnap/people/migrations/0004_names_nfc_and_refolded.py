"""Store people's names in NFC without zero-width characters, and derive their search
and sort keys again with the NFKC, zero-width-blind fold the queries now use. Only rows
that change are written; the old forms carried no information, so there is no way back."""

from django.db import migrations

from ketnap.lib.vntext import clean_name, fold, name_sort_key

FIELDS = ["family_name", "middle_name", "given_name", "search_name", "sort_key"]


def _normalized(person):
    family, middle, given = (clean_name(getattr(person, f)) for f in FIELDS[:3])
    full = " ".join(part for part in (family, middle, given) if part)
    return family, middle, given, fold(full), name_sort_key(family, middle, given)


def normalize(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    changed = []
    for person in Person.objects.only("pk", *FIELDS).iterator(chunk_size=2000):
        wanted = _normalized(person)
        if wanted != tuple(getattr(person, f) for f in FIELDS):
            for field, value in zip(FIELDS, wanted, strict=True):
                setattr(person, field, value)
            changed.append(person)
    Person.objects.bulk_update(changed, FIELDS, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_profile_rows_for_existing_people")]

    operations = [migrations.RunPython(normalize, migrations.RunPython.noop)]
