"""Bulk writer for the demo: organizations, people, their events and status periods.

The demo holds tens of thousands of people, so rows are collected in memory and
written with ``bulk_create``. Tree paths are computed here the way treebeard's
``MP_Node`` computes them (steplen 4, alphabet 0-9A-Z), and status periods come
from the same pure projection the services use, so the data looks exactly as if
every row had gone through the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.utils import timezone

from ketnap.lib.vntext import fold, name_sort_key
from ketnap.organizations.models import Organization
from ketnap.people import status
from ketnap.people.models import PROFILE_FIELDS, MembershipEvent, Person, Profile, StatusPeriod

BATCH = 2000
STEPLEN = Organization.steplen
ALPHABET = Organization.alphabet

Echo = Callable[[str], None]


def encode_step(number: int) -> str:
    """One path step for the ``number``-th child (1-based), e.g. 1 -> "0001"."""
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, ALPHABET[0])


def decode_step(step: str) -> int:
    return int(step, len(ALPHABET))


def slug(text: str) -> str:
    """ASCII slug of a Vietnamese name: "Mường Tè" -> "muong-te"."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


@dataclass
class EventDraft:
    """A membership event before it has a row (and an id)."""

    kind: status.EventKind
    date: dt.date
    organization_id: int | None = None
    other_organization_id: int | None = None
    effective_date: dt.date | None = None
    arrives_as: status.Status | None = None
    document_number: str = ""

    def as_event(self, number: int) -> status.Event:
        return status.Event(
            id=number,
            kind=self.kind,
            date=self.date,
            organization_id=self.organization_id,
            other_organization_id=self.other_organization_id,
            effective_date=self.effective_date,
            arrives_as=self.arrives_as,
        )


@dataclass
class PersonDraft:
    person: Person
    events: list[EventDraft] = field(default_factory=list)

    def periods(self) -> list[status.Period]:
        return status.project(e.as_event(i) for i, e in enumerate(self.events, 1))


