from django.apps import AppConfig


class CellsConfig(AppConfig):
    name = "ketnap.cells"
    label = "cells"
    verbose_name = "Sinh hoạt chi bộ"

    def ready(self) -> None:
        from ketnap.cells import queue_source

        queue_source.install()
        from ketnap.cells import checks  # noqa: F401  (registers the settings check)
