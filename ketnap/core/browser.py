"""Fixtures for the tests that drive Debian's Chromium through Playwright.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``, started
with the flags that keep it off the network this machine does not have.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
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


PHONE = {"width": 390, "height": 844}
PAGE_MAX_COMPRESSED_BYTES = 150_000
# Lower-case enum values that are also Vietnamese words written without marks, or
# parts of ethnic group names as Vietnamese writes them: not taken for codes.
_NOT_CODES = frozenset({"co", "ma", "lu", "dao", "hoa", "tay", "tho", "cong", "lao", "mang", "giay", "chut"})


@functools.cache
def internal_codes() -> frozenset[str]:
    """Every lower-case value of a ``choices`` field of ketnap's models: what a page
    must show as its label, never as itself."""
    from django.apps import apps

    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("ketnap."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "choices", None) or []:
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]+", value):
                    codes.add(value)
    return frozenset(codes - _NOT_CODES)


# The elements that reach past the screen's right edge, named in a failed width check.
_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
    + ' ' + Math.round(e.getBoundingClientRect().right))"""


def phone_checks(page: Any, typed: frozenset[str] = frozenset()) -> None:
    """What every page must pass at phone width: no sideways scrolling, no internal
    code among the visible words, and under 150 KB once compressed. Measured once the
    parts a page loads after itself (htmx ``hx-trigger="load"``) are in. ``typed``:
    words people typed that happen to spell a code (a user named "admin")."""
    page.wait_for_load_state("networkidle")
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: {scroll} px wide at {width} px: {page.evaluate(_OVERFLOWING)}"
    words = set(re.findall(r"\w+", page.evaluate("document.body.innerText")))
    shown = sorted(words & internal_codes() - typed)
    assert not shown, f"{page.url} shows internal codes {shown}"
    weight = len(gzip.compress(page.content().encode()))
    assert weight < PAGE_MAX_COMPRESSED_BYTES, f"{page.url}: {weight} bytes compressed"


def download_responds(page: Any, link: Any, content_type: str) -> None:
    """The file behind ``link`` (a locator) is served, as ``content_type``, in this session."""
    from urllib.parse import urljoin

    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.status == 200, (link, response.status)
    assert response.headers["content-type"].startswith(content_type), response.headers["content-type"]
