"""Keeping the member aggregates: one person's change at a time, or rebuilt in bulk.

Two choke points: the people services wrap every rewrite of a person's profile rows
or fixed facts in ``person_figures_follow``, which adds the difference between what
the person counted for before and after, in the same transaction; the re-derivation
of the status periods (every event) tells ``periods_follow`` which periods it
replaced, and it adds their difference. A backdated event therefore corrects every
later date at once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from ketnap.aggregates import keys as K
from ketnap.aggregates.models import MemberDelta, Span
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.choices import MAJORITY_ETHNICITY, Gender, Religion
from ketnap.people.models import Person, Profile, StatusPeriod
from ketnap.people.status import MEMBER_STATUSES

# Only the large subtrees are aggregated: a grassroots committee or a cell has at most
# a few hundred members, whose figures one query over the raw tables answers at once.
AGGREGATED_KINDS = (OrgKind.NATIONAL.value, OrgKind.PROVINCIAL.value, OrgKind.UPPER.value)
_AGGREGATED_SQL = ", ".join(f"'{kind}'" for kind in AGGREGATED_KINDS)
Change = tuple[int, dt.date, str]  # (organization id, day, key)
Bucket = tuple[int, str, int, dt.date]  # (organization id, key, span, start)
Period = tuple[int | None, str, dt.date, dt.date | None]  # (organization id, status, start, end)
Facts = tuple[bool, bool, dt.date]  # (woman, ethnic minority, birth date)
ProfileRow = tuple[Any, ...]  # (valid_from, valid_to, religion, youth union, education, professional, theory)
Progress = Callable[[int, int], None]
_MEMBER_STATUSES = [str(s) for s in MEMBER_STATUSES]
_CHUNK = 150  # rows per INSERT: five parameters each, under SQLite's limit
REBUILD_WORK_MEM = "256MB"


def _add(changes: Counter[Change], org: int, start: dt.date, end: dt.date | None, keys: Iterable[str]) -> None:
    for key in keys:
        changes[(org, start, key)] += 1
        if end is not None:
            changes[(org, end, key)] -= 1


def _overlap(
    start: dt.date, end: dt.date | None, since: dt.date, until: dt.date | None
) -> tuple[dt.date, dt.date | None]:
    first = max(start, since)
    ends = [day for day in (end, until) if day is not None]
    return first, min(ends) if ends else None


def person_changes(person_id: int) -> Counter[Change]:
    """Where, when and under which keys the person starts (+1) and stops (-1) counting."""
    person = Person.objects.filter(pk=person_id).values("gender", "ethnicity", "birth_date").first()
    if person is None:
        return Counter()
    facts = (person["gender"] == Gender.FEMALE, person["ethnicity"] != MAJORITY_ETHNICITY, person["birth_date"])
    periods = StatusPeriod.objects.filter(
        person_id=person_id, status__in=_MEMBER_STATUSES, organization__isnull=False
    ).values_list("organization_id", "status", "start", "end")
    return _changes(facts, periods, _profiles(person_id))


def _profiles(person_id: int) -> list[ProfileRow]:
    return list(
        Profile.objects.filter(person_id=person_id).values_list(
            "valid_from", "valid_to", "religion", "youth_union_member", "education", "professional", "political_theory"
        )
    )


def _changes(facts: Facts, periods: Iterable[Period], profiles: list[ProfileRow]) -> Counter[Change]:
    """The changes of ``periods`` (those of members in an organization count)."""
    changes: Counter[Change] = Counter()
    female, minority, birth_date = facts
    for org, status, start, end in periods:
        if org is None or status not in _MEMBER_STATUSES:
            continue
        _add(changes, org, start, end, K.period_keys(status, female, minority, birth_date))
        for since, until, religion, youth, *training in profiles:
            first, last = _overlap(start, end, since, until)
            if last is None or first < last:
                _add(changes, org, first, last, K.profile_keys(religion != Religion.NONE, youth, *training))
    return changes


def new_person_changes(facts: Facts, periods: Iterable[Period], profiles: list[ProfileRow]) -> Counter[Change]:
    """What a person written in bulk (counted nowhere yet) adds, from their fixed facts,
    status periods and profile rows as built in memory: for ``apply_changes``."""
    return _changes(facts, periods, profiles)


def periods_follow(
    person: Person, removed: list[Period], added: list[Period], paths: dict[int, str] | None = None
) -> int:
    """The person's status periods ``removed`` were replaced by ``added`` (those kept
    count the same before and after); ``person`` as stored, its fixed facts and profile
    rows unchanged. Adds the difference to the aggregates; ``paths`` are the paths of
    organizations already known. The rows written."""
    if not any(org is not None and status in _MEMBER_STATUSES for org, status, *_ in (*removed, *added)):
        return 0
    # Profile rows count over the days a person is a member in an organization, whatever
    # the status: when those days are the same (a change of status), they cancel out.
    profiles = [] if _coverage(removed) == _coverage(added) else _profiles(person.pk)
    facts = (person.gender == Gender.FEMALE, person.ethnicity != MAJORITY_ETHNICITY, person.birth_date)
    after, before = _changes(facts, added, profiles), _changes(facts, removed, profiles)
    return apply_changes(difference(after, before), paths)


def difference(after: Counter[Change], before: Counter[Change]) -> dict[Change, int]:
    diff = dict(after)
    for change, count in before.items():
        diff[change] = diff.get(change, 0) - count
    return {change: count for change, count in diff.items() if count}


def _coverage(periods: Iterable[Period]) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """The days of membership in each organization, as runs of adjacent periods."""
    runs: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    members = [(org, start, end) for org, status, start, end in periods if org and status in _MEMBER_STATUSES]
    for org, start, end in sorted(members, key=lambda member: (member[0], member[1])):
        own = runs.setdefault(org, [])
        if own and own[-1][1] == start:
            own[-1] = (own[-1][0], end)
        else:
            own.append((start, end))
    return runs


def ancestors(org_ids: Iterable[int], known: dict[int, str] | None = None) -> dict[int, list[int]]:
    """Each organization's aggregated ancestors, itself included (their subtrees count
    its members); ``known`` gives the paths of some of them already read."""
    wanted_ids = set(org_ids)
    paths = {org: path for org, path in (known or {}).items() if org in wanted_ids}
    if missing := wanted_ids - paths.keys():
        paths.update(Organization.objects.filter(pk__in=missing).values_list("id", "path"))
    step = Organization.steplen
    wanted = {path[:end] for path in paths.values() for end in range(step, len(path) + 1, step)}
    aggregated = Organization.objects.filter(path__in=wanted, kind__in=AGGREGATED_KINDS)
    ids = dict(aggregated.values_list("path", "id"))
    return {
        org: [ids[path[:end]] for end in range(step, len(path) + 1, step) if path[:end] in ids]
        for org, path in paths.items()
    }


def spans(day: dt.date, key: str) -> tuple[tuple[int, dt.date], ...]:
    """The buckets a change of ``key`` on ``day`` is added to."""
    if K.is_day_only(key):
        return ((Span.DAY, day),)
    return ((Span.DAY, day), (Span.YEAR, day.replace(month=1, day=1)))


def apply_changes(changes: dict[Change, int], paths: dict[int, str] | None = None) -> int:
    """Add the changes to the buckets of every subtree they fall in; the rows written.
    ``paths`` are the paths of organizations already read."""
    if not changes:
        return 0
    above = ancestors((org for org, _day, _key in changes), paths)
    buckets: Counter[Bucket] = Counter()
    for (org, day, key), count in changes.items():
        for node in above.get(org, []):
            for span, start in spans(day, key):
                buckets[(node, key, span, start)] += count
    return add_buckets({bucket: count for bucket, count in buckets.items() if count})


def add_buckets(buckets: dict[Bucket, int]) -> int:
    # In one order everywhere, so two writers updating the same rows (the nation's, for
    # today) wait for each other instead of deadlocking.
    rows = sorted((*bucket, count) for bucket, count in buckets.items())
    table = MemberDelta._meta.db_table
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), _CHUNK):
            chunk = rows[offset : offset + _CHUNK]
            marks = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f'INSERT INTO {table} (organization_id, "key", span, "start", delta) VALUES {marks}'
                f' ON CONFLICT (organization_id, "key", span, "start")'
                f" DO UPDATE SET delta = {table}.delta + EXCLUDED.delta",
                [value for row in chunk for value in row],
            )
    return len(rows)


@contextmanager
def person_figures_follow(person_id: int) -> Iterator[None]:
    """Wrap a rewrite of the person's periods, profile rows or fixed facts: afterwards
    the aggregates count the person as the raw tables now do."""
    before = person_changes(person_id)
    yield
    apply_changes(difference(person_changes(person_id), before))


# Bulk rebuild from the raw tables, in SQL.


def _period_sql() -> str:
    birth = "CAST(p.birth_date AS TEXT)"
    key = (
        f"CASE n.n WHEN 1 THEN '{K.STATUS}' || sp.status WHEN 2 THEN 'by:' || SUBSTR({birth}, 1, 4)"
        f" WHEN 3 THEN 'bm:' || SUBSTR({birth}, 1, 7) WHEN 4 THEN 'bd:' || {birth}"
        f" WHEN 5 THEN CASE WHEN p.gender = '{Gender.FEMALE}' THEN '{K.WOMEN}' END"
        f" WHEN 6 THEN CASE WHEN p.ethnicity <> '{MAJORITY_ETHNICITY}' THEN '{K.MINORITY}' END END"
    )
    return (
        f'SELECT sp.organization_id AS org, {key} AS "key",'
        ' CASE WHEN s.sign = 1 THEN sp.start ELSE sp."end" END AS day, s.sign AS delta'
        f" FROM {StatusPeriod._meta.db_table} sp JOIN {Person._meta.db_table} p ON p.id = sp.person_id"
        f" CROSS JOIN ({_numbers(6)}) n CROSS JOIN (SELECT 1 AS sign UNION ALL SELECT -1) s"
        f" WHERE {_member_filter()}"
    )


def _profile_sql() -> str:
    key = (
        "CASE n.n WHEN 1 THEN 'education:' || pr.education WHEN 2 THEN 'professional:' || pr.professional"
        " WHEN 3 THEN 'political_theory:' || pr.political_theory"
        f" WHEN 4 THEN CASE WHEN pr.religion <> '{Religion.NONE}' THEN '{K.RELIGIOUS}' END"
        f" WHEN 5 THEN CASE WHEN pr.youth_union_member THEN '{K.YOUTH}' END END"
    )
    first = "CASE WHEN pr.valid_from > sp.start THEN pr.valid_from ELSE sp.start END"
    last = (
        'CASE WHEN sp."end" IS NULL THEN pr.valid_to WHEN pr.valid_to IS NULL OR sp."end" < pr.valid_to'
        ' THEN sp."end" ELSE pr.valid_to END'
    )
    return (
        f'SELECT sp.organization_id AS org, {key} AS "key",'
        f" CASE WHEN s.sign = 1 THEN {first} ELSE {last} END AS day, s.sign AS delta"
        f" FROM {StatusPeriod._meta.db_table} sp JOIN {Profile._meta.db_table} pr ON pr.person_id = sp.person_id"
        '  AND (sp."end" IS NULL OR pr.valid_from < sp."end") AND (pr.valid_to IS NULL OR pr.valid_to > sp.start)'
        f" CROSS JOIN ({_numbers(5)}) n CROSS JOIN (SELECT 1 AS sign UNION ALL SELECT -1) s"
        f" WHERE {_member_filter()}"
    )


def _numbers(count: int) -> str:
    return " UNION ALL ".join(f"SELECT {number} AS n" for number in range(1, count + 1))


def _member_filter() -> str:
    statuses = ", ".join(f"'{status}'" for status in _MEMBER_STATUSES)
    return (
        f"sp.status IN ({statuses}) AND sp.organization_id IN"
        f" (SELECT id FROM {Organization._meta.db_table} WHERE path LIKE %(path)s)"
    )


_OWN = "ketnap_aggregates_own"


def _fill_own(cursor: object, path: str) -> None:
    execute = cursor.execute  # type: ignore[attr-defined]
    execute(f"DROP TABLE IF EXISTS {_OWN}")
    execute(f'CREATE TEMPORARY TABLE {_OWN} (org INTEGER, "key" VARCHAR(48), day DATE, delta INTEGER)')
    for sql in (_period_sql(), _profile_sql()):
        execute(
            f'INSERT INTO {_OWN} (org, "key", day, delta) SELECT org, "key", day, SUM(delta) FROM ({sql}) x'
            ' WHERE "key" IS NOT NULL AND day IS NOT NULL GROUP BY org, "key", day HAVING SUM(delta) <> 0',
            {"path": path + "%"},
        )


def _roll_up(cursor: object, level: int) -> None:
    """Day rows of every organization at ``level``, from the members of its subtree."""
    orgs, table = Organization._meta.db_table, MemberDelta._meta.db_table
    cursor.execute(  # type: ignore[attr-defined]
        f'INSERT INTO {table} (organization_id, "key", span, "start", delta)'
        f' SELECT a.id, o."key", {Span.DAY}, o.day, SUM(o.delta) FROM {_OWN} o'
        f" JOIN {orgs} c ON c.id = o.org JOIN {orgs} a ON a.path = SUBSTR(c.path, 1, %s)"
        f" WHERE c.depth >= %s AND a.kind IN ({_AGGREGATED_SQL})"
        f' GROUP BY a.id, o."key", o.day HAVING SUM(o.delta) <> 0',
        [level * Organization.steplen, level],
    )


def _year_of_start() -> str:
    if connection.vendor == "sqlite":
        return "date(d.start, 'start of year')"
    return "CAST(date_trunc('year', d.start) AS DATE)"


def _years(cursor: object, path: str) -> None:
    """Year rows from the day rows of the subtree's organizations (birth-day keys have
    day rows only)."""
    orgs, table = Organization._meta.db_table, MemberDelta._meta.db_table
    cursor.execute(  # type: ignore[attr-defined]
        f'INSERT INTO {table} (organization_id, "key", span, "start", delta)'
        f' SELECT d.organization_id, d."key", {Span.YEAR}, {_year_of_start()}, SUM(d.delta) FROM {table} d'
        f""" WHERE d.span = {Span.DAY} AND d."key" NOT LIKE '{K.BIRTH_DAY}%%'"""
        f" AND d.organization_id IN (SELECT id FROM {orgs} WHERE path LIKE %s)"
        f' GROUP BY d.organization_id, d."key", {_year_of_start()} HAVING SUM(d.delta) <> 0',
        [path + "%"],
    )


def _root_buckets(org: Organization) -> Counter[tuple[str, int, dt.date]]:
    rows = MemberDelta.objects.filter(organization=org).values_list("key", "span", "start", "delta")
    return Counter({(key, span, start): delta for key, span, start, delta in rows})


@transaction.atomic
def rebuild(org: Organization | None = None, progress: Progress | None = None) -> int:
    """Recompute the aggregates of ``org``'s subtree (every tree without it) from the raw
    tables, and carry the correction up to its ancestors; the rows written."""
    _roomy_sorts()
    tops = [aggregated_cover(org)] if org is not None else list(Organization.objects.filter(depth=1))
    deepest = Organization.objects.order_by("-depth").values_list("depth", flat=True).first() or 0
    total = sum(deepest - top.depth + 3 for top in tops)  # its own rows, each level, its years
    done = 0
    for top in tops:
        done = _rebuild_subtree(top, deepest, done, total, progress)
    return MemberDelta.objects.filter(organization__path__startswith=tops[0].path if org else "").count()


def _roomy_sorts() -> None:
    """Let this transaction's grouping of millions of rows happen in memory: with the
    default 4 MB, PostgreSQL spills each GROUP BY of the rebuild to disk."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{REBUILD_WORK_MEM}'")


