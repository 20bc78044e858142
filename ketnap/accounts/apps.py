from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ketnap.accounts"
    label = "accounts"
