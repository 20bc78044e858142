"""Load test: the real server (gunicorn, as ``./dev up`` runs it) on the demo database,
on a loopback port, driven by locust's demo viewers and editors for a bounded time.

./dev bench load                          # 20 users for 60 s on SQLite in var/bench-load
./dev bench load --users 40 --seconds 120 --think 0
./dev bench load --database-url postgres://user:pass@127.0.0.1:5432/ketnap_bench

Prints the median, 95th and 99th percentile response times, the throughput and the
error count, overall and per page, over ``--seconds`` from the moment every user has
signed in (the sign-ins themselves are not counted). Target at 20 users on two cores: p95 under 500 ms
and no errors. The server's access log is kept in the data directory (gunicorn.log).
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 500
COLUMNS = ("Request Count", "Failure Count", "50%", "95%", "99%", "Requests/s")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Load test of the served application (gunicorn + locust).")
    parser.add_argument("--users", type=int, default=20, help="concurrent users (default 20)")
    parser.add_argument("--seconds", type=int, default=60, help="duration of the measured run (default 60)")
    parser.add_argument("--spawn-rate", type=float, default=5.0, help="users started per second (default 5)")
    parser.add_argument("--think", default="1,3", help='seconds between pages: "MIN,MAX" or "0" (default 1,3)')
    parser.add_argument("--database-url", help="PostgreSQL database to use (default: SQLite in --var-dir)")
    parser.add_argument(
        "--var-dir", default=str(ROOT / "var" / "bench-load"), help="data directory, kept for the next run"
    )
    return parser.parse_args()


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ, KETNAP_VAR_DIR=args.var_dir, DJANGO_SETTINGS_MODULE="config.settings")
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


# PostgreSQL's planner needs statistics after the bulk load, as autovacuum would soon
# gather them on a live server; without them it scans whole tables for a small subtree.
ANALYZE = (
    "from django.db import connection\nif connection.vendor == 'postgresql': connection.cursor().execute('ANALYZE')"
)


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the demo (idempotent: quick once loaded), collect static files and,
    on PostgreSQL, refresh the planner's statistics."""
    for command in (["migrate", "--noinput"], ["demo"], ["collectstatic", "--noinput"], ["shell", "-c", ANALYZE]):
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "ketnap", *command, "--verbosity", "0"],
            env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        print(f"ketnap {command[0]}: {time.monotonic() - started:.1f} s", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with status {server.returncode}; see {log}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"gunicorn did not answer within 120 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group (master and workers), as Ctrl-C would."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def run_locust(args: argparse.Namespace, port: int, prefix: Path) -> None:
    """Locust measures for ``--seconds`` from the moment every user has signed in;
    ``--run-time`` only bounds a run in which some user never manages to."""
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.seconds + 300}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--exit-code-on-error", "0", "--stop-timeout", "10",
    ]  # fmt: skip
    env = dict(os.environ, KETNAP_BENCH_THINK=args.think, KETNAP_BENCH_SECONDS=str(args.seconds))
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"locust failed with status {result.returncode}:\n{result.stderr}")


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def print_stats(rows: list[dict[str, str]]) -> None:
    print(f"\n{'page':<42} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7}")
    for row in rows:
        if row["Request Count"] == "0":  # only requested while signing in, before the measurement
            continue
        name = row["Name"] if row["Name"] != "Aggregated" else "all pages"
        if row["Type"] and row["Type"] != "GET":
            name = f"{name} ({row['Type']})" if "(POST)" not in name else name
        values = [row[column] for column in COLUMNS]
        print(f"{name[:42]:<42} {values[0]:>8} {values[1]:>6} {values[2]:>7} {values[3]:>7} {values[4]:>7} "
              f"{float(values[5]):>7.1f}")  # fmt: skip


def verdict(total: dict[str, str]) -> bool:
    p95, errors = float(total["95%"]), int(total["Failure Count"])
    met = "met" if p95 < TARGET_P95_MS and errors == 0 else "MISSED"
    print(f"\ntarget p95 < {TARGET_P95_MS} ms and no errors: {met} (p95 {p95:.0f} ms, {errors} errors)")
    return errors == 0


def main() -> None:
    args = arguments()
    Path(args.var_dir).mkdir(parents=True, exist_ok=True)
    env = server_environment(args)
    prepare(env)
    port = free_port()
    log = Path(args.var_dir) / "gunicorn.log"
    server = start_server(env, port, log)
    print(
        f"gunicorn on 127.0.0.1:{port}: {args.users} users for {args.seconds} s, think time {args.think} s", flush=True
    )
    try:
        with tempfile.TemporaryDirectory(prefix="ketnap-load-") as directory:
            prefix = Path(directory) / "locust"
            run_locust(args, port, prefix)
            rows = read_stats(prefix)
    finally:
        stop_server(server)
    print_stats(rows)
    sys.exit(0 if verdict(rows[-1]) else 1)


if __name__ == "__main__":
    main()
