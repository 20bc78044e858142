"""Security headers: a Content-Security-Policy without inline script, no caching of
anything but static files, HSTS and the HTTPS redirect from settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from ketnap.core.headers import CONTENT_SECURITY_POLICY
from ketnap.core.testing import make_user

# Templates of documents (the PDF checklist) are rendered to files, never served as pages.
TEMPLATES = sorted(
    path for path in (Path(settings.BASE_DIR) / "ketnap").glob("*/templates/**/*.html") if "documents" not in path.parts
)


def test_the_policy_allows_no_inline_script_or_style():
    directives = dict(item.split(" ", 1) for item in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_templates_have_no_inline_script_handler_or_style(template):
    text = template.read_text(encoding="utf-8")
    inline_scripts = [tag for tag in re.findall(r"<script\b[^>]*>", text) if "src=" not in tag]
    assert inline_scripts == []
    assert re.findall(r"\son[a-z]+\s*=", text) == []
    assert re.findall(r"\sstyle\s*=", text) == []
    assert "<style" not in text


def test_pages_of_a_signed_in_user_carry_the_policy_and_are_not_stored(db):
    client = Client()
    client.force_login(make_user("alice"))
    response = client.get("/")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/dang-nhap/", "/api/v1/me", "/khong-co/", "/api/v1/openapi.json"])
def test_every_dynamic_response_is_not_stored(db, path):
    assert Client().get(path)["Cache-Control"] == "no-store"


def test_api_responses_with_a_token_are_not_stored(db):
    from ketnap.accounts.tokens import token_create

    _token, raw = token_create(actor=None, user=make_user("alice"), label="t")
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"


def test_hsts_and_https_redirect_follow_the_settings(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    assert Client().get("/dang-nhap/")["Location"] == "https://testserver/dang-nhap/"
    response = Client().get("/dang-nhap/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
