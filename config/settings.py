"""Settings for ketnap, read from environment variables through small typed helpers.

Defaults run locally on SQLite under ``./var/``; ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_choice(name: str, default: str, choices: Any) -> str:
    value = env_str(name, default).strip() or default
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_pair(name: str) -> tuple[str, str] | None:
    """``HEADER,value`` as a pair; unset or empty is None."""
    items = env_list(name, "")
    if not items:
        return None
    if len(items) != 2:
        raise ValueError(f"{name} must be two comma-separated values, such as HTTP_X_FORWARDED_PROTO,https")
    return items[0], items[1]


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or CIDR networks, each checked now so a typo stops the start."""
    items = env_list(name, "")
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            example = "such as 10.0.0.5 or 10.0.0.0/24"
            raise ValueError(f"{name}: {item!r} is not an IP address or network, {example}") from None
    return items


CACHE_BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "pymemcache": "django.core.cache.backends.memcached.PyMemcacheCache",
}


def cache_from_url(url: str) -> dict[str, Any]:
    """The default cache: a table in the database (shared by every application server),
    or the Redis or Memcached server ``url`` names."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ketnap_cache"}
    parts = urlsplit(url)
    if parts.scheme not in CACHE_BACKENDS:
        raise ValueError(f"CACHE_URL must start with redis://, rediss:// or memcached://, not {parts.scheme}://")
    location = url if parts.scheme.startswith("redis") else parts.netloc
    return {"BACKEND": CACHE_BACKENDS[parts.scheme], "LOCATION": location}


VAR_DIR = Path(env_str("KETNAP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "ketnap-local-development-key-change-me-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Key of the HMAC that masks sensitive values in audit rows; empty derives one from
# SECRET_KEY. Set it so that a new SECRET_KEY leaves old masks comparable.
AUDIT_MASK_KEY = env_str("AUDIT_MASK_KEY", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: "runserver" leaves static files to WhiteNoise, as gunicorn does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "treebeard",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ketnap.core",
    "ketnap.audit",
    "ketnap.accounts",
    "ketnap.organizations",
    "ketnap.people",
    "ketnap.reports",
    "ketnap.admission",
    "ketnap.membership",
    "ketnap.dashboard",
    "ketnap.jobs",
    "ketnap.aggregates",
    "ketnap.plans",
    "ketnap.training",
    "ketnap.programs",
    "ketnap.cells",
    "ketnap.coverage",
    "ketnap.ratings",
    "ketnap.imports",
    "ketnap.demo",
    "ketnap.web",
]

# WhiteNoise answers static files right after SecurityMiddleware, so they keep their
# long cache headers and never reach the no-store rule. Compression comes next, so
# that it compresses what every middleware after it has finished writing.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ketnap.core.compression.CompressionMiddleware",
    "ketnap.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ketnap.web.middleware.PageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ketnap.accounts.middleware.SessionLifetimeMiddleware",
    "ketnap.accounts.middleware.TwoFactorMiddleware",
    "ketnap.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ketnap.audit.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ketnap.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed while a writer commits; IMMEDIATE avoids lock upgrades
    # failing half-way through a transaction when two requests write at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Reports read from a streaming replica when one is configured (see ketnap.core.db);
# in tests the alias mirrors the primary so that both see the same test database.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL", ""), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ketnap.core.db.PrimaryReplicaRouter"]

# Application servers keep no state of their own: sessions live in the database and
# the cache in a database table (created by migrate) or on CACHE_URL's server, so any
# number of them can serve behind a load balancer.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", ""))}

# Behind reverse proxies at these addresses or networks, the client's address is read
# from X-Forwarded-For (ketnap.core.client); from anyone else the header is ignored.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: Django calls it after every password change (page, admin, command),
    # and the time it records ends the API tokens created before.
    {"NAME": "ketnap.accounts.credentials.RecordPasswordChange"},
]

# User names are looked up in the one normalized form they are stored in.
AUTHENTICATION_BACKENDS = ["ketnap.accounts.backends.NormalizedUsernameBackend"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions (the two-factor state among them) are rows in the database, shared by every
# application server; never cookies or local files.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions expire after idle time; each request extends them (sliding window).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# However active, a session ends this long after the password was entered.
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)

# HTTPS: behind a proxy that terminates TLS, name the header it sets
# (SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = env_pair("SECURE_PROXY_SSL_HEADER")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Two-factor sign-in: holders of these roles (and superusers, unless the list is
# empty) must confirm each login with a code from an authenticator app.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "approver,admin")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "ketnap")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows an authenticator's secret

# API tokens expire this many days after creation unless another expiry is given
# (0: tokens created without an expiry never expire).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

# Login throttling: this many failures for one user name or one address within
# the window locks further attempts until the window has passed.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)

# Request bodies (JSON, form fields; uploaded files are counted apart). The largest
# legitimate one is a step with a few 4,000-character notes; a larger body is refused
# (413 in the API) before it is read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REQUEST_BODY_MAX_BYTES", 512 * 1024)
# Largest workbook an import reads (the page and the API refuse a larger one).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# A workbook with more data rows than this is committed as a background job (page and API).
IMPORT_BACKGROUND_ROWS = env_int("IMPORT_BACKGROUND_ROWS", 200)
# The organization page computes its sections (plans, classes, cell life, ratings…) with
# the page for a subtree of up to this many members; a larger one shows the statistics at
# once and loads each section by itself.
ORGANIZATION_PANELS_INLINE_MEMBERS = env_int("ORGANIZATION_PANELS_INLINE_MEMBERS", 50_000)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ketnap" / "locale"]
FORMAT_MODULE_PATH = ["ketnap.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# "collectstatic" (run by ./dev up) names each file after its content hash and writes
# gzip and brotli copies; WhiteNoise serves the hashed names with a ten-year
# "immutable" cache (the others for a minute). Tests use plain storage (conftest.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "ketnap.core.staticfiles.StaticFilesStorage"},
}

# Mail (the daily digest): printed to the console unless a real backend is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ketnap <ketnap@localhost>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Fields that reveal a person's identity or beliefs; shown only to roles that hold
# the "view_sensitive" permission, and every reveal is audited.
KETNAP_SENSITIVE_FIELDS = ("ethnicity", "religion", "citizen_id", "verification_notes")

# Statistics seen without that permission withhold the ethnicity and religion figures
# of a group smaller than this, and any such count below it (1 or less: nothing withheld).
STATS_SUPPRESSION_THRESHOLD = env_int("STATS_SUPPRESSION_THRESHOLD", 5)

# Where a member in transit between organizations is counted until the receiving side
# confirms the arrival: "sender" (the sending organization, up to the arrival) or
# "receiver" (the destination, from the introduction letter's date once confirmed).
TRANSFER_COUNTS_AT = env_str("TRANSFER_COUNTS_AT", "sender")
# The removal trigger's "ba tháng trong năm" (domain §12.16): the year is the calendar year
# ("calendar") or the 12 months up to the date judged ("rolling"); the 3 months are counted
# "cumulative" or must be "consecutive".
CELL_REMOVAL_YEAR = env_str("CELL_REMOVAL_YEAR", "calendar")
CELL_REMOVAL_COUNT = env_str("CELL_REMOVAL_COUNT", "cumulative")

# Background work (exports, rebuilds): queued as rows in the database and run by
# "ketnap jobs worker" processes, as many as wanted. "immediate" runs each job in the
# request that starts it (tests, a machine without a worker).
TASK_BACKENDS = {
    "database": "django_tasks_db.backend.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_choice("TASK_BACKEND", "database", TASK_BACKENDS)]}}
# Finished jobs and their files are deleted this many days after they end ("ketnap jobs purge").
JOBS_KEEP_DAYS = env_int("JOBS_KEEP_DAYS", 7)
# A running job whose worker has not reported progress for this many minutes lost its
# worker; "ketnap jobs purge" marks it failed with that reason.
JOBS_STALE_MINUTES = env_int("JOBS_STALE_MINUTES", 360)
# Largest result file a job may store (bytes); a larger one fails the job with a message.
JOBS_MAX_FILE_BYTES = env_int("JOBS_MAX_FILE_BYTES", 50 * 1024 * 1024)
# The function the "aggregates_rebuild" job calls: function(job_input, progress).
JOBS_AGGREGATES_REBUILD = env_str("JOBS_AGGREGATES_REBUILD", "ketnap.aggregates.jobs.rebuild")
# Whether a village "has a member" by the cells serving it or by members' recorded residence.
COVERAGE_MEMBER_BASIS = env_str("COVERAGE_MEMBER_BASIS", "cell")
# QĐ 366-QĐ/TW: a cap on "excellent" in percent of those rated good (0: none, the text read has none).
RATINGS_QD366_EXCELLENT_CAP_PERCENT = env_int("RATINGS_QD366_EXCELLENT_CAP_PERCENT", 0)
# Computed criteria shown beside a rating: functions (organization, year) -> Criterion | None.
RATINGS_CRITERIA = ["ketnap.ratings.criteria.admissions_against_plan"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
