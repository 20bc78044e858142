"""The client address behind reverse proxies: X-Forwarded-For counts only as far as
trusted proxies wrote it, and the throttle and the audit both read it so."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from ketnap.accounts.models import LoginFailure
from ketnap.audit.context import current
from ketnap.audit.middleware import RequestContextMiddleware
from ketnap.core.client import client_address

PROXIES = ["10.0.0.0/24", "192.0.2.9"]


def address(remote: str | None, forwarded: str | None = None, proxies: list[str] | None = None) -> str | None:
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR")
    if remote is not None:
        request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(TRUSTED_PROXIES=PROXIES if proxies is None else proxies):
        return client_address(request)


def test_without_a_header_the_peer_is_the_client() -> None:
    assert address("203.0.113.5") == "203.0.113.5"


def test_a_header_from_an_untrusted_peer_is_ignored() -> None:
    assert address("203.0.113.5", "198.51.100.1") == "203.0.113.5"


def test_nothing_is_trusted_by_default() -> None:
    assert address("10.0.0.1", "198.51.100.1", proxies=[]) == "10.0.0.1"


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_client() -> None:
    assert address("10.0.0.1", "198.51.100.1") == "198.51.100.1"


def test_addresses_the_client_sent_itself_are_ignored() -> None:
    # The client sent "1.2.3.4"; the proxy appended the address it really came from.
    assert address("10.0.0.1", "1.2.3.4, 198.51.100.1") == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right() -> None:
    assert address("10.0.0.1", "1.2.3.4, 198.51.100.1, 192.0.2.9, 10.0.0.7") == "198.51.100.1"


def test_a_chain_of_only_trusted_proxies_gives_the_farthest() -> None:
    assert address("10.0.0.1", "10.0.0.3, 10.0.0.2") == "10.0.0.3"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("", "10.0.0.1"),
        ("not-an-address", "10.0.0.1"),
        ("198.51.100.1, junk", "10.0.0.1"),
        ("198.51.100.1,,", "10.0.0.1"),
        ("junk, 198.51.100.1", "198.51.100.1"),
        ("10.0.0.2, 999.1.1.1, 10.0.0.3", "10.0.0.3"),
        ("198.51.100.1:443", "10.0.0.1"),
        ("\x00" * 5000, "10.0.0.1"),
    ],
)
def test_a_malformed_header_stops_at_the_last_good_address(forwarded: str, expected: str) -> None:
    assert address("10.0.0.1", forwarded) == expected


def test_ipv6_and_ipv4_mapped_addresses_are_normalized() -> None:
    assert address("2001:DB8::0001") == "2001:db8::1"
    assert address("::ffff:203.0.113.5") == "203.0.113.5"
    assert address("10.0.0.1", "2001:db8::7", proxies=["10.0.0.0/8", "2001:db8::/32"]) == "2001:db8::7"


def test_an_unknown_or_malformed_peer_has_no_address() -> None:
    assert address(None) is None
    assert address("") is None
    assert address("unix:/run/ketnap.sock", "198.51.100.1") is None


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=PROXIES, LOGIN_MAX_FAILURES=2)
def test_the_login_throttle_counts_the_real_client_not_a_spoofed_header() -> None:
    url = reverse("login")
    spoofer = Client(REMOTE_ADDR="203.0.113.5")
    for fake in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        response = spoofer.post(url, {"username": f"u{fake}", "password": "x"}, HTTP_X_FORWARDED_FOR=fake)
    assert response.status_code == 429  # locked by its own address, whatever it claimed
    behind_proxy = Client(REMOTE_ADDR="10.0.0.1")
    behind_proxy.post(url, {"username": "someone", "password": "x"}, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7")
    assert LoginFailure.objects.filter(address="198.51.100.7").count() == 1
    assert not LoginFailure.objects.filter(address__in=["198.51.100.1", "1.1.1.1"]).exists()


@override_settings(TRUSTED_PROXIES=PROXIES)
def test_the_audit_context_carries_the_same_address() -> None:
    seen = []

    def view(request):
        seen.append(current.get().address)
        return HttpResponse("ok")

    middleware = RequestContextMiddleware(view)
    middleware(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7"))
    middleware(RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert seen == ["198.51.100.7", "203.0.113.5"]


def test_a_bad_trusted_proxies_setting_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from config.settings import env_networks

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/24, ten.0.0.1")
    with pytest.raises(ValueError, match=r"TRUSTED_PROXIES: 'ten\.0\.0\.1'"):
        env_networks("TRUSTED_PROXIES")
    monkeypatch.setenv("TRUSTED_PROXIES", " 10.0.0.0/24 ,::1")
    assert env_networks("TRUSTED_PROXIES") == ["10.0.0.0/24", "::1"]
