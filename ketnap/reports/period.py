"""The change in membership of a subtree over a period (tăng, giảm đảng viên, Biểu 1).

The counts come from the status periods, the same projection the statistics read,
so the members at the start (the day before ``first``) plus the increases minus the
decreases are the members on ``last``, always: every stretch a person spends as a
member inside the subtree is one run; a run that begins in the period is an
increase, one that ends in it a decrease. Each is then named by the ledger events of
its day (an admission ceremony, a transfer, a removal…). A transfer between two
organizations of the subtree moves the member from one run to the same run, so it
is neither an increase nor a decrease of the subtree.

Recognition as an official member changes the status, not the number, and is
reported beside the change. Admission decisions of the period are reported too:
the reports count "admitted in 2021" by the decision (see ``admissions_between``),
while a member is on the rolls from the ceremony.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.errors import NotValidOnDate, ValidationFailed
from ketnap.lib.dates import dmy
from ketnap.membership.models import LedgerEntry
from ketnap.organizations.models import Organization
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.status import MEMBER_STATUSES, Event, EventKind, effective_events
from ketnap.reports.selectors import admissions_between
from ketnap.rules.membership import LedgerEvent

INCREASES = ("admitted", "readmitted", "transferred_in", "other")
DECREASES = ("transferred_out", "removed", "resigned", "expelled", "died", "other")
ONE_DAY = dt.timedelta(days=1)
_TRANSFERS = (EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT)
_ADMISSIONS = (EventKind.ADMITTED, EventKind.READMITTED)


@dataclass(frozen=True)
class Run:
    """One person's unbroken stretch as a member inside the subtree: [start, end)."""

    person_id: int
    start: dt.date
    end: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Change:
    """Members of one subtree at the start and end of a period and what moved them."""

    organization_code: str
    organization_name: str
    first: dt.date
    last: dt.date
    start: int  # members at the end of the day before ``first``
    increases: dict[str, int]
    decreases: dict[str, int]
    end: int  # members on ``last``
    recognized: int  # probationary members recognized as official (a change of status)
    admission_decisions: int  # admission decisions dated in the period (by decision date)
    notes: list[str] = field(default_factory=list)

    @property
    def increased(self) -> int:
        return sum(self.increases.values())

    @property
    def decreased(self) -> int:
        return sum(self.decreases.values())

    @property
    def reconciled(self) -> bool:
        return self.start + self.increased - self.decreased == self.end

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data |= {"first": self.first.isoformat(), "last": self.last.isoformat()}
        data |= {"increased": self.increased, "decreased": self.decreased, "reconciled": self.reconciled}
        return data


def runs(spans: Iterable[tuple[int, dt.date, dt.date | None]]) -> list[Run]:
    """Merge each person's member spans inside the subtree that touch into runs."""
    merged: list[Run] = []
    for person_id, start, end in sorted(spans, key=lambda s: (s[0], s[1])):
        last = merged[-1] if merged else None
        if last is not None and last.person_id == person_id and last.end == start:
            merged[-1] = Run(person_id, last.start, end)
        else:
            merged.append(Run(person_id, start, end))
    return merged


def _entry_cause(events: Sequence[Event], day: dt.date) -> str:
    today = [e for e in events if e.date == day]
    if any(e.kind in _TRANSFERS for e in today):
        return "transferred_in"
    if any(e.kind is EventKind.CEREMONY for e in today):
        admission = [e for e in events if e.kind in _ADMISSIONS and e.date <= day]
        return "readmitted" if admission and admission[-1].kind is EventKind.READMITTED else "admitted"
    return "other"


_EXITS = {EventKind.EXPELLED: "expelled", EventKind.DIED: "died", EventKind.REMOVED: "removed"}


def _exit_cause(events: Sequence[Event], day: dt.date, leaving: set[int]) -> str:
    today = [e for e in events if e.date == day]
    if any(e.kind in _TRANSFERS for e in today):
        return "transferred_out"
    for event in today:
        if event.kind in _EXITS:
            return "resigned" if event.id in leaving else _EXITS[event.kind]
    return "other"


@dataclass(frozen=True)
class Tally:
    start: int
    end: int
    increases: dict[str, int]
    decreases: dict[str, int]


def tally(
    all_runs: Sequence[Run],
    events: dict[int, list[Event]],
    first: dt.date,
    last: dt.date,
    leaving: set[int] | None = None,
) -> Tally:
    """Count the runs at both ends of [first, last] and name the ones that begin or end
    in it by the person's effective events of that day (pure: no database)."""
    increases, decreases = dict.fromkeys(INCREASES, 0), dict.fromkeys(DECREASES, 0)
    before = first - ONE_DAY
    for run in all_runs:
        history = events.get(run.person_id, [])
        if first <= run.start <= last:
            increases[_entry_cause(history, run.start)] += 1
        if run.end is not None and first <= run.end <= last:
            decreases[_exit_cause(history, run.end, leaving or set())] += 1
    start = sum(1 for run in all_runs if run.holds_on(before))
    end = sum(1 for run in all_runs if run.holds_on(last))
    return Tally(start, end, increases, decreases)


