from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ketnap.imports"
    label = "imports"
