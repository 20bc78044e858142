from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ketnap.audit"
    label = "audit"
