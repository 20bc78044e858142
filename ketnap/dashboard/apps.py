from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "ketnap.dashboard"
    label = "dashboard"
    verbose_name = "Tổng quan"
