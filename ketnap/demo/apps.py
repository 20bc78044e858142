from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ketnap.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
