"""The services keep the aggregates in the same transaction as each write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from ketnap.aggregates.models import MemberDelta, Span
from ketnap.aggregates.selectors import key_counts
from ketnap.aggregates.tests.helpers import differences
from ketnap.core.errors import DomainError
from ketnap.core.testing import World, build_world, make_member
from ketnap.people.services import event_record, person_update
from ketnap.people.status import EventKind
from ketnap.reports.selectors import member_figures

D = dt.date


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_a_backdated_event_entered_today_shows_at_once_on_past_dates(world: World) -> None:
    member = make_member(world.cell_a, ceremony=D(2015, 3, 1))
    assert member_figures(world.root, D(2019, 1, 1))["official"] == 1
    event_record(actor=world.admin, person=member, kind=EventKind.EXEMPTED, date=D(2018, 5, 1))
    on = member_figures(world.root, D(2019, 1, 1))
    assert (on["official"], on["exempted"]) == (0, 1)
    assert member_figures(world.root, D(2018, 4, 30))["official"] == 1
    assert differences(world.root, [D(2018, 4, 30), D(2018, 5, 1), D(2019, 1, 1)]) == []


def test_a_refused_write_leaves_the_aggregates_as_they_were(world: World) -> None:
    member = make_member(world.cell_a, ceremony=D(2015, 3, 1))
    before = sorted(MemberDelta.objects.values_list("organization_id", "key", "span", "start", "delta"))
    with pytest.raises(DomainError), transaction.atomic():
        person_update(actor=world.admin, person=member, birth_date=D(2020, 1, 1), correction=True)
    assert sorted(MemberDelta.objects.values_list("organization_id", "key", "span", "start", "delta")) == before


def test_a_transfer_moves_the_member_between_provinces_from_its_date(world: World) -> None:
    member = make_member(world.cell_a, ceremony=D(2015, 3, 1))
    common = {"actor": world.admin, "person": member, "date": D(2020, 6, 1)}
    event_record(**common, kind=EventKind.TRANSFERRED_OUT, organization=world.cell_a, other_organization=world.cell_b)
    event_record(**common, kind=EventKind.TRANSFERRED_IN, organization=world.cell_b)
    assert member_figures(world.province_a, D(2020, 5, 31))["members"] == 1
    assert member_figures(world.province_b, D(2020, 6, 1))["members"] == 1
    assert member_figures(world.province_a, D(2020, 6, 1))["members"] == 0
    assert differences(world.root, [D(2020, 5, 31), D(2020, 6, 1)]) == []


def test_a_change_of_status_across_a_profile_change_keeps_every_figure(world: World) -> None:
    # The profile rows are not read for a change of status (their counts cancel out):
    # the figures must agree with the raw tables on every side of both dates.
    member = make_member(world.cell_a, ceremony=D(2015, 3, 1))
    person_update(actor=world.admin, person=member, political_theory="intermediate", effective_on=D(2019, 1, 1))
    for kind, day in ((EventKind.EXEMPTED, D(2018, 5, 1)), (EventKind.EXEMPTION_ENDED, D(2020, 2, 1))):
        event_record(actor=world.admin, person=member, kind=kind, date=day)
    days = [D(2018, 4, 30), D(2018, 5, 1), D(2018, 12, 31), D(2019, 1, 1), D(2020, 1, 31), D(2020, 2, 1)]
    assert differences(world.root, days) == []
    assert member_figures(world.root, D(2019, 6, 1))["political_theory__intermediate"] == 1


def test_a_birth_day_key_is_kept_per_day_only_and_read_over_every_day(world: World) -> None:
    member = make_member(world.cell_a, ceremony=D(2015, 3, 1))
    key = f"bd:{member.birth_date.isoformat()}"
    assert set(MemberDelta.objects.filter(key=key).values_list("span", flat=True)) == {Span.DAY}
    month = f"bm:{member.birth_date:%Y-%m}"
    assert set(MemberDelta.objects.filter(key=month).values_list("span", flat=True)) == {Span.DAY, Span.YEAR}
    assert key_counts(world.root, D(2030, 1, 1), [key]) == {key: 1}
    assert key_counts(world.root, D(2015, 2, 28), [key]).get(key, 0) == 0
    assert key_counts(world.root, D(2030, 1, 1), []) == {}
