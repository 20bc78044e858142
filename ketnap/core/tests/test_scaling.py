"""What lets several application servers run side by side: sessions and the cache in
shared stores, and the router that sends report reads to a replica."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection

from config.settings import cache_from_url
from ketnap.admission import queue
from ketnap.core import db
from ketnap.core.db import PrimaryReplicaRouter, read_alias, reading_from_replica
from ketnap.core.testing import make_user
from ketnap.organizations.models import Organization
from ketnap.reports import selectors


class Reached(Exception):
    """Raised by a stand-in to stop a selector once it has chosen its database."""


@pytest.fixture
def with_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "replica_configured", lambda: True)


# The router -------------------------------------------------------------------


def test_without_a_replica_everything_goes_to_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "replica_configured", lambda: False)
    with reading_from_replica():
        assert read_alias() == "default"
    assert "replica" not in settings.DATABASES or settings.DATABASES["replica"]["TEST"]["MIRROR"] == "default"


def test_only_reads_inside_the_block_go_to_the_replica(with_replica: None) -> None:
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Organization) == "default"
    with reading_from_replica():
        assert router.db_for_read(Organization) == "replica"
        assert router.db_for_write(Organization) == "default"
    assert router.db_for_read(Organization) == "default"


def test_the_block_nests_and_works_as_a_decorator(with_replica: None) -> None:
    @reading_from_replica()
    def inner() -> str:
        return read_alias()

    with reading_from_replica():
        with reading_from_replica():
            pass
        assert read_alias() == "replica"
    assert (inner(), read_alias()) == ("replica", "default")


@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_the_primary(with_replica: None) -> None:
    # The test runs inside a transaction, as a service does: it must see its own writes.
    assert connection.in_atomic_block
    with reading_from_replica():
        assert read_alias() == "default"


def test_only_the_primary_is_migrated() -> None:
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "people")
    assert not router.allow_migrate("replica", "people")
    assert router.allow_relation(Organization(), Organization())


def test_the_statistics_query_is_sent_to_the_replica(with_replica: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def chosen() -> None:
        seen.append(read_alias())
        raise Reached

    monkeypatch.setattr(selectors, "read_connection", chosen)
    org = Organization(code="x", path="0001", depth=1, valid_from=dt.date(2000, 1, 1))
    with pytest.raises(Reached):
        selectors.organization_statistics(org, dt.date(2021, 12, 31))
    assert (seen, read_alias()) == (["replica"], "default")


def test_the_work_queue_is_read_from_the_replica(with_replica: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def chosen(*args: object) -> None:
        seen.append(read_alias())
        raise Reached

    monkeypatch.setattr(queue, "case_dues", chosen)
    with pytest.raises(Reached):
        queue.work_queue(Organization(path="0001"), dt.date(2023, 1, 15), calendar=object())  # type: ignore[arg-type]
    assert seen == ["replica"]


# Sessions and cache -----------------------------------------------------------


def test_sessions_are_kept_in_the_database() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


@pytest.mark.django_db
def test_a_session_made_on_one_server_is_read_by_another(client) -> None:
    make_user("bithu")
    client.post("/dang-nhap/", {"username": "bithu", "password": "correct-horse-battery"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = Session.objects.get(session_key=key).get_decoded()  # nothing lives in the process
    assert stored["_auth_user_id"]
    from django.test import Client

    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = key
    assert other.get("/").status_code == 200


def test_the_cache_is_a_database_table_by_default() -> None:
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db
def test_migrate_creates_the_cache_table() -> None:
    assert settings.CACHES["default"]["LOCATION"] in connection.introspection.table_names()
    cache.set("ketnap-test", {"a": 1}, 30)
    assert cache.get("ketnap-test") == {"a": 1}


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("", "django.core.cache.backends.db.DatabaseCache", "ketnap_cache"),
        (
            "redis://cache.internal:6379/1",
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.internal:6379/1",
        ),
        (
            "rediss://:pw@cache.internal:6380/0",
            "django.core.cache.backends.redis.RedisCache",
            "rediss://:pw@cache.internal:6380/0",
        ),
        ("memcached://10.0.0.4:11211", "django.core.cache.backends.memcached.PyMemcacheCache", "10.0.0.4:11211"),
    ],
)
def test_cache_url_names_the_server(url: str, backend: str, location: str) -> None:
    assert cache_from_url(url) == {"BACKEND": backend, "LOCATION": location}


def test_an_unknown_cache_url_stops_the_start() -> None:
    with pytest.raises(ValueError, match="CACHE_URL must start with redis://"):
        cache_from_url("locmem://")


def test_a_cache_server_without_its_client_library_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from ketnap.core import checks

    monkeypatch.setattr(checks.importlib.util, "find_spec", lambda name: None)
    [error] = checks.cache_client_messages("django.core.cache.backends.redis.RedisCache")
    assert (error.id, "'redis'" in error.msg) == ("ketnap.E020", True)
    assert checks.cache_client_messages("django.core.cache.backends.db.DatabaseCache") == []


def test_a_replica_url_adds_an_alias_that_mirrors_the_primary_in_tests() -> None:
    code = (
        "import json, config.settings as s; "
        "print(json.dumps({k: [v['HOST'], v['PORT'], v.get('TEST')] for k, v in s.DATABASES.items()}))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://app@db1:5432/k",
        "DATABASE_REPLICA_URL": "postgres://app@db2:5433/k",
    }
    output = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(output) == {
        "default": ["db1", 5432, None],
        "replica": ["db2", 5433, {"MIRROR": "default"}],
    }


def test_behind_a_proxy_without_trusted_proxies_is_a_deploy_warning() -> None:
    from ketnap.core.checks import trusted_proxies_messages

    header = ("HTTP_X_FORWARDED_PROTO", "https")
    [warning] = trusted_proxies_messages(proxy_ssl_header=header, trusted_proxies=[])
    assert warning.id == "ketnap.W021"
    assert trusted_proxies_messages(proxy_ssl_header=header, trusted_proxies=["10.0.0.5"]) == []
    assert trusted_proxies_messages(proxy_ssl_header=None, trusted_proxies=[]) == []
