"""Set-up shared by the benchmark scripts: which database, Django, planner statistics, timing."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--database-url", help="e.g. postgres://user:pass@localhost/ketnap_bench (default: temp SQLite)"
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement (median reported)")
    return parser.parse_args()


def start_django(database_url: str | None) -> str:
    """Point the settings at the database, start Django, migrate; returns a description."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        where = database_url.split("@")[-1]
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["KETNAP_VAR_DIR"] = tempfile.mkdtemp(prefix="ketnap-bench-")
        where = f"SQLite in {os.environ['KETNAP_VAR_DIR']}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return where


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would soon do on
    a live server; without them PostgreSQL picks a sequential scan for a small subtree."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def median_ms(run: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median milliseconds of ``runs`` timed calls after one warm-up, and the last
    call's result."""
    result = run()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result
