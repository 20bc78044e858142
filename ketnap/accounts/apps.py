from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ketnap.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ketnap.accounts.middleware import on_login

        user_logged_in.connect(on_login, dispatch_uid="ketnap.accounts.on_login")
