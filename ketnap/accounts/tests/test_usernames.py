"""User names have one form (NFKC, case-folded, trimmed, no zero-width characters):
stored so, looked up so by sign-in, the throttle and the commands."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from ketnap.core.testing import make_user
from ketnap.lib.vntext import normalize_username

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" chibo.xem", "chibo.xem"),
        ("CHIBO.XEM ", "chibo.xem"),
        ("ｃｈｉｂｏ.ｘｅｍ", "chibo.xem"),
        ("chi\u200bbo\u200d.xem\u2060", "chibo.xem"),
        ("Straße", "strasse"),
        ("Nguyễn", "nguyễn"),
    ],
)
def test_normalize_username(typed, stored):
    assert normalize_username(typed) == stored


def test_authenticate_looks_up_the_normalized_name():
    make_user("tinh.xem")
    assert authenticate(username=" ＴＩＮＨ.xem", password="correct-horse-battery") is not None
    assert authenticate(username="tinh.xem", password="wrong") is None


def test_token_command_finds_the_user_by_any_spelling(capsys):
    user = make_user("tinh.xem")
    call_command("token", "create", "--user", " Tinh.Xem ", "--label", "thử")
    assert user.api_tokens.count() == 1


def test_the_migration_normalizes_stored_names_unless_taken():
    users = get_user_model().objects
    kept = make_user("xa.xem")
    odd = make_user("khac")
    clash = make_user("lan")
    users.filter(pk=odd.pk).update(username=" Khác.Ｘem")  # as stored before normalization
    users.filter(pk=clash.pk).update(username="XA.XEM")  # its normal form is taken
    migration = importlib.import_module("ketnap.accounts.migrations.0004_usernames_normalized")
    migration.normalize(apps, None)
    assert users.get(pk=odd.pk).username == "khác.xem"
    assert users.get(pk=clash.pk).username == "XA.XEM"
    assert users.get(pk=kept.pk).username == "xa.xem"
