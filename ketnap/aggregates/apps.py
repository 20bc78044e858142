from django.apps import AppConfig


class AggregatesConfig(AppConfig):
    name = "ketnap.aggregates"
    label = "aggregates"
