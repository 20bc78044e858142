"""``ketnap demo --reset`` killed at any moment leaves the old demo or the new one.

The reset runs as a real process against a database of its own (a temporary file on
SQLite, a database created for the test on PostgreSQL), is killed
with SIGKILL at several moments (at a time, and right after it has deleted the old
demo, started the new one, built its admission cases), and after each kill
``ketnap report statistics`` must still answer with the demo's figures.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from ketnap.demo import dien_bien

COMMAND = [sys.executable, "-m", "ketnap"]
# Seconds after the start, or the start of a line the reset prints ("Đang tạo": the old
# demo is deleted and nothing new is built yet, where a reset in two steps left nothing).
MOMENTS: list[float | str] = [1.0, "Đã xóa", "Đang tạo", "Kết nạp", 2.0]
# Every reset costs seconds of two shared cores; the SQLite run of the whole suite keeps
# the decisive moment, the PostgreSQL run (./dev test-pg ketnap/demo -k reset) all of them.
SQLITE_MOMENTS: list[float | str] = ["Đang tạo"]
ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def _postgres_database(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


def _drop_postgres_database(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ketnap(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": url, "DATABASE_CONN_MAX_AGE": "0"}
    return subprocess.run([*COMMAND, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def database(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of its own holding the demo's Điện Biên province, as a URL."""
    name = f"ketnap_reset_{os.getpid()}"
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            url = _postgres_database(name)
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('reset') / 'reset.sqlite3'}"
        migrated = ketnap(url, "migrate", "--noinput")
        assert migrated.returncode == 0, migrated.stderr
        loaded = ketnap(url, "demo", "--only", dien_bien.CODE)
        assert loaded.returncode == 0, loaded.stderr
        yield url
        if connection.vendor == "postgresql":
            _drop_postgres_database(name)


def kill_reset_at(url: str, moment: float | str) -> str:
    """Start the reset, SIGKILL it at ``moment``; everything it printed until then."""
    env = os.environ | {"DATABASE_URL": url, "DATABASE_CONN_MAX_AGE": "0", "PYTHONUNBUFFERED": "1"}
    args = [*COMMAND, "demo", "--reset", "--only", dien_bien.CODE]
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    printed = ""
    if isinstance(moment, str):
        for line in process.stdout:
            printed += line
            if line.lstrip().startswith(moment):
                break
    else:
        time.sleep(moment)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    # Killed after a line it prints before committing; a timed kill may come after the end.
    expected = {-signal.SIGKILL} if isinstance(moment, str) else {-signal.SIGKILL, 0}
    assert process.returncode in expected, f"the reset ended with {process.returncode}:\n{printed}"
    return printed


def demo_figures(url: str) -> dict[str, Any]:
    """The town's statistics through the command, as a user would ask for them."""
    date = dien_bien.REPORT_DATE.isoformat()
    result = ketnap(url, "report", "statistics", "--org", dien_bien.TOWN, "--as-of", date, "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def before(database: str) -> dict[str, Any]:
    figures = demo_figures(database)
    assert figures["members"] == dien_bien.MEMBERS
    return figures


@pytest.mark.parametrize("moment", MOMENTS if ON_POSTGRESQL else SQLITE_MOMENTS, ids=str)
def test_reset_killed_leaves_the_old_or_the_new_demo(
    database: str, before: dict[str, Any], moment: float | str
) -> None:
    printed = kill_reset_at(database, moment)
    assert demo_figures(database) == before, printed
