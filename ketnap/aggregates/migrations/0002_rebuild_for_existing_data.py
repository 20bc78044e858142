"""An existing database gets its aggregates: rebuilt from the raw tables once."""

from django.db import migrations


def rebuild(apps, schema_editor):  # type: ignore[no-untyped-def]
    period = apps.get_model("people", "StatusPeriod")
    if not period.objects.exists():
        return
    from ketnap.aggregates.services import rebuild as rebuild_all

    rebuild_all()


class Migration(migrations.Migration):
    dependencies = [("aggregates", "0001_member_deltas"), ("people", "0006_person_name_trigram_index"), ("organizations", "0001_initial")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
