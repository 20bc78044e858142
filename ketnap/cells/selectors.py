"""Reads of cell life: the roster of a cell on a date, meetings, the dues grid, monthly
regularity, the composition and away flags, the removal trigger per member, the open
review tasks. The pages and the API scope the organization first (``organization_get``)
and every list here is read through ``policy.scope`` or inside that organization's subtree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from ketnap.cells.models import (
    Absence,
    Attendance,
    AwayRecord,
    DuesPayment,
    GroupPilot,
    Meeting,
    MeetingKind,
    ReviewState,
    ReviewTask,
)
from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.models import Person, Position, PositionKind, StatusPeriod
from ketnap.people.status import Status
from ketnap.rules import Finding
from ketnap.rules import cell_life as rules
from ketnap.rules.cell_life_editions import CellEdition, cell_edition_on

COMMITTEE_KINDS = (PositionKind.COMMITTEE_MEMBER, PositionKind.STANDING_MEMBER)


def cell_edition(on: dt.date) -> CellEdition:
    """The cell-life edition of ``on`` with the removal switches of the deployment's settings."""
    item = cell_edition_on(on)
    params = replace(
        item.parameters,
        removal_calendar_year=getattr(settings, "CELL_REMOVAL_YEAR", "calendar") != "rolling",
        removal_consecutive=getattr(settings, "CELL_REMOVAL_COUNT", "cumulative") == "consecutive",
    )
    return replace(item, parameters=params)


def is_cell(org: Organization) -> bool:
    return org.kind in OrgKind.cells()


def cells_in(org: Organization, on: dt.date) -> QuerySet[Organization]:
    """The cells of ``org``'s subtree open on ``on``, in tree order."""
    cells: QuerySet[Organization] = Organization.objects.as_of(on).in_subtree(org).filter(kind__in=OrgKind.cells())
    return cells.order_by("path")


