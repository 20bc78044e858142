"""Configuration checks run by ``manage.py check`` and at start-up.

Settings come from environment variables, so a missing variable in production
silently falls back to a development default; these checks make that visible.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.db import DatabaseError

# The fallback in config/settings.py; kept in step with it by a test.
DEVELOPMENT_SECRET_KEY = "ketnap-local-development-key-change-me-in-production"


def secret_key_messages(*, secret_key: str, debug: bool, engine: str) -> list[CheckMessage]:
    """Warn when a production-looking deployment (DEBUG off, PostgreSQL) still runs on
    the development key: sessions and password-reset links could then be forged."""
    if secret_key == DEVELOPMENT_SECRET_KEY and not debug and "postgresql" in engine:
        return [
            Warning(
                "SECRET_KEY is the development default while DEBUG is off and the database is PostgreSQL.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="ketnap.W001",
            )
        ]
    return []


@register("security")
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    engine = settings.DATABASES.get("default", {}).get("ENGINE", "")
    return secret_key_messages(secret_key=settings.SECRET_KEY, debug=settings.DEBUG, engine=engine)


@register("translation")
def language_code_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every page falls back to LANGUAGE_CODE, so it must be one of the offered languages."""
    codes = [code for code, _name in settings.LANGUAGES]
    if settings.LANGUAGE_CODE not in codes:
        return [
            Error(
                f"LANGUAGE_CODE {settings.LANGUAGE_CODE!r} is not one of LANGUAGES {codes}.",
                hint="Use one of the codes in LANGUAGES (Vietnamese 'vi' is the default).",
                id="ketnap.E001",
            )
        ]
    return []


def demo_password_users() -> list[str]:
    """User names of active accounts whose password is the demonstration password.

    One password hash per active account (about a quarter of a second each), which
    is why this runs only under ``check --deploy``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import check_password

    from ketnap.demo.users import PASSWORD

    accounts = get_user_model().objects.filter(is_active=True).order_by("pk").values_list("username", "password")
    return [name for name, encoded in accounts if check_password(PASSWORD, encoded)]


@register("security", deploy=True)
def demo_password_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The demonstration password is printed in the README: no real account may keep it."""
    try:
        names = demo_password_users()
    except DatabaseError:  # no database or no tables yet: there are no accounts to check
        return []
    if not names:
        return []
    return [
        Warning(
            f"Active accounts still use the demonstration password: {', '.join(names)}.",
            hint="Deactivate them or set new passwords (ketnap changepassword NAME).",
            id="ketnap.W010",
        )
    ]


@register("security", deploy=True)
def two_factor_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Approvers and administrators change records of many people; a password alone is too little."""
    if settings.TWO_FACTOR_REQUIRED_ROLES:
        return []
    return [
        Warning(
            "TWO_FACTOR_REQUIRED_ROLES is empty: nobody is required to use two-factor sign-in.",
            hint="Set TWO_FACTOR_REQUIRED_ROLES=approver,admin (the default).",
            id="ketnap.W011",
        )
    ]
