"""Random membership histories: the aggregates kept by the services equal the raw
recomputation on every date of the range, in several subtrees, and equal a rebuild."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketnap.aggregates.services import rebuild
from ketnap.aggregates.tests.helpers import buckets, days, differences
from ketnap.core.errors import DomainError
from ketnap.core.testing import World, build_world, make_org, make_person
from ketnap.organizations.models import OrgKind
from ketnap.people.models import MembershipEvent, Person
from ketnap.people.services import event_record, person_update
from ketnap.people.status import EventKind

FIRST, LAST = dt.date(2020, 1, 1), dt.date(2020, 3, 31)
# Born so that someone turns 30, 31, 60 or 61 inside the range (the band edges).
BIRTHS = [
    dt.date(1990, 2, 10),
    dt.date(1989, 3, 1),
    dt.date(1960, 1, 20),
    dt.date(1959, 2, 28),
    dt.date(1988, 2, 29),
]
KINDS = [
    EventKind.ADMITTED,
    EventKind.CEREMONY,
    EventKind.RECOGNIZED,
    EventKind.TRANSFERRED_OUT,
    EventKind.TRANSFERRED_IN,
    EventKind.EXEMPTED,
    EventKind.EXEMPTION_ENDED,
    EventKind.REMOVED,
    EventKind.READMITTED,
    EventKind.DIED,
]

day = st.integers(min_value=-20, max_value=(LAST - FIRST).days).map(lambda n: FIRST + dt.timedelta(days=n))
event = st.tuples(st.just("event"), st.integers(0, 2), st.sampled_from(KINDS), day, st.integers(0, 2))
void = st.tuples(st.just("void"), st.integers(0, 2), st.integers(0, 8), day)
profile = st.tuples(
    st.just("profile"),
    st.integers(0, 2),
    st.sampled_from(["upper_secondary", "lower_secondary"]),
    st.sampled_from(["none", "buddhism"]),
    st.booleans(),
    st.one_of(st.none(), day),
)
facts = st.tuples(st.just("facts"), st.integers(0, 2), st.sampled_from(["male", "female"]), st.sampled_from(BIRTHS))
operations = st.lists(st.one_of(event, event, event, void, profile, facts), min_size=1, max_size=14)


@pytest.fixture
def world(db: None) -> Iterator[World]:
    with time_machine.travel(dt.datetime(2020, 6, 1, 9, 0), tick=False):
        world = build_world()
        world.extra_cell = make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL)  # type: ignore[attr-defined]
        yield world


def _run(world: World, people: list[Person], operation: tuple[Any, ...]) -> None:
    orgs = [world.cell_a, world.extra_cell, world.cell_b]  # type: ignore[attr-defined]
    kind, person = operation[0], people[operation[1]]
    try:
        if kind == "event":
            _event(world, person, operation[2], operation[3], orgs[operation[4]])
        elif kind == "void":
            recorded = list(MembershipEvent.objects.filter(person=person, superseded_by__isnull=True).order_by("id"))
            if recorded:
                target = recorded[operation[2] % len(recorded)]
                event_record(
                    actor=world.admin, person=person, kind=EventKind.VOID, date=operation[3], supersedes=target
                )
        elif kind == "profile":
            _, _, education, religion, youth, on = operation
            fields = {"education": education, "religion": religion, "youth_union_member": youth}
            person_update(actor=world.admin, person=person, effective_on=on, correction=on is None, **fields)
        else:
            person_update(
                actor=world.admin, person=person, correction=True, gender=operation[2], birth_date=operation[3]
            )
    except DomainError:
        pass  # refused as a page would refuse it: nothing written


def _event(world: World, person: Person, kind: EventKind, on: dt.date, org: Any) -> None:
    fields: dict[str, Any] = {}
    if kind in (EventKind.ADMITTED, EventKind.CEREMONY, EventKind.READMITTED, EventKind.TRANSFERRED_IN):
        fields["organization"] = org
    if kind is EventKind.TRANSFERRED_OUT:
        fields["other_organization"] = org
    if kind is EventKind.RECOGNIZED:
        fields["effective_date"] = on
    event_record(actor=world.admin, person=person, kind=kind, date=on, **fields)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(starts=st.lists(day, min_size=3, max_size=3), ops=operations)
def test_aggregates_equal_the_raw_tables_on_random_histories(
    world: World, starts: list[dt.date], ops: list[tuple[Any, ...]]
) -> None:
    with transaction.atomic():
        people = [make_person(world.cell_a, given=f"P{n}", birth_date=BIRTHS[n]) for n in range(3)]
        for n, start in enumerate(starts):  # everyone admitted first, so most operations meet members
            _run(world, people, ("event", n, EventKind.ADMITTED, start - dt.timedelta(days=30), n))
            _run(world, people, ("event", n, EventKind.CEREMONY, start, n))
        for operation in ops:
            _run(world, people, operation)
        checked = days(FIRST - dt.timedelta(days=21), LAST + dt.timedelta(days=1))
        assert differences(world.root, checked) == []
        assert differences(world.district_a, checked[::2]) == []
        assert differences(world.province_b, checked[::3]) == []
        kept = buckets()
        rebuild()
        assert buckets() == kept
        transaction.set_rollback(True)
