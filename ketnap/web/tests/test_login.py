"""Login, logout and the throttling of repeated failures."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from ketnap.accounts import throttle
from ketnap.accounts.models import LoginFailure
from ketnap.core.testing import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]

PASSWORD = "correct-horse-battery"
START = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
LOCKED = "Đăng nhập tạm thời bị khóa"


@pytest.fixture
def limits():
    with override_settings(LOGIN_MAX_FAILURES=3, LOGIN_FAILURE_WINDOW_SECONDS=600):
        yield


@pytest.fixture
def user():
    return make_user("bithu")


def attempt(username: str, password: str, address: str = "10.0.0.1", **data: str):
    client = Client(REMOTE_ADDR=address)
    return client.post(reverse("login"), {"username": username, "password": password, **data})


def test_login_page_renders(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_right_password_signs_in_and_goes_home(user):
    response = attempt("bithu", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_next_is_followed_only_on_this_site(user):
    assert attempt("bithu", PASSWORD, next="/nguoi/")["Location"] == "/nguoi/"
    assert attempt("bithu", PASSWORD, next="https://example.com/")["Location"] == reverse("home")


def test_wrong_password_is_recorded(user):
    response = attempt("bithu", "wrong")
    assert response.status_code == 200
    assert LoginFailure.objects.filter(username="bithu", address="10.0.0.1").count() == 1


def test_locked_after_max_failures_for_the_user_name_even_with_right_password(user):
    with time_machine.travel(START, tick=False):
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
            attempt("bithu", "wrong", address)
        response = attempt("BiThu", PASSWORD, "10.0.0.9")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_locked_after_max_failures_from_one_address(user):
    make_user("khac")
    with time_machine.travel(START, tick=False):
        for name in ("a", "b", "c"):
            attempt(name, "wrong", "10.0.0.5")
        assert attempt("bithu", PASSWORD, "10.0.0.5").status_code == 429
        assert attempt("bithu", PASSWORD, "10.0.0.6").status_code == 302


def test_lock_ends_when_the_window_has_passed(user):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            attempt("bithu", "wrong")
            clock.shift(dt.timedelta(minutes=1))
        # Failures at 8:00, 8:01, 8:02: locked until the 8:00 one ages out at 8:10.
        assert throttle.locked_until("bithu", None) == START + dt.timedelta(minutes=10)
        clock.move_to(START + dt.timedelta(minutes=9, seconds=59))
        assert attempt("bithu", PASSWORD).status_code == 429
        clock.move_to(START + dt.timedelta(minutes=10))
        assert attempt("bithu", PASSWORD).status_code == 302


def test_refused_attempts_do_not_extend_the_lock(user):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            attempt("bithu", "wrong")
        clock.shift(dt.timedelta(minutes=5))
        assert attempt("bithu", "wrong").status_code == 429
        assert LoginFailure.objects.count() == 3


def test_success_does_not_clear_others_failures(user):
    with time_machine.travel(START, tick=False):
        attempt("bithu", "wrong", "10.0.0.7")
        attempt("bithu", "wrong", "10.0.0.8")
        assert attempt("bithu", PASSWORD, "10.0.0.1").status_code == 302
        assert LoginFailure.objects.filter(username="bithu").count() == 2
        attempt("bithu", "wrong", "10.0.0.8")
        assert attempt("bithu", PASSWORD, "10.0.0.1").status_code == 429


def test_logout_is_a_post_and_returns_to_login(user):
    client = Client()
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


SPELLINGS = [" chibo.xem", "chibo.xem ", "ChiBo.Xem", "ｃｈｉｂｏ.ｘｅｍ", "chibo\u200b.xem", "\ufeffchibo.xem"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_a_name_signs_in_as_that_user(spelling):
    make_user("chibo.xem")
    response = attempt(spelling, PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user.get_username() == "chibo.xem"


def test_spellings_count_against_one_lock_and_cannot_pass_it():
    make_user("chibo.xem")
    with time_machine.travel(START, tick=False):
        for index, spelling in enumerate(SPELLINGS[:3]):
            attempt(spelling, "wrong", f"10.0.1.{index}")
        assert set(LoginFailure.objects.values_list("username", flat=True)) == {"chibo.xem"}
        for index, spelling in enumerate(SPELLINGS):
            response = attempt(spelling, PASSWORD, f"10.0.2.{index}")
            assert response.status_code == 429, spelling
            assert "_auth_user_id" not in response.wsgi_request.session


def test_user_names_are_stored_normalized():
    assert make_user(" ＣｈiBo.Sửa\u200b ").username == "chibo.sửa"


def test_a_nul_in_the_name_is_a_failed_login_not_a_server_error():
    make_user("chibo.xem")
    client = Client(REMOTE_ADDR="10.0.3.1", raise_request_exception=False)
    response = client.post(reverse("login"), {"username": "chibo\x00.xem", "password": "wrong"})
    assert response.status_code == 200
    assert LoginFailure.objects.filter(username="chibo.xem").count() == 1
