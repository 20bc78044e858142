"""Reports count the personal history valid on their date: an edit today never changes
a past report; a change effective on a past date shows from that date on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from ketnap.aggregates.services import person_figures_follow
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import ValidationFailed
from ketnap.core.testing import World, build_world, make_member
from ketnap.people.models import Person, Profile
from ketnap.people.services import person_update
from ketnap.reports.selectors import organization_statistics

D = dt.date
TODAY = D(2024, 6, 15)
PAST = D(2022, 12, 31)
BORN = D(1990, 1, 1)


@pytest.fixture
def world(db: None) -> Iterator[World]:
    with time_machine.travel(dt.datetime(2024, 6, 15, 9, 0), tick=False):
        yield build_world()


@pytest.fixture
def member(world: World) -> Person:
    return make_member(world.cell_a, education="lower_secondary", birth_date=BORN)


def figures(world: World, on: dt.date) -> tuple[int, int, int | None, int]:
    stats = organization_statistics(world.province_a, on)
    return (
        stats.education["lower_secondary"],
        stats.education["upper_secondary"],
        stats.religious,
        stats.youth_union,
    )


def test_a_past_report_is_unchanged_by_an_edit_today(world: World, member: Person) -> None:
    before = organization_statistics(world.province_a, PAST)
    person_update(
        actor=world.editor_a, person=member, education="upper_secondary", religion="buddhism", youth_union_member=True
    )
    assert organization_statistics(world.province_a, PAST) == before
    assert figures(world, PAST) == (1, 0, 0, 0)
    assert figures(world, TODAY) == (0, 1, 1, 1)


def test_a_change_effective_on_a_past_date_shows_from_that_date(world: World, member: Person) -> None:
    on = D(2023, 9, 1)
    person_update(actor=world.editor_a, person=member, effective_on=on, education="upper_secondary")
    assert figures(world, on - dt.timedelta(days=1)) == (1, 0, 0, 0)
    assert figures(world, on) == (0, 1, 0, 0)
    rows = list(Profile.objects.filter(person=member).order_by("valid_from").values_list("valid_from", "valid_to"))
    assert rows == [(BORN, on), (on, None)]
    entry = AuditEntry.objects.get(action="profile.change")
    assert entry.object_id == str(member.profiles.open().get().pk)
    assert entry.before["closed"][0]["valid_to"] == str(on)


def test_the_person_keeps_the_current_values(world: World, member: Person) -> None:
    person_update(actor=world.editor_a, person=member, effective_on=D(2023, 9, 1), political_theory="elementary")
    member.refresh_from_db()
    assert member.political_theory == "elementary"


def test_a_correction_rewrites_the_open_row_and_is_audited_as_such(world: World, member: Person) -> None:
    person_update(actor=world.editor_a, person=member, correction=True, education="upper_secondary")
    assert figures(world, PAST) == (0, 1, 0, 0)  # the recorded value was wrong all along
    assert Profile.objects.filter(person=member).count() == 1
    entry = AuditEntry.objects.get(action="profile.correct")
    assert (entry.before, entry.after) == ({"education": "lower_secondary"}, {"education": "upper_secondary"})
    assert AuditEntry.objects.filter(action="person.correct").exists()


def test_an_edit_of_undated_fields_opens_no_row(world: World, member: Person) -> None:
    person_update(actor=world.editor_a, person=member, residence="Bản Pá", education="lower_secondary")
    assert Profile.objects.filter(person=member).count() == 1
    assert not AuditEntry.objects.filter(action__startswith="profile.").exists()


def test_a_change_cannot_start_on_or_before_the_open_row(world: World, member: Person) -> None:
    on = D(2023, 9, 1)
    person_update(actor=world.editor_a, person=member, effective_on=on, education="upper_secondary")
    for day in (on, on - dt.timedelta(days=1)):
        with pytest.raises(ValidationFailed) as error:
            person_update(actor=world.editor_a, person=member, effective_on=day, professional="college")
        assert "effective_on" in error.value.errors
    person_update(actor=world.editor_a, person=member, effective_on=on + dt.timedelta(days=1), professional="college")
    assert Profile.objects.filter(person=member).count() == 3


def test_a_change_cannot_be_effective_after_today(world: World, member: Person) -> None:
    with pytest.raises(ValidationFailed):
        person_update(
            actor=world.editor_a, person=member, effective_on=TODAY + dt.timedelta(days=1), education="primary"
        )
    person_update(actor=world.editor_a, person=member, effective_on=TODAY, education="primary")
    assert figures(world, TODAY - dt.timedelta(days=1))[0] == 1


def test_the_first_row_follows_a_corrected_birth_date(world: World, member: Person) -> None:
    person_update(actor=world.editor_a, person=member, birth_date=D(1989, 5, 5))
    assert member.profiles.get().valid_from == D(1989, 5, 5)


def test_the_birth_date_cannot_pass_a_recorded_change(world: World, member: Person) -> None:
    person_update(actor=world.editor_a, person=member, effective_on=D(2000, 1, 1), education="upper_secondary")
    with pytest.raises(ValidationFailed) as error:
        person_update(actor=world.editor_a, person=member, birth_date=D(2000, 1, 1))
    assert "birth_date" in error.value.errors


def test_a_member_without_a_profile_is_counted_and_flagged(world: World, member: Person) -> None:
    with person_figures_follow(member.pk):  # a repair outside the services keeps the aggregates too
        Profile.objects.filter(person=member).delete()
    stats = organization_statistics(world.province_a, PAST)
    assert (stats.members, sum(stats.education.values())) == (1, 0)
    assert stats.warnings
