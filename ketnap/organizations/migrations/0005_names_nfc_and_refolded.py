"""Store organization names in NFC without zero-width characters, and fold their search
names again with the NFKC, zero-width-blind fold the queries now use. Only rows that
change are written; the old forms carried no information, so there is no way back."""

from django.db import migrations

from ketnap.lib.vntext import clean_name, fold


def normalize(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    changed = []
    for org in Organization.objects.only("pk", "name", "search_name").iterator(chunk_size=2000):
        name = clean_name(org.name)
        if (name, fold(name)) != (org.name, org.search_name):
            org.name, org.search_name = name, fold(name)
            changed.append(org)
    Organization.objects.bulk_update(changed, ["name", "search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_fill_organization_search_name")]

    operations = [migrations.RunPython(normalize, migrations.RunPython.noop)]