class DemoWriter:
    """Collects demo rows and writes them in batches, parents before children."""

    def __init__(self, echo: Echo) -> None:
        self.echo = echo
        self._orgs: list[Organization] = []
        self._next_child: dict[str, int] = {}
        self._dirty_parents: dict[int, Organization] = {}
        self._people: list[PersonDraft] = []
        self._rows: dict[type[models.Model], list[models.Model]] = {}
        self.people_written = 0

    def root(self, *, code: str, name: str, kind: str, sector: str, valid_from: dt.date) -> Organization:
        existing = Organization.objects.filter(code=code).first()
        if existing is not None:
            return existing
        last = Organization.objects.filter(depth=1).order_by("-path").values_list("path", flat=True).first()
        node = Organization(
            code=code,
            name=name,
            search_name=fold(name),
            kind=kind,
            sector=sector,
            valid_from=valid_from,
            depth=1,
            numchild=0,
        )
        node.path = encode_step(decode_step(last) + 1 if last else 1)
        node.save()
        return node

    def child(
        self,
        parent: Organization,
        *,
        code: str,
        name: str,
        kind: str,
        sector: str,
        valid_from: dt.date,
        valid_to: dt.date | None = None,
    ) -> Organization:
        """A new node under ``parent``; written at the next ``flush``."""
        number = self._child_number(parent)
        node = Organization(
            code=code,
            name=name,
            search_name=fold(name),
            kind=kind,
            sector=sector,
            valid_from=valid_from,
            valid_to=valid_to,
            path=parent.path + encode_step(number),
            depth=parent.depth + 1,
            numchild=0,
        )
        parent.numchild += 1
        if parent.pk is not None:
            self._dirty_parents[parent.pk] = parent
        self._orgs.append(node)
        return node

    def _child_number(self, parent: Organization) -> int:
        if parent.path not in self._next_child:
            last = (
                Organization.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
                if parent.pk is not None
                else None
            )
            self._next_child[parent.path] = decode_step(last[-STEPLEN:]) if last else 0
        self._next_child[parent.path] += 1
        return self._next_child[parent.path]

    def person(self, person: Person, events: Iterable[EventDraft] = ()) -> PersonDraft:
        person.search_name = fold(person.full_name)
        person.sort_key = name_sort_key(person.family_name, person.middle_name, person.given_name)
        draft = PersonDraft(person, list(events))
        self._people.append(draft)
        return draft

    def row(self, obj: models.Model) -> models.Model:
        self._rows.setdefault(type(obj), []).append(obj)
        return obj

    def flush(self) -> None:
        """Write everything collected so far: organizations, rows people point to, people, the rest."""
        self._flush_orgs()
        self._flush_rows(lambda model: not _refers_to_person(model))
        self._flush_people()
        self._flush_rows(lambda model: True)

    def _flush_orgs(self) -> None:
        if self._orgs:
            Organization.objects.bulk_create(self._orgs, batch_size=BATCH)
            self._orgs = []
        if self._dirty_parents:
            Organization.objects.bulk_update(list(self._dirty_parents.values()), ["numchild"], batch_size=BATCH)
            self._dirty_parents = {}

    def _flush_rows(self, wanted: Callable[[type[models.Model]], bool]) -> None:
        for model in [m for m in self._rows if wanted(m)]:
            model.objects.bulk_create(self._rows.pop(model), batch_size=BATCH)  # type: ignore[attr-defined]

    def _flush_people(self) -> None:
        drafts, self._people = self._people, []
        for start in range(0, len(drafts), BATCH * 5):
            self._write_people(drafts[start : start + BATCH * 5])
        self.people_written += len(drafts)

    def _write_people(self, drafts: list[PersonDraft]) -> None:
        projections = [draft.periods() for draft in drafts]
        for draft, periods in zip(drafts, projections, strict=True):
            # As the service does: the person is recorded where the projection ends.
            if periods and periods[-1].organization_id:
                draft.person.organization_id = periods[-1].organization_id
        Person.objects.bulk_create([d.person for d in drafts], batch_size=BATCH)
        day = connection.ops.adapt_datefield_value
        insert_rows(MembershipEvent, _EVENT_COLUMNS, _event_rows(drafts, day))
        insert_rows(StatusPeriod, _PERIOD_COLUMNS, _period_rows(drafts, projections, day))
        insert_rows(Profile, _PROFILE_COLUMNS, _profile_rows(drafts, day))


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Plain multi-row INSERTs for the largest tables.

    ``bulk_create`` spends most of its time building model instances and preparing
    each value; here values arrive ready for the database. Columns not given get
    their field default (``auto_now_add``: now), so fields added later still load.
    """
    given = set(columns)
    # Concrete fields always have a column; Field.column is optional only for the others.
    rest = [
        (f, f.column)
        for f in model._meta.concrete_fields
        if f.column is not None and f.column not in given and not f.primary_key
    ]
    tail = tuple(_default(f) for f, _ in rest)
    names = [*columns, *(column for _, column in rest)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(n) for n in names), ", ".join(["%s"] * len(names))
    )
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row + tail)
            if len(batch) == BATCH * 5:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _default(f: models.Field) -> Any:
    if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
        return f.get_db_prep_save(timezone.now(), connection)
    return f.get_db_prep_save(f.get_default(), connection)


_EVENT_COLUMNS = (
    "person_id",
    "kind",
    "date",
    "effective_date",
    "organization_id",
    "other_organization_id",
    "arrives_as",
    "document_number",
)
_PERIOD_COLUMNS = ("person_id", "status", "organization_id", "host_organization_id", "start", "end")
# One profile row per person, from the birth date, as person_create opens it.
_PROFILE_COLUMNS = ("person_id", "valid_from", "valid_to", *PROFILE_FIELDS)


def _refers_to_person(model: type[models.Model]) -> bool:
    return any(f.is_relation and f.related_model is Person for f in model._meta.concrete_fields)


def _event_rows(drafts: list[PersonDraft], day: Callable[[Any], Any]) -> Iterable[tuple[Any, ...]]:
    for draft in drafts:
        for e in draft.events:
            yield (
                draft.person.pk,
                e.kind.value,
                day(e.date),
                day(e.effective_date),
                e.organization_id,
                e.other_organization_id,
                e.arrives_as.value if e.arrives_as else "",
                e.document_number,
            )


def _period_rows(
    drafts: list[PersonDraft], projections: list[list[status.Period]], day: Callable[[Any], Any]
) -> Iterable[tuple[Any, ...]]:
    for draft, periods in zip(drafts, projections, strict=True):
        for p in periods:
            yield (draft.person.pk, p.status.value, p.organization_id, p.host_organization_id, day(p.start), day(p.end))


def _profile_rows(drafts: list[PersonDraft], day: Callable[[Any], Any]) -> Iterable[tuple[Any, ...]]:
    for draft in drafts:
        person = draft.person
        yield (person.pk, day(person.birth_date), None, *(getattr(person, name) for name in PROFILE_FIELDS))
