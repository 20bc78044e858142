"""Shared test settings: fast hashing, plain static files storage, ``force_login`` sessions past the second factor,
live-server access from the browser tests, the active language reset after each test,
no silently skipped browser tests in CI, and system packages declared with
``@pytest.mark.needs`` (``ketnap.core.sysdeps``)."""

import os
from collections.abc import Generator

import pytest

pytest_plugins = ["ketnap.core.browser", "ketnap.core.sysdeps", "pytester"]

# pytest-django's live_server runs Django in a thread while Playwright drives the
# browser from the test; Django's async-safety guard would reject that.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages name static files as they are in the apps, without the hashed copies that
    # "collectstatic" writes for serving; WhiteNoise looks files up per request
    # instead of scanning the collected directory at every new test client.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True

    from ketnap.accounts.testing import verify_forced_logins

    verify_forced_logins()


@pytest.fixture(autouse=True)
def _reset_language() -> Generator[None, None, None]:
    """A test that switches to English (a page with ?lang=en, ``--language en``, an
    explicit ``activate``) must not leave the next tests in English."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """In CI a skipped browser test is a failure: a missing Chromium must not pass green."""
    report = yield
    expected_failure = hasattr(report, "wasxfail")
    if report.skipped and not expected_failure and _in_ci() and item.get_closest_marker("browser") is not None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"browser test skipped in CI ({reason}); CI must run every browser test"
    return report
