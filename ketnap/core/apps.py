from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketnap.core"
    label = "core"
