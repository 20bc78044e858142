"""The load test's users: demo viewers and editors who sign in and browse their subtree.

Run by ``bench/load.py`` (``./dev bench load``), which starts the server; by hand:
``locust -f bench/locustfile.py --headless -u 20 -t 60s --host http://127.0.0.1:8000``.
No Django here: locust patches the standard library with gevent when it is imported.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from typing import Any

import gevent
from locust import HttpUser, between, constant, task

PASSWORD = os.environ.get("KETNAP_BENCH_PASSWORD", "ketnap-demo-2026")  # ketnap.demo.users.PASSWORD
# Viewers and editors of the three demo levels (approvers and the administrator must
# confirm their login with a second factor): user name, organization code.
LOGINS = [
    ("tinh.xem", "lai-chau"),
    ("tinh.sua", "lai-chau"),
    ("xa.xem", "lc-muong-te-xa-bum-to"),
    ("xa.sua", "lc-muong-te-xa-bum-to"),
    ("chibo.xem", "lc-muong-te-xa-bum-to-cb-04"),
    ("chibo.sua", "lc-muong-te-xa-bum-to-cb-04"),
]
PERSON_LINK = re.compile(r'href="/nguoi/(\d+)/"')
CASE_LINK = re.compile(r'href="/ket-nap/ho-so/(\d+)/"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_next_login = itertools.count()
_signed_in = itertools.count(1)


def measure_from_now(environment: Any) -> None:
    """Once every user has signed in (PBKDF2 password hashing, most of the CPU of a
    ramp-up), start the statistics afresh and end the run KETNAP_BENCH_SECONDS later."""
    environment.stats.reset_all()
    seconds = float(os.environ.get("KETNAP_BENCH_SECONDS", "0"))
    if seconds and environment.runner is not None:
        gevent.spawn_later(seconds, environment.runner.quit)


def think_time() -> Any:
    """Seconds a user waits between two pages: KETNAP_BENCH_THINK="1,3" (the default)
    for a random wait in that range, "0" for none."""
    low, _, high = os.environ.get("KETNAP_BENCH_THINK", "1,3").partition(",")
    return between(float(low), float(high)) if high else constant(float(low))


class Visitor(HttpUser):
    """Signs in as the next demo login in turn, finds some people and cases of its
    organization, then opens pages in the proportions of the task weights."""

    wait_time = think_time()

    def on_start(self) -> None:
        self.username, self.org = LOGINS[next(_next_login) % len(LOGINS)]
        self.sign_in()
        self.people = self.links(f"/to-chuc/{self.org}/nguoi/", PERSON_LINK, "/to-chuc/[org]/nguoi/")
        self.cases = self.links(
            f"/ket-nap/to-chuc/{self.org}/hang-viec/", CASE_LINK, "/ket-nap/to-chuc/[org]/hang-viec/"
        )
        if not self.cases:
            self.cases = self.links(f"/ket-nap/to-chuc/{self.org}/", CASE_LINK, "/ket-nap/to-chuc/[org]/")
        if next(_signed_in) == self.environment.runner.target_user_count:
            measure_from_now(self.environment)

    def sign_in(self) -> None:
        form = self.client.get("/dang-nhap/", name="/dang-nhap/")
        token = CSRF_FIELD.search(form.text)
        data = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""}
        with self.client.post("/dang-nhap/", data=data, name="/dang-nhap/ (POST)", catch_response=True) as response:
            if "/dang-nhap/" in response.url:
                response.failure(f"signing in as {self.username} failed")

    def links(self, path: str, pattern: re.Pattern[str], name: str) -> list[str]:
        response = self.page(path, name)
        return sorted(set(pattern.findall(response.text))) if response.ok else []

    def page(self, path: str, name: str) -> Any:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif "/dang-nhap/" in response.url:
                response.failure("sent back to the login page")
            return response

    @task(3)
    def home(self) -> None:
        self.page("/", "/")

    @task(2)
    def organization(self) -> None:
        self.page(f"/to-chuc/{self.org}/", "/to-chuc/[org]/")

    @task(3)
    def people_list(self) -> None:
        self.page(f"/to-chuc/{self.org}/nguoi/?trang={random.randint(1, 3)}", "/to-chuc/[org]/nguoi/")

    @task(3)
    def person(self) -> None:
        if self.people:
            self.page(f"/nguoi/{random.choice(self.people)}/", "/nguoi/[id]/")

    @task(1)
    def statistics_xlsx(self) -> None:
        self.page(f"/to-chuc/{self.org}/thong-ke.xlsx", "/to-chuc/[org]/thong-ke.xlsx")

    @task(2)
    def work_queue(self) -> None:
        self.page(f"/ket-nap/to-chuc/{self.org}/hang-viec/", "/ket-nap/to-chuc/[org]/hang-viec/")

    @task(2)
    def case(self) -> None:
        if self.cases:
            self.page(f"/ket-nap/ho-so/{random.choice(self.cases)}/", "/ket-nap/ho-so/[id]/")
