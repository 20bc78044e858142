"""Indexes that let the work queue start from the subtree's organizations.

The probationary members of a province were found through the partial index on all
probationary periods (0003), which leads with the end date: the whole country's
probationary members were read, then joined to the province. This partial index leads
with the organization, so each organization of the subtree reads only its own
probationary periods. Likewise the open cases of a subtree are read by cell among the
open cases only. Both SQLite and PostgreSQL support partial indexes.
"""

from django.db import migrations

INDEXES = {
    "admission_probationary_by_org_idx": (
        'people_statusperiod (organization_id, start, "end", person_id) WHERE status = \'probationary\''
    ),
    "admission_open_case_by_cell_idx": "admission_admissioncase (cell_id, due_on) WHERE closed_on IS NULL",
}


class Migration(migrations.Migration):
    dependencies = [
        ("admission", "0007_reminder_person_required"),
        ("people", "0006_person_name_trigram_index"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {target}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, target in INDEXES.items()
    ]
