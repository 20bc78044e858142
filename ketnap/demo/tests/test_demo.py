"""The demo data set reproduces the figures of the source reports.

The full demo is built once for this module and rolled back afterwards, so other
test modules start from an empty database and an empty audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models import Count
from django.utils import timezone

from ketnap.admission.models import Prospect
from ketnap.core import policy
from ketnap.demo import dien_bien, lai_chau, muong_lat, tho_xuan
from ketnap.demo.loader import delete_demo
from ketnap.demo.tests import alive
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.demo.users import COMMUNE, PASSWORD, logins
from ketnap.organizations.models import Locality, LocalityCell, Organization, OrgKind, Program, Reorganization, Sector
from ketnap.people.models import MembershipEvent, Person, Profile, StatusPeriod, SupportAssignment
from ketnap.people.status import EventKind, Status
from ketnap.reports.selectors import admissions_between, organization_statistics

D = dt.date


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker) as out:
        yield out


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def parent_code(node: Organization) -> str:
    return Organization.objects.get(path=node.path[: -node.steplen]).code


def children(node: Organization) -> list[Organization]:
    return list(Organization.objects.in_subtree(node).filter(depth=node.depth + 1))


def members_in(orgs: list[Organization], on: dt.date) -> int:
    return StatusPeriod.objects.members().as_of(on).filter(organization__in=orgs).count()


@pytest.mark.django_db
def test_every_person_has_one_open_profile_row_from_birth() -> None:
    assert Profile.objects.count() == Person.objects.count()
    assert not Person.objects.exclude(profiles__valid_from=models.F("birth_date")).exists()


@pytest.mark.django_db
def test_organizations_are_found_without_diacritics() -> None:
    from ketnap.organizations.selectors import organization_list

    assert not Organization.objects.filter(search_name="").exists()
    admin = authenticate(username="admin", password=PASSWORD)
    found = organization_list(admin, as_of=D(2021, 12, 31), query="muong te")
    assert "Mường Tè" in found.first().name


@pytest.mark.django_db
def test_lai_chau_figures_at_the_end_of_2021() -> None:
    stats = organization_statistics(org("lai-chau"), D(2021, 12, 31))
    assert (stats.members, stats.probationary, stats.women, stats.ethnic_minority) == (30044, 1393, 10182, 15984)
    assert stats.grassroots_organizations == 526
    assert {k: v for k, v in stats.organizations_by_kind.items() if v} == {
        "upper": 12,
        "grassroots_committee": 185,
        "grassroots_cell": 341,
        "partial_committee": 3,
        "subordinate_cell": 1908,
    }
    assert stats.warnings == []


@pytest.mark.django_db
def test_lai_chau_admitted_1022_in_2021_with_the_rural_figures_of_four_districts() -> None:
    assert admissions_between(org("lai-chau"), D(2021, 1, 1), D(2021, 12, 31)) == 1022
    for district, expected in lai_chau.RURAL_ADMISSIONS_2021.items():
        rural = Organization.objects.in_subtree(org(district)).filter(sector=Sector.COMMUNE)
        communes = rural.filter(kind__in=OrgKind.grassroots())
        assert sum(admissions_between(c, D(2021, 1, 1), D(2021, 12, 31)) for c in communes) == expected


@pytest.mark.django_db
def test_probation_ended_in_2021_but_recognized_in_2022_still_counts_as_probationary() -> None:
    late = MembershipEvent.objects.filter(
        kind=EventKind.RECOGNIZED,
        date__year=2022,
        effective_date__lte=D(2021, 12, 31),
        person__organization__path__startswith=org("lai-chau").path,
    ).values("person")
    assert late.count() == lai_chau.RECOGNIZED_IN_2022
    on_year_end = StatusPeriod.objects.as_of(D(2021, 12, 31)).filter(person__in=late)
    assert set(on_year_end.values_list("status", flat=True)) == {Status.PROBATIONARY}


@pytest.mark.django_db
def test_lai_chau_keeps_history_of_members_who_left() -> None:
    ended = MembershipEvent.objects.filter(
        kind__in=[EventKind.DIED, EventKind.REMOVED], organization__isnull=True, date__lt=D(2021, 12, 31)
    )
    assert ended.count() >= 150
    nobody_counted = StatusPeriod.objects.members().as_of(D(2021, 12, 31)).filter(person__events__in=ended)
    assert not nobody_counted.exists()


@pytest.mark.django_db
def test_everyone_was_at_least_18_at_admission() -> None:
    for birth, admitted in MembershipEvent.objects.filter(kind=EventKind.ADMITTED).values_list(
        "person__birth_date", "date"
    )[:5000]:
        assert (admitted.year - birth.year - ((admitted.month, admitted.day) < (birth.month, birth.day))) >= 18


@pytest.mark.django_db
def test_muong_lat_program_covers_24_cells_with_322_members_and_13_admitted_in_2022() -> None:
    program = Program.objects.get(code=muong_lat.PROGRAM_CODE)
    cells = list(program.organizations.all())
    assert len(cells) == 24
    assert program.owner.code == "muong-lat"
    assert {parent_code(c) for c in cells} == {"tam-chung", "muong-ly", "trung-ly"}
    assert members_in(cells, D(2022, 12, 31)) == 322
    for commune, expected in muong_lat.ADMITTED_2022.items():
        assert admissions_between(org(commune), D(2022, 1, 1), D(2022, 12, 31)) == expected


@pytest.mark.django_db
def test_muong_lat_has_members_overdue_for_recognition_in_early_2023() -> None:
    overdue = (
        StatusPeriod.objects.as_of(D(2023, 1, 15))
        .filter(status=Status.PROBATIONARY, organization__path__startswith=org("muong-lat").path)
        .filter(person__events__kind=EventKind.CEREMONY, person__events__date__lt=D(2022, 1, 1))
    )
    assert overdue.count() == muong_lat.OVERDUE


@pytest.mark.django_db
def test_muong_lat_village_cells_supporters_localities_and_heads() -> None:
    on = D(2022, 12, 31)
    kinds = set(SupportAssignment.objects.as_of(on).values_list("kind", flat=True))
    assert kinds == {"border_guard", "police", "military", "teacher"}
    joint = LocalityCell.objects.as_of(on).values("cell").annotate(n=Count("locality")).filter(n__gt=1).values("cell")
    assert len(joint) == 2
    localities = Locality.objects.filter(commune__path__startswith=org("muong-lat").path)
    assert localities.exists()
    assert not localities.filter(hardship_area=False).exists()
    assert all(loc.heads.as_of(on).count() == 1 for loc in localities)


@pytest.mark.django_db
def test_muong_lat_exists_in_2022_but_not_after_the_2025_reform() -> None:
    out = StringIO()
    call_command("report", "statistics", "--org", "muong-lat", "--as-of", "2022-12-31", stdout=out)
    assert json.loads(out.getvalue())["members"] > 322
    with pytest.raises(CommandError, match="không tồn tại"):
        call_command("report", "statistics", "--org", "muong-lat", "--as-of", "2026-01-01", stdout=StringIO())


@pytest.mark.django_db
def test_reform_moves_every_member_to_the_new_commune_committees() -> None:
    before = organization_statistics(org("muong-lat"), D(2025, 6, 30)).members
    new = [code for code, _, _ in muong_lat.COMMUNES]
    after = sum(
        organization_statistics(org("xa-" + ("muong-lat" if c == "tt-muong-lat" else c)), D(2026, 1, 1)).members
        for c in new
    )
    assert before == after > 0
    record = Reorganization.objects.get(effective_on=muong_lat.REFORM)
    assert record.closed.filter(code="muong-lat").exists()
    assert record.opened.filter(code="xa-muong-ly").exists()
    assert parent_code(org("xa-muong-ly")) == "thanh-hoa"
    assert not Organization.objects.as_of(muong_lat.REFORM).in_subtree(org("muong-lat")).exists()
    moved = MembershipEvent.objects.filter(date=muong_lat.REFORM)
    assert moved.filter(kind=EventKind.TRANSFERRED_OUT).count() == moved.filter(kind=EventKind.TRANSFERRED_IN).count()


@pytest.mark.django_db
def test_muong_ang_town_in_may_2020() -> None:
    stats = organization_statistics(org(dien_bien.TOWN), dien_bien.REPORT_DATE)
    assert stats.members == 247
    assert stats.organizations_by_kind["subordinate_cell"] == 15
    assert admissions_between(org(dien_bien.TOWN), dien_bien.TERM_START, dien_bien.REPORT_DATE) == 45
    assert admissions_between(org(dien_bien.CELL_TDP_9), D(2019, 1, 1), D(2019, 12, 31)) == 1


@pytest.mark.django_db
def test_tho_xuan_30_communes_and_292_admitted_by_31_july_2023() -> None:
    district = org(tho_xuan.CODE)
    communes = [c for c in children(district) if c.sector in Sector.communes()]
    assert len(communes) == 30
    first, last = D(2023, 1, 1), tho_xuan.REPORT_DATE
    assert admissions_between(district, first, last) == 292
    assert sum(admissions_between(c, first, last) for c in communes) == 124
    for code, expected in tho_xuan.ADMITTED_2023_BY_COMMUNE.items():
        assert admissions_between(org(f"tx-{code}"), first, last) == expected


@pytest.mark.django_db
def test_the_nation_adds_up_the_provinces() -> None:
    on = D(2021, 12, 31)
    nation = organization_statistics(org("vn"), on)
    provinces = [organization_statistics(p, on) for p in children(org("vn"))]
    assert nation.members == sum(p.members for p in provinces)
    assert nation.organizations_by_kind["provincial"] == 3


@pytest.mark.django_db
def test_the_commune_of_the_demo_logins_has_work_on_time_due_soon_and_overdue_today() -> None:
    today = timezone.localdate()
    commune = org(COMMUNE)
    alive.assert_alive(commune, today)
    assert Prospect.objects.filter(cell__path__startswith=commune.path, left_on__isnull=True).exists()
    alive.assert_nothing_waits_for_an_authority(today)


@pytest.mark.django_db
def test_hometowns_and_residences_are_villages_not_cells() -> None:
    alive.assert_people_live_in_villages()
    village = Person.objects.filter(organization__code="lc-phong-tho-xa-ban-lang-cb-08")  # Chi bộ bản Púng Ngà
    assert village.filter(residence="Bản Púng Ngà").count() > village.count() * 0.9 > 0


@pytest.mark.django_db
def test_demo_logins_work_with_the_printed_password(demo: str) -> None:
    for login in logins():
        assert login.username in demo
        user = authenticate(username=login.username, password=PASSWORD)
        assert user is not None
        assert policy.can(user, policy.Action.VIEW, org(login.organization))
    assert not policy.can(authenticate(username="xa.xem", password=PASSWORD), policy.Action.VIEW, org("lai-chau"))


@pytest.mark.django_db
def test_running_again_changes_nothing() -> None:
    counts = [m.objects.count() for m in (Organization, Person, MembershipEvent, StatusPeriod, LocalityCell)]
    out = StringIO()
    call_command("demo", stdout=out)
    assert "không thay đổi" in out.getvalue()
    assert [m.objects.count() for m in (Organization, Person, MembershipEvent, StatusPeriod, LocalityCell)] == counts


@pytest.mark.django_db
def test_report_command_gives_the_lai_chau_figures() -> None:
    out = StringIO()
    call_command("report", "statistics", "--org", "lai-chau", "--as-of", "2021-12-31", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert {k: data[k] for k in ("members", "probationary", "women", "ethnic_minority")} == {
        "members": 30044,
        "probationary": 1393,
        "women": 10182,
        "ethnic_minority": 15984,
    }
    assert data["grassroots_organizations"] == 526
    assert data["organizations_by_kind"]["subordinate_cell"] == 1908


def test_delete_removes_every_demo_row_and_keeps_audit(db: None) -> None:
    from ketnap.audit.models import AuditEntry

    audit = AuditEntry.objects.count()
    delete_demo(echo=lambda line: None)
    assert not Organization.objects.exists()
    assert not Person.objects.exists()
    assert not Program.objects.exists()
    assert not Reorganization.objects.exists()
    assert not Locality.objects.exists()
    assert AuditEntry.objects.count() == audit
