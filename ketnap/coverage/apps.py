from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "ketnap.coverage"
    label = "coverage"
    verbose_name = "Độ phủ thôn, bản"

    def ready(self) -> None:
        from ketnap.coverage import checks  # noqa: F401  (registers the settings check)
