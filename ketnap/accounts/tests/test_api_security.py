"""The API side of account security: tokens end with the password, and a session
waiting for its second factor opens nothing (a bearer token still works)."""

from __future__ import annotations

import pytest
from django.test import Client

from ketnap.accounts.services import password_change, user_deactivate
from ketnap.accounts.testing import login_pending
from ketnap.accounts.tokens import token_create
from ketnap.core.testing import make_user


@pytest.fixture
def alice(db: None):
    return make_user("alice")


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_a_token_stops_working_when_its_user_changes_the_password(alice):
    _token, raw = token_create(actor=None, user=alice, label="script")
    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 200
    password_change(actor=alice, user=alice, new_password="lúa chín vàng trên đồi")
    response = Client().get("/api/v1/me", headers=bearer(raw))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_token_stops_working_when_its_user_is_deactivated(alice):
    _token, raw = token_create(actor=None, user=alice, label="script")
    user_deactivate(actor=None, user=alice)
    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_a_session_waiting_for_its_code_cannot_call_the_api(db):
    root = make_user("root", superuser=True)
    client = Client()
    login_pending(client, root)
    assert client.get("/api/v1/organizations").status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_a_bearer_token_works_beside_a_waiting_session(alice):
    root = make_user("root", superuser=True)
    client = Client()
    login_pending(client, root)
    _token, raw = token_create(actor=None, user=alice, label="script")
    assert client.get("/api/v1/me", headers=bearer(raw)).json()["username"] == "alice"


def test_a_verified_session_calls_the_api(db):
    client = Client()
    client.force_login(make_user("root", superuser=True))
    assert client.get("/api/v1/me").status_code == 200
