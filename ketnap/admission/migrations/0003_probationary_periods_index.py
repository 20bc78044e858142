"""A partial index on the probationary status periods, for the work queue.

The queue finds the probationary members of a subtree on a date; the people app's
period indexes lead with the organization or the start date, which on a province
match almost every row. Probationary periods are a few percent of the table, so a
partial index on them keeps that lookup a small scan (bench/queue.py). It lives here
because the work queue is its only reader; both SQLite and PostgreSQL support it.
"""

from django.db import migrations

INDEX = "admission_probationary_period_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("admission", "0002_casestep_membership_event"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f'CREATE INDEX IF NOT EXISTS {INDEX} ON people_statusperiod ("end", start, person_id) '
            "WHERE status = 'probationary'",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