def is_aggregated(org: Organization) -> bool:
    return org.kind in AGGREGATED_KINDS


def aggregated_cover(org: Organization) -> Organization:
    """The smallest aggregated subtree holding ``org``'s (``org`` itself when aggregated)."""
    if is_aggregated(org):
        return org
    paths = org.ancestor_paths()
    found = Organization.objects.filter(path__in=paths, kind__in=AGGREGATED_KINDS).order_by("-depth").first()
    return found or org


def _rebuild_subtree(top: Organization, deepest: int, done: int, total: int, progress: Progress | None) -> int:
    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    before = _root_buckets(top)
    subtree = Organization.objects.filter(path__startswith=top.path).values("id")
    MemberDelta.objects.filter(organization_id__in=subtree)._raw_delete(MemberDelta.objects.db)
    with connection.cursor() as cursor:
        _fill_own(cursor, top.path)
        step()
        for level in range(top.depth, deepest + 1):
            _roll_up(cursor, level)
            step()
        _years(cursor, top.path)
        cursor.execute(f"DROP TABLE {_OWN}")
        step()
    _carry_up(top, before)
    return done


def _carry_up(top: Organization, before: Counter[tuple[str, int, dt.date]]) -> None:
    """Give the ancestors of a rebuilt subtree the difference it made."""
    after = _root_buckets(top)
    after.subtract(before)
    step = Organization.steplen
    paths = [top.path[:end] for end in range(step, len(top.path), step)]
    for node in Organization.objects.filter(path__in=paths).values_list("id", flat=True):
        add_buckets({(node, key, span, start): count for (key, span, start), count in after.items() if count})
