"""Changes are kept per day and per year only: the month rows are never read again."""

from django.db import migrations, models

SQL = "DELETE FROM aggregates_memberdelta WHERE span = 1"


class Migration(migrations.Migration):
    dependencies = [("aggregates", "0004_birth_day_keys_per_day_only")]

    operations = [
        migrations.RunSQL(SQL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="memberdelta",
            name="span",
            field=models.SmallIntegerField(choices=[(0, "Day"), (2, "Year")]),
        ),
    ]
