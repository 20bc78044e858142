"""Fill the folded search name of the organizations already on file (reversible)."""

from django.db import migrations

from ketnap.lib.vntext import fold


def fill(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    rows = list(Organization.objects.only("pk", "name"))
    for org in rows:
        org.search_name = fold(org.name)
    Organization.objects.bulk_update(rows, ["search_name"], batch_size=500)


def empty(apps, schema_editor):
    apps.get_model("organizations", "Organization").objects.update(search_name="")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_organization_search_name")]

    operations = [migrations.RunPython(fill, empty)]
