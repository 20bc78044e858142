"""The change over a period: reconciled on random histories, and each kind of move
counted where it belongs (a transfer inside the subtree is no change for it)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.core.testing import World, add_events, build_world, make_member, make_org, make_person
from ketnap.membership.models import LedgerEntry
from ketnap.organizations.models import OrgKind
from ketnap.people.models import MembershipEvent
from ketnap.people.status import MEMBER_STATUSES, Event, EventKind, project
from ketnap.reports.period import Run, change_for, membership_change, runs, tally
from ketnap.rules.membership import LedgerEvent

D = dt.date
INSIDE, OUTSIDE = {1, 2, 3}, {4, 5}
KINDS = [k for k in EventKind if k is not EventKind.VOID]


def _random_history(rng: random.Random, person: int) -> list[Event]:
    events = []
    for index in range(rng.randint(1, 9)):
        kind = rng.choice(KINDS)
        org = rng.choice([*sorted(INSIDE | OUTSIDE), None])
        other = rng.choice([*sorted(INSIDE | OUTSIDE), None])
        day = D(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 5 * 365))
        supersedes = person * 100 + index - 1 if index and rng.random() < 0.1 else None
        events.append(Event(person * 100 + index, kind, day, org, other, supersedes_id=supersedes))
    return events


def _spans(person: int, events: list[Event]) -> list[tuple[int, dt.date, dt.date | None]]:
    return [
        (person, p.start, p.end) for p in project(events) if p.status in MEMBER_STATUSES and p.organization_id in INSIDE
    ]


@pytest.mark.parametrize("seed", range(20))
def test_start_plus_increases_minus_decreases_is_the_end_on_random_histories(seed: int) -> None:
    rng = random.Random(seed)
    histories = {person: _random_history(rng, person) for person in range(1, 60)}
    all_runs = runs(span for person, events in histories.items() for span in _spans(person, events))
    for _ in range(10):
        first = D(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 5 * 365))
        last = first + dt.timedelta(days=rng.randint(0, 500))
        counts = tally(all_runs, histories, first, last)
        assert counts.start + sum(counts.increases.values()) - sum(counts.decreases.values()) == counts.end
        on_last = sum(1 for p, evs in histories.items() if any(_holds(s, last) for s in _spans(p, evs)))
        assert counts.end == on_last


def _holds(span: tuple[int, dt.date, dt.date | None], day: dt.date) -> bool:
    return span[1] <= day and (span[2] is None or day < span[2])


def test_touching_spans_of_one_person_are_one_run() -> None:
    merged = runs([(1, D(2020, 1, 1), D(2021, 1, 1)), (1, D(2021, 1, 1), None), (2, D(2020, 1, 1), None)])
    assert merged == [Run(1, D(2020, 1, 1), None), Run(2, D(2020, 1, 1), None)]


@pytest.fixture
def world(db: None) -> World:
    return build_world()


YEAR = (D(2023, 1, 1), D(2023, 12, 31))


def test_admission_ceremony_in_the_period_is_an_increase(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2023, 3, 1), official=False)
    make_member(world.cell_a, ceremony=D(2015, 3, 1))
    change = membership_change(world.province_a, *YEAR)
    assert (change.start, change.increases["admitted"], change.end) == (1, 1, 2)
    assert change.admission_decisions == 1 and change.reconciled


def test_a_transfer_inside_the_subtree_is_no_change_for_it(world: World) -> None:
    other_cell = make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL)
    member = make_member(world.cell_a)
    moved = D(2023, 5, 10)
    add_events(
        member,
        ("transferred_out", moved, {"organization": world.cell_a, "other_organization": other_cell}),
        ("transferred_in", moved, {"organization": other_cell}),
    )
    province = membership_change(world.province_a, *YEAR)
    assert (province.increased, province.decreased, province.end) == (0, 0, 1)
    cell = membership_change(world.cell_a, *YEAR)
    assert (cell.decreases["transferred_out"], cell.end) == (1, 0)
    assert membership_change(other_cell, *YEAR).increases["transferred_in"] == 1


def test_a_transfer_to_another_province_is_out_here_and_in_there(world: World) -> None:
    member = make_member(world.cell_a)
    moved = D(2023, 5, 10)
    add_events(
        member,
        ("transferred_out", moved, {"organization": world.cell_a, "other_organization": world.cell_b}),
        ("transferred_in", moved, {"organization": world.cell_b}),
    )
    assert membership_change(world.province_a, *YEAR).decreases["transferred_out"] == 1
    assert membership_change(world.province_b, *YEAR).increases["transferred_in"] == 1
    assert membership_change(world.root, *YEAR).increased == 0


def test_each_decrease_is_named_by_its_event(world: World) -> None:
    for kind in ("died", "expelled", "removed"):
        add_events(make_member(world.cell_a), (kind, D(2023, 6, 1)))
    leaving = add_events(make_member(world.cell_a), ("removed", D(2023, 7, 1)))
    event = MembershipEvent.objects.get(person=leaving, kind="removed")
    LedgerEntry.objects.create(event=event, form=LedgerEvent.LEAVING)
    change = membership_change(world.province_a, *YEAR)
    decreases = {k: v for k, v in change.decreases.items() if v}
    assert decreases == {"died": 1, "expelled": 1, "removed": 1, "resigned": 1}
    assert (change.start, change.end, change.reconciled) == (4, 0, True)


def test_readmission_is_its_own_increase(world: World) -> None:
    member = make_member(world.cell_a)
    add_events(
        member,
        ("removed", D(2019, 1, 1)),
        ("readmitted", D(2023, 2, 1), {"organization": world.cell_a}),
        ("ceremony", D(2023, 3, 1), {"organization": world.cell_a}),
    )
    change = membership_change(world.province_a, *YEAR)
    assert (change.increases["readmitted"], change.increases["admitted"], change.end) == (1, 0, 1)


def test_a_voided_death_is_no_decrease(world: World) -> None:
    member = add_events(make_member(world.cell_a), ("died", D(2023, 6, 1)))
    died = MembershipEvent.objects.get(person=member, kind="died")
    add_events(member, ("void", D(2023, 6, 2), {"supersedes": died}))
    change = membership_change(world.province_a, *YEAR)
    assert (change.decreased, change.end) == (0, 1)


def test_recognition_is_a_change_of_status_not_of_number(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2022, 3, 1))  # recognized 11/3/2023
    change = membership_change(world.province_a, *YEAR)
    assert (change.recognized, change.increased, change.start, change.end) == (1, 0, 1, 1)


def test_the_first_day_counts_in_the_period_and_the_day_before_in_the_start(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2023, 1, 1), official=False)
    make_member(world.cell_a, ceremony=D(2022, 12, 31), official=False)
    change = membership_change(world.province_a, *YEAR)
    assert (change.start, change.increases["admitted"]) == (1, 1)


def test_a_period_ending_before_it_starts_is_refused_naming_the_field(world: World) -> None:
    with pytest.raises(ValidationFailed) as error:
        membership_change(world.province_a, D(2023, 2, 1), D(2023, 1, 1))
    assert error.value.field == "first"


def test_an_organization_out_of_view_is_not_found(world: World) -> None:
    make_person(world.cell_a)
    with pytest.raises(NotFound):
        change_for(world.outsider_b, world.province_a, *YEAR)
    assert change_for(world.viewer_commune_a, world.commune_a, *YEAR).end == 0
