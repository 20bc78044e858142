"""Configuration checks run by ``manage.py check`` and at start-up.

Settings come from environment variables, so a missing variable in production
silently falls back to a development default; these checks make that visible.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

# The fallback in config/settings.py; kept in step with it by a test.
DEVELOPMENT_SECRET_KEY = "ketnap-local-development-key-change-me-in-production"


def _looks_like_production() -> bool:
    engine = settings.DATABASES.get("default", {}).get("ENGINE", "")
    return not settings.DEBUG and "postgresql" in engine


@register("security", deploy=False)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when a production-looking deployment still runs on the development key."""
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY and _looks_like_production():
        return [
            Warning(
                "SECRET_KEY is the development default while DEBUG is off and the database is PostgreSQL.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="ketnap.W001",
            )
        ]
    return []


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
