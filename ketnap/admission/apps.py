from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "ketnap.admission"
    label = "admission"