# --- Roster -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """A member of a cell on a date; ``elsewhere`` when on temporary activity in another
    organization (not expected at this cell's meetings, not counted in its votes)."""

    person: Person
    status: str
    elsewhere: bool

    @property
    def votes(self) -> bool:
        return self.status == Status.OFFICIAL and not self.elsewhere


def roster(cell: Organization, on: dt.date) -> list[RosterRow]:
    """The cell's own members on ``on`` by name; members hosted here temporarily are
    counted at their home cell and are not on it."""
    periods = (
        StatusPeriod.objects.as_of(on)
        .members()
        .filter(organization=cell)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    )
    return [RosterRow(p.person, p.status, p.host_organization_id is not None) for p in periods]


# --- Meetings -----------------------------------------------------------------------------


def meetings(user: Any, org: Organization, first: dt.date, last: dt.date) -> QuerySet[Meeting]:
    """Meetings of ``org``'s subtree between two dates, newest first."""
    rows = Meeting.objects.filter(cell__path__startswith=org.path, date__gte=first, date__lte=last)
    return policy.scope(user, rows, Action.VIEW).select_related("cell").order_by("-date", "cell__path", "-pk")


def meeting_get(user: Any, pk: int) -> Meeting:
    meeting = policy.scope(user, Meeting.objects.filter(pk=pk), Action.VIEW).select_related("cell").first()
    if meeting is None:
        raise NotFound()
    return meeting


def attendance_of(meeting: Meeting) -> dict[int, Attendance]:
    return {a.person_id: a for a in meeting.attendance.all()}


def helper_reports(meeting: Meeting) -> list[Any]:
    """The helpers' reports on the cell's sympathisers heard at this meeting (recorded
    with the source of admission, on the meeting's date)."""
    from ketnap.admission.models import ProgressNote

    notes = ProgressNote.objects.filter(prospect__cell=meeting.cell, meeting_on=meeting.date)
    return list(notes.select_related("prospect__person", "reported_by").order_by("pk"))


# --- Dues ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuesRow:
    person: Person
    paid: bool | None  # None: not recorded
    amount: int | None


def dues_grid(cell: Organization, month: dt.date) -> list[DuesRow]:
    """Every member of the cell at the end of ``month`` with the month's dues as recorded."""
    last = rules.shift_month(month, 1) - dt.timedelta(days=1)
    paid = {d.person_id: d for d in DuesPayment.objects.filter(cell=cell, month=month)}
    rows = []
    for row in roster(cell, min(last, policy.today()) if month <= policy.today() else month):
        record = paid.get(row.person.pk)
        rows.append(DuesRow(row.person, record.paid if record else None, record.amount if record else None))
    return rows


@dataclass(frozen=True)
class DuesShare:
    members: int
    paid: int

    @property
    def ratio(self) -> float | None:
        return self.paid / self.members if self.members else None


@reading_from_replica()
def dues_share(org: Organization, month: dt.date, on: dt.date) -> DuesShare:
    """Members of ``org``'s subtree on ``on`` and how many of them paid ``month``'s dues."""
    members = StatusPeriod.objects.as_of(on).members().filter(organization__path__startswith=org.path)
    paid = DuesPayment.objects.filter(
        month=month, paid=True, person_id__in=members.values("person_id"), cell__path__startswith=org.path
    )
    return DuesShare(members.count(), paid.count())


# --- Regularity ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegularityRow:
    cell: Organization
    months: int
    held: int
    missed: list[dt.date]


def _pilot_cells(org: Organization, first: dt.date, last: dt.date) -> dict[int, list[GroupPilot]]:
    pilots: dict[int, list[GroupPilot]] = defaultdict(list)
    overlapping = Q(valid_from__lte=last) & (Q(valid_to__isnull=True) | Q(valid_to__gt=first))
    for pilot in GroupPilot.objects.filter(overlapping, cell__path__startswith=org.path):
        pilots[pilot.cell_id].append(pilot)
    return pilots


def _held(org: Organization, first: dt.date, last: dt.date) -> dict[int, dict[dt.date, rules.MonthMeetings]]:
    held: dict[int, dict[dt.date, rules.MonthMeetings]] = defaultdict(dict)
    rows = Meeting.objects.filter(cell__path__startswith=org.path, date__gte=first, date__lte=last)
    for cell_id, day, kind in rows.values_list("cell_id", "date", "kind"):
        month = rules.month_start(day)
        was = held[cell_id].get(month, rules.MonthMeetings(month))
        group = kind == MeetingKind.GROUP
        held[cell_id][month] = rules.MonthMeetings(month, was.cell_meetings + (not group), was.group_meetings + group)
    return held


def _member_counts(org: Organization, on: dt.date, status: str | None = None) -> dict[int, int]:
    """Members (or members of ``status``) of each organization of ``org``'s subtree on ``on``."""
    periods = StatusPeriod.objects.as_of(on).members().filter(organization__path__startswith=org.path)
    if status is not None:
        periods = periods.filter(status=status)
    grouped = periods.order_by().values("organization_id").annotate(members=Count("pk"))
    counts: dict[int, int] = defaultdict(int)
    counts.update(grouped.values_list("organization_id", "members"))
    return counts


@reading_from_replica()
def regularity(org: Organization, first: dt.date, last: dt.date) -> list[RegularityRow]:
    """Each cell of ``org``'s subtree open on ``last``: months of the period it existed,
    months with a meeting that counts, and the months it missed (domain §11 rule 26)."""
    last = min(last, policy.today())
    cells = list(cells_in(org, last))
    held, pilots, counts = _held(org, first, last), _pilot_cells(org, first, last), _member_counts(org, last)
    rows, edition = [], cell_edition(last)
    for cell in cells:
        months = rules.months_in(max(first, cell.valid_from), last)
        pilot = any(p.is_valid_on(last) for p in pilots.get(cell.pk, []))
        applies = rules.pilot_applies(last, pilot, counts.get(cell.pk, 0), edition)
        missed = rules.missed_months(held.get(cell.pk, {}), months, pilot=applies, cell=edition)
        rows.append(RegularityRow(cell, len(months), len(months) - len(missed), missed))
    return rows


# --- Flags --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """One thing a cell should settle: ``person`` is None for the cell's own flags."""

    cell: Organization
    person: Person | None
    finding: Finding


@reading_from_replica()
def composition_flags(org: Organization, on: dt.date) -> list[Flag]:
    """Cells with fewer than 3 official members, or 9 or more without a committee."""
    cells = list(cells_in(org, on))
    official = _member_counts(org, on, Status.OFFICIAL)
    committees = set(
        Position.objects.as_of(on)
        .filter(organization__path__startswith=org.path, kind__in=COMMITTEE_KINDS)
        .values_list("organization_id", flat=True)
    )
    edition = cell_edition(on)
    return [
        Flag(cell, None, finding)
        for cell in cells
        for finding in rules.check_composition(official[cell.pk], cell.pk in committees, edition)
    ]


@reading_from_replica()
def away_flags(org: Organization, on: dt.date) -> list[Flag]:
    """Members away on ``on`` for months with neither a temporary transfer nor an exemption."""
    away = AwayRecord.objects.as_of(on).filter(cell__path__startswith=org.path).select_related("cell", "person")
    periods = {
        p.person_id: p for p in StatusPeriod.objects.as_of(on).members().filter(person_id__in=away.values("person_id"))
    }
    flags, edition = [], cell_edition(on)
    for record in away:
        period = periods.get(record.person_id)
        if period is None:
            continue
        transferred, exempted = period.host_organization_id is not None, period.status == Status.EXEMPTED
        found = rules.check_away(record.valid_from, on, transferred=transferred, exempted=exempted, cell=edition)
        flags += [Flag(record.cell, record.person, f) for f in found]
    return flags


def away_records(org: Organization, on: dt.date) -> QuerySet[AwayRecord]:
    return AwayRecord.objects.as_of(on).filter(cell__path__startswith=org.path).select_related("cell", "person")


@reading_from_replica()
def missed_flags(org: Organization, first: dt.date, last: dt.date) -> list[Flag]:
    flags = []
    for row in regularity(org, first, last):
        edition = cell_edition(last)
        flags += [Flag(row.cell, None, f) for f in rules.check_monthly_meetings(row.missed, edition)]
    return flags


# --- Removal trigger ----------------------------------------------------------------------


def _window(on: dt.date) -> tuple[dt.date, dt.date]:
    months = rules.removal_window(on, cell_edition(on))
    return months[0], rules.shift_month(months[-1], 1) - dt.timedelta(days=1)


def _absences(org: Organization, first: dt.date, last: dt.date) -> dict[int, set[dt.date]]:
    """For each person, the months with an unexcused absence and no presence at any meeting."""
    unexcused: dict[int, set[dt.date]] = defaultdict(set)
    present: dict[int, set[dt.date]] = defaultdict(set)
    rows = Attendance.objects.filter(
        meeting__cell__path__startswith=org.path, meeting__date__gte=first, meeting__date__lte=last
    ).values_list("person_id", "meeting__date", "absence")
    for person_id, day, absence in rows:
        if absence == Absence.PRESENT:
            present[person_id].add(rules.month_start(day))
        elif absence == Absence.UNEXCUSED:
            unexcused[person_id].add(rules.month_start(day))
    return {person_id: months - present[person_id] for person_id, months in unexcused.items()}


def _unpaid(org: Organization, first: dt.date, last: dt.date) -> dict[int, set[dt.date]]:
    result: dict[int, set[dt.date]] = defaultdict(set)
    rows = DuesPayment.objects.filter(cell__path__startswith=org.path, month__gte=first, month__lte=last, paid=False)
    for person_id, month in rows.values_list("person_id", "month"):
        result[person_id].add(month)
    return result


def _excused(person_ids: Iterable[int], first: dt.date, last: dt.date) -> dict[int, set[dt.date]]:
    """Months a valid reason covers: exempted, on temporary activity elsewhere, away with a valid reason."""
    result: dict[int, set[dt.date]] = defaultdict(set)
    overlap = Q(start__lte=last) & (Q(end__isnull=True) | Q(end__gt=first))
    periods = StatusPeriod.objects.filter(overlap, person_id__in=person_ids).filter(
        Q(status=Status.EXEMPTED) | Q(host_organization__isnull=False)
    )
    for person_id, start, end in periods.values_list("person_id", "start", "end"):
        result[person_id] |= set(rules.months_in(max(start, first), min(end or last, last)))
    away_overlap = Q(valid_from__lte=last) & (Q(valid_to__isnull=True) | Q(valid_to__gt=first))
    away = AwayRecord.objects.filter(away_overlap, person_id__in=person_ids, excused=True)
    for person_id, start, end in away.values_list("person_id", "valid_from", "valid_to"):
        result[person_id] |= set(rules.months_in(max(start, first), min(end or last, last)))
    return result


@dataclass(frozen=True)
class Trigger:
    cell: Organization
    person: Person
    findings: list[Finding]
    period: dt.date


def removal_triggers(org: Organization, on: dt.date) -> list[Trigger]:
    """Members of ``org``'s subtree on ``on`` who reach the removal trigger (§11 rule 27)."""
    first, last = _window(on)
    last = min(last, on)
    periods = list(
        StatusPeriod.objects.as_of(on)
        .members()
        .filter(organization__path__startswith=org.path)
        .select_related("person", "organization")
    )
    ids = [p.person_id for p in periods]
    absences, unpaid, excused = _absences(org, first, last), _unpaid(org, first, last), _excused(ids, first, last)
    edition, triggers = cell_edition(on), []
    for period in periods:
        pid = period.person_id
        months = [
            rules.MemberMonth(m, m in absences.get(pid, set()), m in unpaid[pid], m in excused[pid])
            for m in rules.months_in(first, last)
        ]
        found = rules.check_removal(months, on, edition, probationary=period.status == Status.PROBATIONARY)
        if found and period.organization is not None:
            triggers.append(Trigger(period.organization, period.person, found, first))
    return triggers


def review_tasks(user: Any, org: Organization, *, open_only: bool = True) -> QuerySet[ReviewTask]:
    rows = ReviewTask.objects.filter(cell__path__startswith=org.path)
    if open_only:
        rows = rows.filter(state=ReviewState.OPEN)
    return policy.scope(user, rows, Action.VIEW).select_related("cell", "person").order_by("due_on", "pk")


def review_task_get(user: Any, pk: int) -> ReviewTask:
    task = policy.scope(user, ReviewTask.objects.filter(pk=pk), Action.VIEW).select_related("cell", "person").first()
    if task is None:
        raise NotFound()
    return task
