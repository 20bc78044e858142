"""Writing an import's new rows in bulk, in batches: every person, their first profile
row, their admission events, the status periods projected from them, the audit rows
and the aggregates' difference, built in memory and written with a few inserts a batch.

The rows are those the people services write one by one (``person_create`` then
``event_record`` for each admission event): the same fields, the periods of the same
projection (``status.project``), the same audit actions with the same before and after,
in the same order, and the same aggregate counts. The rows were checked by the dry run
just before, in the same transaction (``person_check``, the admission dates, the
organizations in the actor's subtree), so they are not checked again here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ketnap.aggregates.services import Change, apply_changes, new_person_changes
from ketnap.audit.services import Record, audit_log_many, snapshot
from ketnap.imports.report import NewRow
from ketnap.people import status
from ketnap.people.choices import MAJORITY_ETHNICITY, Gender
from ketnap.people.models import MembershipEvent, Person, Profile, StatusPeriod
from ketnap.people.services import period_row, person_check

Progress = Callable[[int, int], None]
BATCH = 2000


def write_rows(actor: Any, rows: Sequence[NewRow], progress: Progress) -> None:
    """Write ``rows`` in batches of ``BATCH``; ``progress`` after each (rows done, total)."""
    total = len(rows)
    for start in range(0, total, BATCH):
        _write_batch(actor, rows[start : start + BATCH])
        progress(min(start + BATCH, total), total)


def _write_batch(actor: Any, rows: Sequence[NewRow]) -> None:
    people = [_person(actor, row) for row in rows]
    Person.objects.bulk_create(people)
    Profile.objects.bulk_create([Profile.first_for(person) for person in people])
    events = [_events(actor, person, row) for person, row in zip(people, rows, strict=True)]
    MembershipEvent.objects.bulk_create([event for own in events for event in own])
    records: list[Record] = []
    periods: list[StatusPeriod] = []
    changes: Counter[Change] = Counter()
    texts: dict[tuple[str, dt.date], str] = {}
    for person, own in zip(people, events, strict=True):
        projected = _history(person, own, records, texts)
        periods += [period_row(person, period) for period in projected]
        changes.update(_changes(person, projected))
    StatusPeriod.objects.bulk_create(periods)
    apply_changes({change: count for change, count in changes.items() if count}, _paths(rows))
    audit_log_many(actor=actor, records=records)


def _person(actor: Any, row: NewRow) -> Person:
    """The person the dry run checked, or checked now (a report made without one)."""
    if row.person is not None:
        return row.person
    return person_check(actor=actor, organization=row.organization, **row.fields)


def _events(actor: Any, person: Person, row: NewRow) -> list[MembershipEvent]:
    """The admission events ``_write_row`` recorded: admitted and ceremony on the
    admission date in the row's organization, recognized on the official date."""
    if row.admitted_on is None:
        return []
    recorded_by = actor if getattr(actor, "pk", None) else None
    kinds = [(status.EventKind.ADMITTED, row.admitted_on), (status.EventKind.CEREMONY, row.admitted_on)]
    events = [
        MembershipEvent(
            person=person, kind=kind.value, date=day, organization=row.organization, recorded_by=recorded_by
        )
        for kind, day in kinds
    ]
    if row.official_on is not None:
        kind = status.EventKind.RECOGNIZED.value
        day = row.official_on
        events.append(MembershipEvent(person=person, kind=kind, date=day, effective_date=day, recorded_by=recorded_by))
    return events


def _history(
    person: Person, events: list[MembershipEvent], records: list[Record], texts: dict[tuple[str, dt.date], str]
) -> list[status.Period]:
    """Add the audit rows of the person's creation and of each event, as one by one:
    each event's before and after are the periods projected without and with it. The
    final periods. The events name the person's own organization, so it stays theirs.
    ``texts``: the events' ``str`` by kind and date, worded once (it reads the choices)."""
    path = person.organization.path
    records.append(Record("person.create", person, after=snapshot(person), organization_path=path))
    before: list[status.Period] = []
    for count, event in enumerate(events, start=1):
        after = status.project([e.as_event() for e in events[:count]])
        state = {"event": snapshot(event), **_state(person, after)}
        if (event.kind, event.date) not in texts:
            texts[(event.kind, event.date)] = str(event)
        text = texts[(event.kind, event.date)]
        records.append(Record(f"event.{event.kind}", event, _state(person, before), state, path, text))
        before = after
    return before


def _state(person: Person, periods: list[status.Period]) -> dict[str, Any]:
    """The person's organization and periods, as the event's audit row keeps them."""
    return {
        "organization_id": person.organization_id,
        "periods": [
            [p.status.value, p.organization_id, p.host_organization_id, str(p.start), str(p.end or "")] for p in periods
        ],
    }


def _changes(person: Person, periods: list[status.Period]) -> Counter[Change]:
    """What the new person adds to the aggregates: their periods and their one profile row."""
    if not periods:
        return Counter()
    facts = (person.gender == Gender.FEMALE, person.ethnicity != MAJORITY_ETHNICITY, person.birth_date)
    rows = [(p.organization_id, p.status.value, p.start, p.end) for p in periods]
    profile = (
        person.birth_date,
        None,
        person.religion,
        person.youth_union_member,
        person.education,
        person.professional,
        person.political_theory,
    )
    return new_person_changes(facts, rows, [profile])


def _paths(rows: Sequence[NewRow]) -> dict[int, str]:
    return {row.organization.pk: row.organization.path for row in rows}
