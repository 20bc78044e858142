from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ketnap.imports"
    label = "imports"

    def ready(self) -> None:
        from ketnap.imports import jobs
        from ketnap.imports.actions import import_actions
        from ketnap.people import actions

        actions.register(import_actions)
        jobs.install()
