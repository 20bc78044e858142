"""Pages and the work queue on the national dataset, each beside a count from the raw tables.

Called by ``bench/national.py --operations`` after the statistics. Pages are fetched the way
a browser would (Django's test client, signed in as an administrator who sees the nation),
so the time includes the templates; the figure beside each is one hand-written SQL count
over the raw tables and the same count read through the selector the page uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from common import median_ms  # sibling module, on the path of the script that imports this one

Timed = Callable[[], Any]


def raw_count(sql: str, params: list[Any]) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def line(label: str, ms: float | None, ours: int, raw: int, what: str) -> None:
    verdict = "same" if ours == raw else f"DIFFERENT (raw {raw:,})"
    took = f"{ms:8.1f} ms" if ms is not None else " " * 11
    print(f"  {label:<46} {took}   {what} {ours:,}   raw tables {raw:,}   {verdict}")


def client() -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    browser = Client()
    browser.force_login(admin)
    return browser


def fetch(browser: Any, url: str) -> Timed:
    def get() -> int:
        response = browser.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return len(response.content)

    return get


def organization_page(browser: Any, org: Any, as_of: dt.date, runs: int) -> None:
    """The page with its children list; the count of children valid on the date."""
    from ketnap.organizations.models import Organization

    ms, _ = median_ms(fetch(browser, f"/to-chuc/{org.code}/?ngay={as_of:%d/%m/%Y}"), runs)
    ours = Organization.objects.as_of(as_of).children_of(org).count()
    raw = raw_count(
        f"SELECT count(*) FROM {Organization._meta.db_table} WHERE path LIKE %s AND depth = %s"
        " AND valid_from <= %s AND (valid_to IS NULL OR valid_to > %s)",
        [org.path + "%", org.depth + 1, as_of, as_of],
    )
    line(f"organization page, {org.code}", ms, ours, raw, "children")


def people_page(browser: Any, org: Any, runs: int) -> None:
    """The first page of the people recorded in the subtree; how many there are."""
    from ketnap.organizations.models import Organization
    from ketnap.people.models import Person
    from ketnap.people.selectors import people_list

    ms, _ = median_ms(fetch(browser, f"/to-chuc/{org.code}/nguoi/"), runs)
    ours = people_list(browser_user(), organization=org).count()
    raw = raw_count(
        f"SELECT count(*) FROM {Person._meta.db_table} p JOIN {Organization._meta.db_table} o"
        " ON o.id = p.organization_id WHERE o.path LIKE %s",
        [org.path + "%"],
    )
    line(f"people list, {org.code}, first page", ms, ours, raw, "people")


def search_page(browser: Any, runs: int) -> None:
    """A name search over the whole nation: a middle and given name found in the data."""
    from ketnap.lib.vntext import fold
    from ketnap.people.models import Person
    from ketnap.people.selectors import people_list

    people = Person.objects.order_by("pk").values_list("middle_name", "given_name")
    sample = people[people.count() // 2]
    words = " ".join(sample)
    ms, _ = median_ms(fetch(browser, f"/nguoi/?q={words}"), runs)
    ours = people_list(browser_user(), query=words).count()
    raw = raw_count(f"SELECT count(*) FROM {Person._meta.db_table} WHERE search_name LIKE %s", [f"%{fold(words)}%"])
    line(f'person search "{words}", nation', ms, ours, raw, "matches")


def dashboard_page(browser: Any, org: Any, runs: int) -> None:
    """The landing page of the organization's users today; its member count both ways."""
    from django.contrib.auth import get_user_model

    from ketnap.core import policy
    from ketnap.dashboard.selectors import dashboard
    from ketnap.organizations.models import Organization
    from ketnap.people.models import StatusPeriod

    ms, _ = median_ms(fetch(browser, f"/tong-quan/{org.code}/"), runs)
    today = policy.today()
    ours = dashboard(get_user_model().objects.get(username="bench-admin"), org, today).figures.members
    raw = raw_count(
        f"SELECT count(*) FROM {StatusPeriod._meta.db_table} p JOIN {Organization._meta.db_table} o"
        " ON o.id = p.organization_id WHERE o.path LIKE %s AND p.status IN ('probationary', 'official', 'exempted')"
        ' AND p.start <= %s AND (p."end" IS NULL OR p."end" > %s)',
        [org.path + "%", today, today],
    )
    line(f"dashboard, {org.code}, today", ms, ours, raw, "members")


QUEUE_ON = dt.date(2026, 6, 30)  # half the probationary members' recognition reviews are due by then


def work_queue(org: Any, runs: int) -> None:
    """The queue of a province; its items from open cases, counted from the raw tables."""
    from ketnap.admission.models import AdmissionCase
    from ketnap.admission.queue import DEFAULT_HORIZON_DAYS
    from ketnap.admission.queue import work_queue as queue
    from ketnap.organizations.models import Organization

    ms, items = median_ms(lambda: queue(org, QUEUE_ON), runs)
    cases = sum(1 for item in items if item.case_id is not None)
    until = QUEUE_ON + dt.timedelta(days=DEFAULT_HORIZON_DAYS)
    raw = raw_count(
        f"SELECT count(*) FROM {AdmissionCase._meta.db_table} c JOIN {Organization._meta.db_table} o"
        " ON o.id = c.cell_id WHERE o.path LIKE %s AND c.closed_on IS NULL AND c.due_code <> ''"
        " AND c.due_on <= %s AND c.opened_on <= %s",
        [org.path + "%", until, QUEUE_ON],
    )
    line(f"work queue, {org.code}, {QUEUE_ON:%d/%m/%Y}", ms, cases, raw, f"items {len(items):,}, of cases")


_USER: list[Any] = []


def browser_user() -> Any:
    return _USER[0]


def run(nation: Any, provinces: list[Any], as_of: dt.date, runs: int) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    # The administrator here signs in without an authenticator, for this run only: a test
    # that calls it leaves the second factor required for the tests after it.
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(ALLOWED_HOSTS=hosts, TWO_FACTOR_REQUIRED_ROLES=[]):
        call_command("collectstatic", interactive=False, verbosity=0)  # the pages name hashed files, as served
        _run(nation, provinces, as_of, runs)


def _run(nation: Any, provinces: list[Any], as_of: dt.date, runs: int) -> None:
    from django.contrib.auth import get_user_model

    browser = client()
    _USER[:] = [get_user_model().objects.get(username="bench-admin")]
    print(f"pages and the work queue as of {as_of:%d/%m/%Y}, median of {runs} warm runs")
    for province in provinces:
        organization_page(browser, province, as_of, runs)
        people_page(browser, province, runs)
        work_queue(province, runs)
    organization_page(browser, nation, as_of, runs)
    dashboard_page(browser, nation, runs)
    search_page(browser, runs)
