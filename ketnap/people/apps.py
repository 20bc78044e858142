from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ketnap.people"
    label = "people"

    def ready(self) -> None:
        # The person page's own actions join the registry once the models are loaded.
        from ketnap.people import providers  # noqa: F401