def _member_spans(org: Organization, first: dt.date, last: dt.date) -> list[tuple[int, dt.date, dt.date | None]]:
    rows = StatusPeriod.objects.filter(
        Q(end__isnull=True) | Q(end__gte=first),
        status__in=[s.value for s in MEMBER_STATUSES],
        organization__path__startswith=org.path,
        start__lte=last,
    ).values_list("person_id", "start", "end")
    return list(rows)


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for index in range(0, len(ids), size):
        yield ids[index : index + size]


def _events_of(person_ids: Sequence[int], last: dt.date) -> dict[int, list[Event]]:
    """The effective ledger events up to ``last`` of the given people, in order."""
    raw: dict[int, list[Event]] = defaultdict(list)
    for chunk in _chunks(person_ids):
        for event in MembershipEvent.objects.filter(person_id__in=chunk, date__lte=last):
            raw[event.person_id].append(event.as_event())
    return {person_id: effective_events(events) for person_id, events in raw.items()}


def _leaving_ids(events: dict[int, list[Event]], first: dt.date, last: dt.date) -> set[int]:
    """Removal events that were a voluntary leaving (xin ra khỏi Đảng)."""
    removals = [e.id for evs in events.values() for e in evs if e.kind is EventKind.REMOVED and first <= e.date <= last]
    found: set[int] = set()
    for chunk in _chunks(removals):
        entries = LedgerEntry.objects.filter(event_id__in=chunk, form=LedgerEvent.LEAVING)
        found |= set(entries.values_list("event_id", flat=True))
    return found


def _recognized(org: Organization, all_runs: Sequence[Run], first: dt.date, last: dt.date) -> int:
    """Recognitions decided in the period for people who were members inside then."""
    by_person: dict[int, list[Run]] = defaultdict(list)
    for run in all_runs:
        by_person[run.person_id].append(run)
    inside = StatusPeriod.objects.filter(organization__path__startswith=org.path).values("person_id")
    decided = MembershipEvent.objects.filter(
        kind=EventKind.RECOGNIZED, date__range=(first, last), superseded_by__isnull=True, person_id__in=inside
    ).values_list("person_id", "date")
    return sum(1 for person_id, day in decided if any(r.holds_on(day) for r in by_person.get(person_id, [])))


def check_period(first: dt.date, last: dt.date) -> None:
    if first > last:
        message = _("Ngày bắt đầu kỳ báo cáo phải trước hoặc bằng ngày kết thúc.")
        raise ValidationFailed({"first": [message]}, message=message)


def check_exists(org: Organization, first: dt.date, last: dt.date) -> None:
    if not (org.is_valid_on(last) or org.is_valid_on(first)):
        message = _("Tổ chức %(code)s không tồn tại trong kỳ từ %(first)s đến %(last)s.")
        raise NotValidOnDate(message % {"code": org.code, "first": dmy(first), "last": dmy(last)}, field="last")


@reading_from_replica()
def membership_change(org: Organization, first: dt.date, last: dt.date) -> Change:
    """The change in members of ``org``'s subtree from ``first`` to ``last`` (inclusive)."""
    check_period(first, last)
    check_exists(org, first, last)
    all_runs = runs(_member_spans(org, first, last))
    moving = sorted({r.person_id for r in all_runs if first <= r.start <= last or r.end is not None})
    events = _events_of(moving, last)
    counts = tally(all_runs, events, first, last, _leaving_ids(events, first, last))
    return Change(
        organization_code=org.code,
        organization_name=org.name,
        first=first,
        last=last,
        start=counts.start,
        increases=counts.increases,
        decreases=counts.decreases,
        end=counts.end,
        recognized=_recognized(org, all_runs, first, last),
        admission_decisions=admissions_between(org, first, last),
        notes=_notes(counts),
    )


def _notes(counts: Tally) -> list[str]:
    notes = []
    if counts.increases["other"] or counts.decreases["other"]:
        notes.append(_("Có thay đổi không gắn với quyết định về đảng tịch (ví dụ tổ chức chuyển trực thuộc)."))
    return notes


def change_for(user: Any, org: Organization, first: dt.date, last: dt.date) -> Change:
    """The change as ``user`` may see it: the organization must be in view (404 otherwise)."""
    if user is not None:
        policy.require(user, policy.Action.VIEW, org)
    return membership_change(org, first, last)
