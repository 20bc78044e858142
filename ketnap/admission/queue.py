"""The work queue: what is due soon or overdue in an organization's subtree.

A selector: it takes an organization and trusts the caller to have asked the policy
(``policy.require(user, Action.VIEW, org)``). Three sources, each one query:

* open cases, by the ``due_on``/``due_code`` the case service stores after every
  step (decision at the committee, ceremony, member history, recognition review and
  decision): one indexed range scan, worded by the rule behind the code;
* probationary members with no open case — imported history such as the Mường Lát
  members admitted in 2021 — straight from the status periods: SQL keeps those whose
  ceremony is old enough for the review to be due, Python counts the working days;
* awareness certificates of candidates and prospects not yet reviewed by the cell,
  expiring within the horizon or expired.

Each item's message and citation are worded in the active language (Vietnamese, or
English when the user, the API client or the command asked for it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import get_language

from ketnap.admission import deadlines, selectors
from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import AdmissionCase, CaseStep, Prospect
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.types import QueueGroup, QueueItem
from ketnap.core.db import read_connection, reading_from_replica
from ketnap.lib.workdays import Calendar
from ketnap.organizations.models import Organization
from ketnap.people.models import Person, StatusPeriod
from ketnap.people.status import EventKind, Status
from ketnap.rules import Finding, citation_text, message
from ketnap.training.models import ClassKind

DEFAULT_HORIZON_DAYS = 30


@dataclass(frozen=True)
class _Due:
    """An item before the names are looked up: every source yields these."""

    finding: Finding
    due_on: dt.date
    person_id: int
    organization_id: int
    case_id: int | None = None


Due = _Due  # the item a registered source returns


# Sources other capabilities add (``register_source``): each returns the ``Due`` items of
# ``org``'s subtree due by ``until`` (overdue ones included), like the three above.
Source = Callable[[Organization, dt.date, dt.date, Calendar], list[_Due]]
_EXTRA_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    """Add a source of queue items (registering twice has no effect)."""
    if source not in _EXTRA_SOURCES:
        _EXTRA_SOURCES.append(source)


@reading_from_replica()
def work_queue(
    org: Organization, as_of: dt.date, *, horizon_days: int = DEFAULT_HORIZON_DAYS, calendar: Calendar | None = None
) -> list[QueueItem]:
    """Everything in ``org``'s subtree due by ``as_of + horizon_days`` or overdue on
    ``as_of``, overdue first, then by due date."""
    until = as_of + dt.timedelta(days=horizon_days)
    working = calendar if calendar is not None else working_calendar()
    items = _items([*case_dues(org, as_of, until), *_other_dues(org, as_of, until, working)], as_of)
    return sorted(items, key=lambda i: (not i.overdue, i.due_on, i.organization_code, i.person_name))


@reading_from_replica()
def queue_counts(
    org: Organization, as_of: dt.date, *, horizon_days: int = DEFAULT_HORIZON_DAYS, calendar: Calendar | None = None
) -> Counter[tuple[str, bool]]:
    """How many items ``work_queue`` lists, by (rule code, overdue), without building
    them: the stored deadlines of open cases (nearly all items) are counted in the
    database; the few cases that moved on since ``as_of``, the probationers (working days)
    and the certificates are the queue's own sources, without names or wording."""
    until = as_of + dt.timedelta(days=horizon_days)
    working = calendar if calendar is not None else working_calendar()
    counts = _stored_counts(org, as_of, until)
    dues = [*_past_dues(org, as_of, until), *_other_dues(org, as_of, until, working)]
    counts.update((due.finding.code, as_of > due.due_on) for due in dues)
    return counts


def _other_dues(org: Organization, as_of: dt.date, until: dt.date, working: Calendar) -> list[_Due]:
    """Every item but the deadlines of open cases: the probationers without a case, the
    certificates and the registered sources."""
    return [
        *probation_dues(org, as_of, until, working),
        *certificate_dues(org, as_of, until),
        *(due for source in _EXTRA_SOURCES for due in source(org, as_of, until, working)),
    ]


