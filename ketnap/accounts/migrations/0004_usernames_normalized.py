"""Store every user name in its normalized form (NFKC, case-folded, trimmed), the form
sign-in and the login throttle use. A name whose normalized form is already taken is
left as it is, for an administrator to resolve: it can no longer sign in."""

from django.conf import settings
from django.db import migrations

from ketnap.lib.vntext import normalize_username


def normalize(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    users = apps.get_model(app_label, model_name).objects
    for pk, username in users.values_list("pk", "username"):
        wanted = normalize_username(username)
        if wanted != username and not users.filter(username=wanted).exists():
            users.filter(pk=pk).update(username=wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_password_change_times"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(normalize, migrations.RunPython.noop)]
