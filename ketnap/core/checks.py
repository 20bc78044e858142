"""Configuration checks run by ``manage.py check`` and at start-up.

Settings come from environment variables, so a missing variable in production
silently falls back to a development default; these checks make that visible.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError, connections

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


# Whether the connected role could rewrite the audit log around its triggers: as its
# owner (ALTER, DISABLE TRIGGER, DROP), as a superuser, or with TRUNCATE (which
# row-level triggers do not stop) or TRIGGER privilege.
_AUDIT_ROLE_SQL = """
SELECT current_user, pg_has_role(current_user, c.relowner, 'USAGE'), r.rolsuper,
       has_table_privilege(c.oid, 'TRUNCATE'), has_table_privilege(c.oid, 'TRIGGER')
FROM pg_class c, pg_roles r
WHERE c.oid = to_regclass('audit_auditentry') AND r.rolname = current_user
"""


def audit_role_messages(connection: Any) -> list[CheckMessage]:
    """Warn when the application's PostgreSQL role can rewrite or empty the audit log."""
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(_AUDIT_ROLE_SQL)
            row = cursor.fetchone()
    except DatabaseError:
        return []  # no database yet, or not reachable: other checks and commands say so
    if row is None or not any(row[1:]):
        return []
    return [
        Warning(
            f"The database role {row[0]!r} can truncate, alter or "
            "disable the triggers of the audit log (owner, superuser, TRUNCATE or TRIGGER privilege).",
            hint="Run the application as a role with only SELECT and INSERT on audit_auditentry, and migrations "
            "as the owner role (README, 'PostgreSQL roles'). Expected while migrating as the owner.",
            id="audit.W001",
        )
    ]


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


@register(Tags.database)
def audit_role_check(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # Run by `ketnap check` too (no --database), since this is a deployment mistake.
    messages: list[CheckMessage] = []
    for alias in databases or ["default"]:
        messages += audit_role_messages(connections[alias])
    return messages


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


# The client library each cache server needs; the locked dependencies hold none of them.
CACHE_CLIENTS = {
    "django.core.cache.backends.redis.RedisCache": "redis",
    "django.core.cache.backends.memcached.PyMemcacheCache": "pymemcache",
}


def cache_client_messages(backend: str) -> list[CheckMessage]:
    module = CACHE_CLIENTS.get(backend)
    if module is None or importlib.util.find_spec(module) is not None:
        return []
    return [
        Error(
            f"CACHE_URL names a server whose client library '{module}' is not installed.",
            hint=f"Add '{module}' to the dependencies, or unset CACHE_URL to keep the cache in the database.",
            id="ketnap.E020",
        )
    ]


@register("caches")
def cache_client_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return cache_client_messages(settings.CACHES["default"]["BACKEND"])


def trusted_proxies_messages(*, proxy_ssl_header: object, trusted_proxies: list[str]) -> list[CheckMessage]:
    """Behind a proxy (it tells the scheme) but trusting none: every client has its address."""
    if not proxy_ssl_header or trusted_proxies:
        return []
    return [
        Warning(
            "SECURE_PROXY_SSL_HEADER says ketnap runs behind a proxy, but TRUSTED_PROXIES is empty: the login "
            "throttle and the audit log see the proxy's address for every client.",
            hint="Set TRUSTED_PROXIES to the proxy's address as the application servers see it (README, Deployment).",
            id="ketnap.W021",
        )
    ]


@register("security", deploy=True)
def trusted_proxies_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return trusted_proxies_messages(
        proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER, trusted_proxies=settings.TRUSTED_PROXIES
    )