def queue_groups(org: Organization, items: list[QueueItem], as_of: dt.date) -> list[QueueGroup]:
    """How many items (and how many overdue) fall under each organization directly below
    ``org`` on ``as_of``, in tree order, and at ``org``'s own level: so a province's
    queue read a page at a time still shows where the work is. Two queries."""
    codes = {i.organization_code for i in items}
    paths: dict[str, str] = dict(Organization.objects.filter(code__in=codes).values_list("code", "path"))
    children = list(Organization.objects.as_of(as_of).children_of(org).order_by("path"))
    totals: dict[str, int] = {}
    late: dict[str, int] = {}
    for item in items:
        path = paths.get(item.organization_code) or str(org.path)
        branch = next((c.code for c in children if path.startswith(str(c.path))), org.code)
        totals[branch] = totals.get(branch, 0) + 1
        late[branch] = late.get(branch, 0) + item.overdue
    groups = [QueueGroup(c.code, c.name, totals[c.code], late[c.code]) for c in children if c.code in totals]
    if org.code in totals:
        groups.insert(0, QueueGroup(org.code, org.name, totals[org.code], late[org.code], own=True))
    return groups


def as_dict(item: QueueItem) -> dict[str, Any]:
    """A queue item for JSON: dates as ISO strings."""
    data = asdict(item)
    data["due_on"] = item.due_on.isoformat()
    return data


def case_dues(org: Organization, as_of: dt.date, until: dt.date) -> list[_Due]:
    """Open cases whose next deadline on ``as_of`` falls by ``until``: the stored one, or
    for a case that moved on after ``as_of`` the one its steps by then gave."""
    return [*_stored_dues(org, as_of, until), *_past_dues(org, as_of, until)]


def _stepped_after(as_of: dt.date) -> Exists:
    """Cases with a step dated after ``as_of``: their stored deadline is today's, not the
    one of ``as_of``."""
    return Exists(CaseStep.objects.filter(case=OuterRef("pk"), occurred_on__gt=as_of))


def _past_dues(org: Organization, as_of: dt.date, until: dt.date) -> list[_Due]:
    """The deadline of each case that was open on ``as_of`` and moved on since, worked
    out again from the steps that had occurred by then (a few cases for a date in the
    past; none for today)."""
    cases = AdmissionCase.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=as_of), opened_on__lte=as_of, cell__path__startswith=org.path
    ).filter(Q(closed_on__gt=as_of) | Q(_stepped_after(as_of)))
    dues = []
    for case in cases.select_related("cell", "person"):
        due = selectors.case_due_as_of(case, as_of)
        if due is not None and due.due_on is not None and due.due_on <= until:
            dues.append(_Due(due, due.due_on, case.person_id, case.cell_id, case.pk))
    return dues


def _stored_cases(org: Organization, as_of: dt.date, until: dt.date) -> QuerySet[AdmissionCase]:
    """Open cases of the subtree whose stored deadline falls by ``until`` and still holds
    on ``as_of``."""
    return (
        AdmissionCase.objects.filter(
            closed_on__isnull=True, due_on__lte=until, opened_on__lte=as_of, cell__path__startswith=org.path
        )
        .exclude(due_code="")
        .exclude(_stepped_after(as_of))
    )


def _pins() -> Cast:
    """A case's pinned editions as text: most cases pin nothing yet, and decoding
    thousands of "{}" shows in the timings."""
    return Cast("pinned_editions", TextField())


def _wording(as_of: dt.date) -> Callable[[str, dt.date, str], Finding]:
    """The finding of a stored deadline on ``as_of``, worked out once per (code, due
    date, pins): many cases share a deadline."""

    @cache
    def worded(code: str, due_on: dt.date, pins: str) -> Finding:
        pinned = json.loads(pins) if pins and pins != "{}" else None
        return deadlines.deadline_finding(code, due_on, as_of, pinned)

    return worded


def _stored_dues(org: Organization, as_of: dt.date, until: dt.date) -> list[_Due]:
    cases = _stored_cases(org, as_of, until).annotate(pins=_pins())
    rows = cases.values_list("id", "due_code", "due_on", "pins", "person_id", "cell_id")
    worded = _wording(as_of)
    return [
        _Due(worded(code, due_on, pins), due_on, person_id, cell_id, case_id)
        for case_id, code, due_on, pins, person_id, cell_id in rows
        if due_on is not None  # filtered in SQL; for the type checker
    ]


