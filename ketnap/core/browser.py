"""Fixtures for the tests that drive Debian's Chromium through Playwright.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``, started
with the flags that keep it off the network this machine does not have.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ketnap.core.testing import clear_audit_log

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = os.environ.get("KETNAP_SCREENSHOT_DIR")  # set it to keep screenshots

# Put on a browser test module: ``pytestmark = BROWSER``. Without Chromium they are
# skipped with a warning at the end of the run, and fail in CI (ketnap.core.sysdeps).
BROWSER = [pytest.mark.browser, pytest.mark.needs("chromium")]


@pytest.fixture
def browser_page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="vi-VN")
        page.set_default_timeout(10_000)
        yield page
        browser.close()


@pytest.fixture
def audit_cleanup(transactional_db: None) -> Iterator[None]:
    """Services write audit rows, which refuse deletes; the final flush needs them gone first."""
    yield
    clear_audit_log()


def shot(page: Any, name: str) -> None:
    if SCREENSHOT_DIR:
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"ketnap-{name}.png"), full_page=True)


def sign_in(page: Any, base_url: str, user: Any) -> None:
    """Sign ``user`` in to the browser's context with a session past the second factor,
    for tests about what a user does once in (the login form has tests of its own)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
