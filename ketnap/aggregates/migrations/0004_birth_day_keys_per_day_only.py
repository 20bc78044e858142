"""Birth-day keys are kept per day only: their month and year rows are never read again."""

from django.db import migrations

SQL = "DELETE FROM aggregates_memberdelta WHERE \"key\" LIKE 'bd:%' AND span <> 0"


class Migration(migrations.Migration):
    dependencies = [("aggregates", "0003_member_delta_without_database_constraint")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