def _stored_counts(org: Organization, as_of: dt.date, until: dt.date) -> Counter[tuple[str, bool]]:
    """``_stored_dues`` counted by (finding code, overdue) in the database: one row per
    (code, due date, pins) with its number of cases, each worded once."""
    cases = _stored_cases(org, as_of, until).annotate(pins=_pins()).order_by()
    groups = cases.values_list("due_code", "due_on", "pins").annotate(n=Count("id"))
    worded = _wording(as_of)
    counts: Counter[tuple[str, bool]] = Counter()
    for code, due_on, pins, number in groups:
        counts[(worded(code, due_on, pins).code, as_of > due_on)] += number
    return counts


def probation_dues(org: Organization, as_of: dt.date, until: dt.date, calendar: Calendar) -> list[_Due]:
    """Probationary members on ``as_of`` with no open case whose recognition review is
    due by ``until`` (rule 16). The ceremony, not the period start, anchors probation:
    a transfer starts a new period without restarting it."""
    homes = _without_open_case(dict(_probationers(org, as_of)))
    latest = deadlines.earliest_overdue_ceremony(until)
    ceremonies = {pk: day for pk, day in _last_ceremonies(set(homes), as_of).items() if day <= latest}
    findings = {day: deadlines.probation_findings(day, as_of, calendar) for day in set(ceremonies.values())}
    return [
        _Due(finding, finding.due_on, person_id, homes[person_id])
        for person_id, day in ceremonies.items()
        for finding in findings[day]
        if finding.due_on is not None and finding.due_on <= until
    ]


def _probationers(org: Organization, as_of: dt.date) -> QuerySet[StatusPeriod, tuple[int, int]]:
    """(person, home organization) of each probationary member of the subtree, read from
    the subtree's organizations by the partial index on probationary periods (migration
    0008). Those with an open case are left out afterwards (``_without_open_case``):
    joined in here, PostgreSQL misjudges how many remain and walks the whole country's."""
    return (
        StatusPeriod.objects.as_of(as_of)
        .filter(status=Status.PROBATIONARY.value, organization__path__startswith=org.path)
        .values_list("person_id", "organization_id")
    )


# Looked up separately by person: joined into the period query, PostgreSQL misjudges the
# "not corrected" condition and walks every ceremony of the province instead.
_CEREMONIES = (
    "SELECT e.person_id, MAX(e.date) FROM people_membershipevent e WHERE {persons} AND e.kind = %s AND e.date <= %s "
    "AND NOT EXISTS (SELECT 1 FROM people_membershipevent c WHERE c.supersedes_id = e.id) GROUP BY e.person_id"
)


def _last_ceremonies(person_ids: set[int], as_of: dt.date) -> dict[int, dt.date]:
    """Each person's last ceremony on or before ``as_of`` (after a readmission, the new one);
    a ceremony event that was corrected does not count."""
    rows = _select(_CEREMONIES, "e.person_id", person_ids, [EventKind.CEREMONY.value, as_of])
    return {person_id: _date(day) for person_id, day in rows}


def certificate_dues(org: Organization, as_of: dt.date, until: dt.date) -> list[_Due]:
    """Latest awareness certificate of each candidate before the cell's resolution, and
    of each prospect without a case, when it expires by ``until`` (rule 3)."""
    resolved = CaseStep.objects.filter(case=OuterRef("pk"), kind=StepKind.CELL_RESOLUTION.value, void=False)
    cases = (
        AdmissionCase.objects.filter(
            closed_on__isnull=True,
            opened_on__lte=as_of,
            stage__in=[Stage.DOSSIER, Stage.CELL],
            cell__path__startswith=org.path,
        )
        .exclude(Exists(resolved))
        .values_list("person_id", "cell_id", "id")
    )
    prospects = (
        Prospect.objects.filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of), noted_on__lte=as_of)
        .filter(cell__path__startswith=org.path)
        .values_list("person_id", "cell_id")
    )
    watched: dict[int, tuple[int, int | None]] = {
        person_id: (cell_id, None) for person_id, cell_id in _without_open_case(dict(prospects)).items()
    }
    watched.update((person_id, (cell_id, case_id)) for person_id, cell_id, case_id in cases)
    cutoff = deadlines.certificate_issued_cutoff(until)
    dues = []
    for person_id, issued in _latest_certificates(set(watched), as_of).items():
        expires = deadlines.certificate_expires(issued, as_of)
        if issued <= cutoff and expires <= until:
            cell_id, case_id = watched[person_id]
            dues.append(_Due(deadlines.certificate_finding(issued, as_of), expires, person_id, cell_id, case_id))
    return dues


