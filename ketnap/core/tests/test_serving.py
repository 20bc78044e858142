"""Serving: static files under hashed names with long cache headers and precompressed
copies, pages gzip-compressed yet never stored, compressed files left as they are."""

from __future__ import annotations

import gzip
import os
import runpy

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client

from ketnap.core.compression import is_compressed_type
from ketnap.core.staticfiles import compressed_copies_current
from ketnap.core.testing import make_user

CSS = "body { color: #222; }\n" * 200


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic of one stylesheet with the production storage, into a temporary root."""
    source = tmp_path / "source" / "web"
    source.mkdir(parents=True)
    (source / "site.css").write_text(CSS)
    settings.STATICFILES_DIRS = [tmp_path / "source"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "ketnap.core.staticfiles.StaticFilesStorage"}}
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path / "static"


def test_hashed_static_files_are_cached_for_years_and_served_compressed(collected):
    url = staticfiles_storage.url("web/site.css")
    assert url != "/static/web/site.css"  # the name carries the content hash
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    plain = Client().get(url)
    assert b"".join(plain.streaming_content).decode() == CSS


def test_collectstatic_compresses_only_what_changed(collected, settings):
    copy = next(collected.glob("web/site.*.css.br"))
    os.utime(copy, (1, 1))  # as if older than the file: compressed again
    kept = next(collected.glob("web/site.css.gz"))
    before = kept.stat().st_mtime
    call_command("collectstatic", interactive=False, verbosity=0)
    assert copy.stat().st_mtime > 1
    assert kept.stat().st_mtime == before
    assert compressed_copies_current(str(collected / "web" / "site.css"))


def test_pages_are_compressed_with_padding_and_still_not_stored(db):
    client = Client()
    client.force_login(make_user("alice"))
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    assert response["Cache-Control"] == "no-store"
    assert b"<html" in gzip.decompress(response.content)
    # Django's BREACH mitigation: a file name field of random length pads the body.
    assert response.content[3] & gzip.FNAME


def test_pages_are_not_compressed_for_a_client_that_does_not_ask(db):
    assert not Client().get("/dang-nhap/").has_header("Content-Encoding")


@pytest.mark.parametrize(
    ("content_type", "skipped"),
    [
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
        ("application/pdf", True),
        ("image/png", True),
        ("text/html; charset=utf-8", False),
        ("application/json", False),
    ],
)
def test_files_compressed_already_are_left_alone(content_type, skipped):
    assert is_compressed_type(HttpResponse(b"x" * 500, content_type=content_type)) is skipped


def gunicorn_settings() -> dict:
    from django.conf import settings

    return runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.py"))


def test_gunicorn_is_sized_for_the_cores_unless_told(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("WEB_THREADS", raising=False)
    defaults = gunicorn_settings()
    assert defaults["workers"] == (os.cpu_count() or 1) + 1 and defaults["threads"] == 4
    assert defaults["accesslog"] == "-" and defaults["graceful_timeout"] == 30
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("WEB_THREADS", "2")
    told = gunicorn_settings()
    assert (told["workers"], told["threads"]) == (5, 2)


def test_the_access_log_leaves_out_query_strings():
    assert "%(U)s" in gunicorn_settings()["access_log_format"]
    assert "%(r)s" not in gunicorn_settings()["access_log_format"]
