"""The hash chain's columns; the time is set by the model (chain order), not on insert.

SQLite adds a column by rebuilding the table, which drops the append-only triggers,
so they are lifted before and restored after, in this migration's transaction.
"""

import django.utils.timezone
from django.db import migrations, models

from ketnap.audit import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.RunPython(triggers.lift, triggers.restore),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(db_index=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(
                default="0000000000000000000000000000000000000000000000000000000000000000", max_length=64
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.RunPython(triggers.restore, triggers.lift),
    ]
