from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ketnap.reports"
    label = "reports"
