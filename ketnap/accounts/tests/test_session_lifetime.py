"""A session ends a fixed time after its login, however active it has been."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.test import Client

from ketnap.core.testing import make_user


@pytest.fixture
def client_in(db: None) -> Client:
    client = Client()
    client.post("/dang-nhap/", {"username": make_user("alice").username, "password": "correct-horse-battery"})
    return client


def test_an_active_session_ends_after_its_absolute_lifetime(client_in, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    start = time.time()
    # Active every 20 minutes, so the idle timeout never ends it.
    for minutes in (20, 40, 59):
        with time_machine.travel(start + minutes * 60, tick=False):
            assert client_in.get("/").status_code == 200
    with time_machine.travel(start + 61 * 60, tick=False):
        response = client_in.get("/")
        assert response["Location"].startswith("/dang-nhap/")
        assert client_in.get("/api/v1/me").status_code == 401


def test_a_session_without_a_login_time_gets_one(db, settings):
    """Sessions from before the rule existed start their lifetime at the next request."""
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client = Client()
    client.force_login(make_user("bob"))
    session = client.session
    del session["ketnap_login_at"]
    session.save()
    assert client.get("/").status_code == 200
    assert isinstance(client.session["ketnap_login_at"], float)
