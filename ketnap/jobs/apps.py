from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ketnap.jobs"
    label = "jobs"

    def ready(self) -> None:
        from ketnap.jobs import builtin

        builtin.install()
