"""Recording an event stays cheap: a fixed number of queries, and only the periods
that change are rewritten."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.audit.models import AuditEntry
from ketnap.core.testing import World, add_events, build_world, make_member, make_org
from ketnap.organizations.models import OrgKind
from ketnap.people.models import Person, Profile, StatusPeriod
from ketnap.people.services import event_record
from ketnap.people.status import EventKind

D = dt.date
# On PostgreSQL, for an actor with a role: the savepoint around it all, the person
# locked, the actor's roles, the event written, the events and the periods read, the
# changed periods deleted and written, the aggregated ancestors, the aggregate rows,
# the audit entry (chain lock, chain head, row) and the release. Measured 32 before
# the write path was trimmed.
EVENT_QUERIES = 14


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _veteran(world: World) -> Person:
    """A member with a realistic history: admitted, official, moved once, retrained."""
    member = make_member(world.cell_a, ceremony=D(2010, 3, 1))
    other = make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL)
    move = {"organization": world.cell_a, "other_organization": other}
    add_events(
        member, ("transferred_out", D(2018, 6, 1), move), ("transferred_in", D(2018, 6, 1), {"organization": other})
    )
    retrained = Profile.objects.get(person=member)
    Profile.objects.filter(person=member).update(valid_to=D(2020, 1, 1))
    retrained.pk, retrained.valid_from, retrained.political_theory = None, D(2020, 1, 1), "intermediate"
    retrained.save()
    return Person.objects.get(pk=member.pk)


@pytest.mark.parametrize("actor", ["admin", "editor_a"])
# A death ends the days of membership, which the profile rows count over: one more read.
@pytest.mark.parametrize(("kind", "more"), [(EventKind.EXEMPTED, 0), (EventKind.DIED, 1)])
def test_recording_an_event_costs_a_fixed_number_of_queries(
    world: World, actor: str, kind: EventKind, more: int, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    member = _veteran(world)
    with django_assert_max_num_queries(EVENT_QUERIES + more):
        event_record(actor=getattr(world, actor), person=member, kind=kind, date=D(2024, 5, 1))


def test_a_transfer_costs_a_fixed_number_of_queries_too(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    member = _veteran(world)
    move = {"organization": member.organization, "other_organization": world.cell_b}
    # Besides: both organizations checked to exist, the profile rows (the days of
    # membership in each organization change), the new one's path, the person moved.
    with django_assert_max_num_queries(EVENT_QUERIES + 5):
        event_record(actor=world.admin, person=member, kind=EventKind.TRANSFERRED_OUT, date=D(2024, 5, 1), **move)


def test_only_the_periods_that_change_are_rewritten(world: World) -> None:
    member = _veteran(world)
    before = dict(StatusPeriod.objects.filter(person=member).values_list("start", "pk"))
    event_record(actor=world.admin, person=member, kind=EventKind.EXEMPTED, date=D(2024, 5, 1))
    after = dict(StatusPeriod.objects.filter(person=member).values_list("start", "pk"))
    kept = [start for start in before if start < D(2018, 6, 1)]
    assert kept and all(after[start] == before[start] for start in kept)
    assert sorted(after) == [*sorted(before), D(2024, 5, 1)]


def test_the_audit_entry_lists_the_periods_before_and_after(world: World) -> None:
    member = _veteran(world)
    event_record(actor=world.admin, person=member, kind=EventKind.EXEMPTED, date=D(2024, 5, 1))
    entry = AuditEntry.objects.get(action="event.exempted")
    before, after = entry.before["periods"], entry.after["periods"]
    assert [p[0] for p in before] == ["candidate", "probationary", "official", "official"]
    assert [p[0] for p in after] == ["candidate", "probationary", "official", "official", "exempted"]
    assert after[3][3:] == ["2018-06-01", "2024-05-01"]
    assert entry.before["organization_id"] == entry.after["organization_id"] == member.organization_id
