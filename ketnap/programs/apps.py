from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "ketnap.programs"
    label = "programs"
