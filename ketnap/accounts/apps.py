from typing import Any

from django.apps import AppConfig
from django.db.models.signals import pre_save


def _store_username_normalized(sender: Any, instance: Any, **kwargs: Any) -> None:
    from ketnap.lib.vntext import normalize_username

    field = instance.USERNAME_FIELD
    setattr(instance, field, normalize_username(getattr(instance, field) or ""))


class AccountsConfig(AppConfig):
    name = "ketnap.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ketnap.accounts.middleware import on_login

        user_logged_in.connect(on_login, dispatch_uid="ketnap.accounts.on_login")
        from django.contrib.auth import get_user_model

        # The user model is Django's, so its one-row rule "the name is stored normalized"
        # (as sign-in and the throttle read it) cannot live in its clean() or save():
        # every way of saving a user (admin, createsuperuser, demo, commands) passes here.
        pre_save.connect(_store_username_normalized, sender=get_user_model(), dispatch_uid="normalize-username")
