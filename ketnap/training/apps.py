from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "ketnap.training"
    label = "training"
