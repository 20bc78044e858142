from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(*, using: str, verbosity: int = 1, **kwargs: Any) -> None:
    """Every ``migrate`` makes sure the database cache's table exists (a no-op when the
    cache is elsewhere or the table is already there), so no separate step is forgotten."""
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


class CoreConfig(AppConfig):
    name = "ketnap.core"
    label = "core"

    def ready(self) -> None:
        from ketnap.core import checks  # noqa: F401 - registers the system checks

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="ketnap.core.create_cache_table")
