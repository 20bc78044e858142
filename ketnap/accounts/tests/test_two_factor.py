"""Two-factor sign-in: who must use it, the real login with a code, enrolment, recovery
codes, throttling, and what a session waiting for its code can reach."""

from __future__ import annotations

import datetime as dt
import time
from binascii import unhexlify

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketnap.accounts import two_factor
from ketnap.accounts.models import RoleAssignment
from ketnap.accounts.testing import login_pending
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import World, build_world, make_user

PASSWORD = "correct-horse-battery"
VERIFY = "/tai-khoan/xac-thuc/"
ENROL = "/tai-khoan/xac-thuc/dang-ky/"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def code_for(key: str, offset: int = 0) -> str:
    totp = TOTP(unhexlify(key))
    totp.time = totp.time + offset * 30
    return f"{totp.token():06d}"


def enrolled(user, key: str | None = None) -> tuple[str, list[str]]:
    key = key or two_factor.new_secret()
    _device, codes = two_factor.enrol(actor=user, key=key)
    return key, codes


def password_login(user, next_url: str = "/") -> Client:
    client = Client()
    response = client.post(f"/dang-nhap/?next={next_url}", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


# Who must ---------------------------------------------------------------------


def test_approvers_admins_and_superusers_must_use_a_second_factor(world):
    approver = make_user("approver_a", (world.province_a, "approver"))
    root = make_user("root", superuser=True)
    assert two_factor.required_for(world.admin)
    assert two_factor.required_for(approver)
    assert two_factor.required_for(root)
    assert not two_factor.required_for(world.editor_a)
    assert not two_factor.required_for(world.viewer_commune_a)


@override_settings(TWO_FACTOR_REQUIRED_ROLES=[])
def test_an_empty_role_list_switches_the_requirement_off(world):
    assert not two_factor.required_for(world.admin)
    assert not two_factor.required_for(make_user("root", superuser=True))


# The real login ---------------------------------------------------------------


def test_password_alone_leaves_an_admin_at_the_enrolment_page(world):
    client = password_login(world.admin, "/nguoi/")
    response = client.get("/nguoi/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fnguoi%2F"


def test_a_user_with_an_authenticator_signs_in_with_its_code(world):
    key, _codes = enrolled(world.admin)
    client = password_login(world.admin, "/nguoi/")
    assert client.get("/nguoi/")["Location"] == f"{VERIFY}?next=%2Fnguoi%2F"
    page = client.get(f"{VERIFY}?next=/nguoi/")
    assert "Xác thực hai bước" in page.content.decode()
    response = client.post(VERIFY, {"code": code_for(key), "next": "/nguoi/"})
    assert response.status_code == 302 and response["Location"] == "/nguoi/"
    assert client.get("/nguoi/").status_code == 200


def test_the_session_key_changes_when_the_code_is_accepted(world):
    key, _codes = enrolled(world.admin)
    client = password_login(world.admin)
    before = client.cookies["sessionid"].value
    client.post(VERIFY, {"code": code_for(key)})
    assert client.cookies["sessionid"].value != before


def test_a_code_cannot_be_used_twice(world):
    key, _codes = enrolled(world.admin)
    code = code_for(key)
    first = password_login(world.admin)
    assert first.post(VERIFY, {"code": code})["Location"] == "/"
    second = password_login(world.admin)
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert second.get("/")["Location"].startswith(VERIFY)


def test_a_recovery_code_works_once(world):
    _key, codes = enrolled(world.admin)
    client = password_login(world.admin)
    assert client.post(VERIFY, {"code": codes[0].upper()})["Location"] == "/"
    assert StaticToken.objects.filter(device__user=world.admin).count() == 9
    again = password_login(world.admin)
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 200


def test_a_voluntary_user_with_an_authenticator_is_asked_too(world):
    key, _codes = enrolled(world.editor_a)
    client = password_login(world.editor_a)
    assert client.get("/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(key)})
    assert client.get("/").status_code == 200


def test_a_user_without_the_requirement_or_a_device_goes_straight_in(world):
    client = password_login(world.viewer_commune_a)
    assert client.get("/").status_code == 200


@override_settings(LOGIN_MAX_FAILURES=3)
def test_wrong_codes_lock_the_code_page_like_wrong_passwords(world):
    key, _codes = enrolled(world.admin)
    client = password_login(world.admin)
    for attempt in range(3):
        with time_machine.travel(time.time() + 60 * (attempt + 1), tick=False):  # past the device's own back-off
            assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    response = client.post(VERIFY, {"code": code_for(key)})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert client.get("/")["Location"].startswith(VERIFY)


def test_the_device_backs_off_after_a_wrong_code(world):
    key, _codes = enrolled(world.admin)
    client = password_login(world.admin)
    assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    # Right away, even the right code is refused while the device backs off.
    assert client.post(VERIFY, {"code": code_for(key)}).status_code == 200
    assert client.get("/")["Location"].startswith(VERIFY)


# What a waiting session reaches -----------------------------------------------


@pytest.mark.parametrize("path", ["/", "/nguoi/", "/ket-nap/", "/tai-khoan/", "/tai-khoan/mat-khau/", "/admin/"])
def test_a_waiting_session_reaches_no_page(world, path):
    enrolled(world.admin)
    client = Client()
    login_pending(client, world.admin)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


def test_a_waiting_session_is_anonymous_to_the_api(world):
    client = Client()
    login_pending(client, world.admin)
    response = client.get("/api/v1/me")
    assert response.status_code == 401


def test_htmx_requests_of_a_waiting_session_reload_the_code_page(world):
    enrolled(world.admin)
    client = Client()
    login_pending(client, world.admin)
    response = client.get("/cay/vn/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(VERIFY)


def test_a_waiting_session_cannot_replace_the_authenticator(world):
    """An attacker holding only the password must not enrol their own phone."""
    key, _codes = enrolled(world.admin)
    client = Client()
    login_pending(client, world.admin)
    assert client.get(ENROL)["Location"] == VERIFY
    attacker_key = two_factor.new_secret()
    session = client.session
    session[two_factor.ENROL_KEY] = attacker_key
    session.save()
    response = client.post(ENROL, {"code": code_for(attacker_key)})
    assert response["Location"] == VERIFY
    assert TOTPDevice.objects.get(user=world.admin).key == key


def test_a_role_granted_during_the_session_asks_for_the_second_factor(world):
    client = password_login(world.editor_a)
    assert client.get("/").status_code == 200
    RoleAssignment.objects.create(
        user=world.editor_a, organization=world.province_a, role="approver", valid_from=dt.date(2000, 1, 1)
    )
    assert client.get("/")["Location"].startswith(ENROL)


# Enrolment --------------------------------------------------------------------


def test_enrolment_shows_a_qr_code_and_the_secret_then_ten_recovery_codes(world):
    client = password_login(world.admin)
    page = client.get(f"{ENROL}?next=/nguoi/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<script" not in html.split("<main>")[1]
    key = client.session[two_factor.ENROL_KEY]
    assert two_factor.secret_for_humans(key) in html
    assert client.get(ENROL).content.decode().count(two_factor.secret_for_humans(key)) == 1  # same key on reload
    response = client.post(ENROL, {"code": code_for(key), "next": "/nguoi/"})
    assert response.status_code == 200
    codes = list(StaticToken.objects.filter(device__user=world.admin).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert TOTPDevice.objects.get(user=world.admin, confirmed=True).key == key
    assert client.get("/nguoi/").status_code == 200
    assert AuditEntry.objects.filter(action="two_factor.enrol", actor=world.admin).count() == 1


def test_enrolment_refuses_a_wrong_code(world):
    client = password_login(world.admin)
    client.get(ENROL)
    key = client.session[two_factor.ENROL_KEY]
    for wrong in ["", "12345", "abcdef", code_for(key, offset=5)]:
        response = client.post(ENROL, {"code": wrong})
        assert response.status_code == 200
        assert "Mã không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.admin).exists()
    assert client.get("/")["Location"].startswith(ENROL)


def test_a_viewer_may_enrol_from_the_account_page(world):
    client = Client()
    client.force_login(world.viewer_commune_a)
    assert "Bật xác thực hai bước" in client.get("/tai-khoan/").content.decode()
    client.get(ENROL)
    key = client.session[two_factor.ENROL_KEY]
    client.post(ENROL, {"code": code_for(key)})
    assert "Đang bật" in client.get("/tai-khoan/").content.decode()
    assert password_login(world.viewer_commune_a).get("/")["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(world):
    _key, old = enrolled(world.admin)
    client = Client()
    client.force_login(world.admin)
    response = client.post("/tai-khoan/xac-thuc/ma-khoi-phuc/")
    new = list(StaticToken.objects.filter(device__user=world.admin).values_list("token", flat=True))
    assert len(new) == 10 and not set(new) & set(old)
    assert all(code in response.content.decode() for code in new)


def test_code_pages_are_not_cached(world):
    client = password_login(world.admin)
    assert client.get(ENROL)["Cache-Control"] == "no-store"


def test_the_code_page_sends_a_verified_session_on(world):
    client = Client()
    client.force_login(world.admin)
    assert client.get(f"{VERIFY}?next=/nguoi/")["Location"] == "/nguoi/"
    assert client.get(f"{VERIFY}?next=https://evil.example/")["Location"] == reverse("home")


def test_the_code_page_sends_a_user_without_authenticator_to_enrol(world):
    client = Client()
    login_pending(client, world.admin)
    response = client.get(f"{VERIFY}?next=/nguoi/")
    assert response["Location"] == f"{ENROL}?next=%2Fnguoi%2F"


def test_an_overlong_code_is_refused_with_the_field_named(world):
    enrolled(world.admin)
    client = password_login(world.admin)
    response = client.post(VERIFY, {"code": "1" * 200})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
