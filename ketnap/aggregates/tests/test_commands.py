"""``ketnap aggregates verify`` finds a difference and exits non-zero; ``rebuild`` mends it."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ketnap.aggregates.models import MemberDelta
from ketnap.aggregates.services import rebuild
from ketnap.aggregates.tests.helpers import buckets
from ketnap.core.testing import World, build_world, make_member
from ketnap.organizations.models import Organization
from ketnap.people.models import Person, Profile

D = dt.date


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    make_member(world.cell_a, ceremony=D(2015, 3, 1))
    make_member(world.cell_b, ceremony=D(2016, 3, 1), gender="female")
    return world


def run(*args: str) -> str:
    out = StringIO()
    call_command("aggregates", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_verify_passes_when_the_aggregates_agree(world: World) -> None:
    assert "Khớp" in run("verify", "--org", "tinh-a", "--as-of", "2020-01-01")
    assert "Khớp" in run("verify")


def test_verify_reports_a_difference_and_rebuild_mends_it(world: World) -> None:
    # A repair written straight into the raw tables, past the services.
    Profile.objects.filter(person__organization=world.cell_b).update(religion="buddhism")
    with pytest.raises(CommandError) as raised:
        run("verify", "--org", "tinh-b", "--as-of", "2020-01-01")
    assert raised.value.returncode == 1
    assert "chênh lệch" in str(raised.value)
    run("rebuild", "--org", "tinh-b")
    assert "Khớp" in run("verify", "--org", "tinh-b", "--as-of", "2020-01-01")
    assert "Khớp" in run("verify")  # the nation above it was corrected too


def test_rebuild_of_a_subtree_carries_the_correction_up(world: World) -> None:
    Person.objects.filter(organization=world.cell_a).update(gender="female")
    with pytest.raises(CommandError):
        run("verify", "--org", "vn", "--as-of", "2024-01-01")
    run("rebuild", "--org", "chi-bo-a")
    assert "Khớp" in run("verify", "--org", "vn", "--as-of", "2024-01-01")


def test_a_full_rebuild_writes_the_rows_the_services_kept(world: World) -> None:
    kept = buckets()
    assert kept
    run("rebuild")
    assert buckets() == kept


def test_bad_input_is_a_clear_error(world: World) -> None:
    with pytest.raises(CommandError, match="không-có"):
        run("verify", "--org", "không-có")
    with pytest.raises(CommandError):
        run("verify", "--as-of", "31/02/2020")


def test_only_the_large_subtrees_are_aggregated(world: World) -> None:
    aggregated = set(MemberDelta.objects.values_list("organization__code", flat=True).distinct())
    assert aggregated == {"vn", "tinh-a", "huyen-a", "tinh-b"}


@pytest.mark.parametrize("code", [None, "tinh-a", "chi-bo-a"])
def test_a_rebuild_reports_its_steps_up_to_the_last(world: World, code: str | None) -> None:
    steps: list[tuple[int, int]] = []
    org = Organization.objects.get(code=code) if code else None
    rebuild(org, progress=lambda done, total: steps.append((done, total)))
    total = steps[0][1]
    assert [done for done, _ in steps] == list(range(1, total + 1))
    assert {total for _, total in steps} == {total}