_CERTIFICATES = (
    "SELECT person_id, MAX(issued_on) FROM admission_awarenesscertificate WHERE {persons} AND issued_on <= %s "
    "GROUP BY person_id"
)


# The certificates of completed party-awareness classes, kept by the training record.
_TRAINED = (
    "SELECT e.person_id, MAX(e.certificate_issued_on) FROM training_enrolment e "
    "JOIN training_trainingclass c ON c.id = e.training_class_id WHERE {persons} AND c.kind = %s "
    "AND e.certificate_issued_on <= %s GROUP BY e.person_id"
)


def _latest_certificates(person_ids: set[int], as_of: dt.date) -> dict[int, dt.date]:
    """Each person's latest awareness certificate: from a class, or typed in a case before."""
    latest = {person_id: _date(day) for person_id, day in _select(_CERTIFICATES, "person_id", person_ids, [as_of])}
    for person_id, day in _select(_TRAINED, "e.person_id", person_ids, [ClassKind.AWARENESS.value, as_of]):
        latest[person_id] = max(_date(day), latest.get(person_id, _date(day)))
    return latest


_OPEN_CASES = "SELECT person_id FROM admission_admissioncase WHERE {persons} AND closed_on IS NULL"


def _without_open_case(homes: dict[int, int]) -> dict[int, int]:
    """``homes`` (person to organization) less the people with an open case: one lookup
    by person on the one-open-case index, whatever the size of the country."""
    busy = {row[0] for row in _select(_OPEN_CASES, "person_id", set(homes), [])}
    return {person_id: home for person_id, home in homes.items() if person_id not in busy}


def _items(dues: list[_Due], as_of: dt.date) -> list[QueueItem]:
    """Names and organizations looked up once by primary key for all sources: joining
    people into each source makes PostgreSQL hash the whole people table instead."""
    names = _by_pk(Person, {d.person_id for d in dues}, ("family_name", "middle_name", "given_name"))
    orgs = _by_pk(Organization, {d.organization_id for d in dues}, ("code", "name"))
    language = get_language()  # the page's, the API request's, or the command's --language
    wording: dict[int, tuple[str, str]] = {}  # many items share one finding object

    def text_of(finding: Finding) -> tuple[str, str]:
        key = id(finding)
        if key not in wording:
            wording[key] = (message(finding, language), citation_text(finding.citation, language))
        return wording[key]

    return [
        QueueItem(
            code=d.finding.code,
            message=text_of(d.finding)[0],
            citation=text_of(d.finding)[1],
            due_on=d.due_on,
            overdue=as_of > d.due_on,
            person_id=d.person_id,
            person_name=" ".join(part for part in names[d.person_id] if part),
            organization_code=orgs[d.organization_id][0],
            organization_name=orgs[d.organization_id][1],
            case_id=d.case_id,
        )
        for d in dues
    ]


def _by_pk(model: type[Model], pks: set[int], columns: tuple[str, ...]) -> dict[int, tuple[Any, ...]]:
    quote = read_connection().ops.quote_name
    selected = ", ".join(quote(column) for column in columns)
    sql = f"SELECT id, {selected} FROM {quote(model._meta.db_table)} WHERE {{persons}}"
    return {row[0]: tuple(row[1:]) for row in _select(sql, "id", pks, [])}


def _select(template: str, column: str, ids: set[int], params: list[Any]) -> list[tuple[Any, ...]]:
    """Run ``template`` for rows whose ``column`` is one of ``ids``: on PostgreSQL one array
    parameter, elsewhere IN lists within the bound-parameter limit. An ORM ``__in`` with
    thousands of values costs more to build than to run."""
    if not ids:
        return []
    rows: list[tuple[Any, ...]] = []
    connection = read_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One text literal cast to an array: psycopg would otherwise inspect every element.
            literal = "{" + ",".join(map(str, sorted(ids))) + "}"
            cursor.execute(template.format(persons=f"{column} = ANY(%s::bigint[])"), [literal, *params])
            return list(cursor.fetchall())
        ordered = sorted(ids)
        size = (connection.features.max_query_params or len(ordered)) - len(params)
        for start in range(0, len(ordered), size):
            chunk = ordered[start : start + size]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(template.format(persons=f"{column} IN ({marks})"), [*chunk, *params])
            rows += cursor.fetchall()
    return rows


def _date(value: Any) -> dt.date:
    """A date from a raw row: SQLite returns aggregates as text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
