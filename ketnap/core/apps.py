from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketnap.core"
    label = "core"

    def ready(self) -> None:
        from ketnap.core import checks  # noqa: F401 - registers the system checks
