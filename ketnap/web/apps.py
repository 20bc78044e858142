from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ketnap.web"
    label = "web"
