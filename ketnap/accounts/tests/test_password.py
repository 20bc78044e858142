"""Changing one's password: the page, the stronger rule, and the API tokens it ends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ketnap.accounts.models import ApiToken
from ketnap.accounts.services import password_change, user_deactivate
from ketnap.accounts.tokens import token_create, token_user
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound
from ketnap.core.testing import make_user

OLD = "correct-horse-battery"
NEW = "lúa chín vàng trên đồi"
PAGE = "/tai-khoan/mat-khau/"


@pytest.fixture
def alice(db: None):
    return make_user("alice")


@pytest.mark.parametrize("weak", ["ngan-qua-11", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(alice, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, alice)


def test_twelve_characters_not_common_are_accepted(alice):
    validate_password("đồi chè xanh", alice)


def test_the_page_changes_the_password_and_keeps_the_session(alice):
    client = Client()
    client.force_login(alice)
    page = client.get(PAGE)
    assert page.status_code == 200 and "ít nhất 12 ký tự" in page.content.decode()
    response = client.post(PAGE, {"old_password": OLD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert "Đã đổi mật khẩu." in client.get("/tai-khoan/").content.decode()
    assert AuditEntry.objects.filter(action="user.password_change", actor=alice).count() == 1


def test_other_sessions_end_when_the_password_changes(alice):
    other, mine = Client(), Client()
    other.force_login(alice)
    mine.force_login(alice)
    mine.post(PAGE, {"old_password": OLD, "new_password1": NEW, "new_password2": NEW})
    assert other.get("/")["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"old_password": "wrong-password!", "new_password1": NEW, "new_password2": NEW}, "old_password"),
        ({"old_password": OLD, "new_password1": NEW, "new_password2": NEW + "x"}, "new_password2"),
        ({"old_password": OLD, "new_password1": "ngan", "new_password2": "ngan"}, "new_password2"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(alice, data, field):
    client = Client()
    client.force_login(alice)
    response = client.post(PAGE, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    alice.refresh_from_db()
    assert alice.check_password(OLD)


def test_anonymous_is_sent_to_login(db):
    assert Client().get(PAGE)["Location"].startswith("/dang-nhap/")


# API tokens ---------------------------------------------------------------------


def test_changing_the_password_revokes_the_tokens(alice):
    token, raw = token_create(actor=None, user=alice, label="script")
    assert password_change(actor=alice, user=alice, new_password=NEW) == 1
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_user(raw) is None
    entry = AuditEntry.objects.get(action="token.revoke", object_id=str(token.pk))
    assert entry.after["reason"] == "password_change"


def test_a_password_changed_elsewhere_ends_older_tokens(alice):
    """The admin and ``changepassword`` do not call the service; the recorded time still ends the token."""
    _token, raw = token_create(actor=None, user=alice, label="script")
    alice.set_password(NEW)
    alice.save()
    assert token_user(raw) is None
    _newer, fresh = token_create(actor=None, user=alice, label="after")
    assert token_user(fresh) == alice


def test_changepassword_command_ends_older_tokens(alice, monkeypatch):
    _token, raw = token_create(actor=None, user=alice, label="script")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW)
    call_command("changepassword", "alice", stdout=None)
    assert token_user(raw) is None


def test_deactivating_revokes_the_tokens(alice):
    root = make_user("root", superuser=True)
    token, _raw = token_create(actor=None, user=alice, label="script")
    user_deactivate(actor=root, user=alice)
    alice.refresh_from_db()
    token.refresh_from_db()
    assert not alice.is_active and token.revoked_at is not None
    assert AuditEntry.objects.filter(action="user.deactivate", actor=root).count() == 1


def test_a_user_without_an_administrator_role_may_not_deactivate(alice):
    with pytest.raises(NotFound):
        user_deactivate(actor=make_user("bob"), user=alice)
    alice.refresh_from_db()
    assert alice.is_active


def test_tokens_expire_after_api_token_days_by_default(alice, settings):
    settings.API_TOKEN_DAYS = 30
    token, _raw = token_create(actor=None, user=alice, label="script")
    expected = timezone.now() + dt.timedelta(days=30)
    assert token.expires_at is not None
    assert abs(token.expires_at - expected) < dt.timedelta(minutes=1)
    settings.API_TOKEN_DAYS = 0
    token, _raw = token_create(actor=None, user=alice, label="forever")
    assert token.expires_at is None
    assert ApiToken.objects.count() == 2
