"""Membership status derived from dated events: pure functions, no Django.

The events are the ledger; the status periods are a projection rebuilt from them
whenever they change (and by the demo loader in bulk), so status on any date and
party age are answered the same way everywhere.

Status changes on the date an event is *decided*. In particular a probationary
member stays probationary until the recognition decision, even though the
decision makes them official retroactively from ceremony + 12 months (QĐ 29/24
4.2b): a report as of a past date therefore gives the same answer tomorrow, and
the retroactive official date is kept on the event as ``effective_date``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    ADMITTED = "admitted"  # admission decision signed: the party-age anchor
    CEREMONY = "ceremony"  # admission ceremony: probation starts
    RECOGNIZED = "recognized"  # recognition decision; effective_date = official date
    TRANSFERRED_IN = "transferred_in"
    TRANSFERRED_OUT = "transferred_out"
    TEMPORARY_OUT = "temporary_out"  # temporary activity in another organization
    TEMPORARY_RETURN = "temporary_return"
    EXEMPTED = "exempted"
    EXEMPTION_ENDED = "exemption_ended"
    REMOVED = "removed"  # xóa tên
    EXPELLED = "expelled"  # khai trừ
    READMITTED = "readmitted"  # readmission decision
    DIED = "died"
    VOID = "void"  # annuls the event it supersedes: a correction, never an erasure


class Status(StrEnum):
    CANDIDATE = "candidate"  # decided but not yet admitted at a ceremony
    PROBATIONARY = "probationary"
    OFFICIAL = "official"
    EXEMPTED = "exempted"


MEMBER_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED)

# Same-day events apply in procedure order.
_ORDER = {kind: index for index, kind in enumerate(EventKind)}


@dataclass(frozen=True)
class Event:
    id: int
    kind: EventKind
    date: dt.date
    organization_id: int | None = None
    other_organization_id: int | None = None
    effective_date: dt.date | None = None
    arrives_as: Status | None = None
    supersedes_id: int | None = None


@dataclass(frozen=True)
class Period:
    """One stretch of unchanged status: [start, end), ``end`` None while it lasts."""

    status: Status
    organization_id: int | None
    start: dt.date
    end: dt.date | None = None
    host_organization_id: int | None = None

    def contains(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date < self.end)


@dataclass
class _State:
    status: Status | None = None
    organization_id: int | None = None
    host_organization_id: int | None = None
    before_exemption: Status | None = None


def effective_events(events: Iterable[Event]) -> list[Event]:
    """Events in application order, without superseded ones and without voids."""
    events = list(events)
    superseded = {e.supersedes_id for e in events if e.supersedes_id is not None}
    kept = [e for e in events if e.id not in superseded and e.kind is not EventKind.VOID]
    return sorted(kept, key=lambda e: (e.date, _ORDER[e.kind], e.id))


def _apply(state: _State, event: Event) -> None:
    kind = event.kind
    if kind in (EventKind.ADMITTED, EventKind.READMITTED):
        state.status = Status.CANDIDATE
        state.organization_id = event.organization_id or state.organization_id
    elif kind is EventKind.CEREMONY:
        state.status = Status.PROBATIONARY
        state.organization_id = event.organization_id or state.organization_id
    elif kind is EventKind.RECOGNIZED:
        state.status = Status.OFFICIAL
    elif kind is EventKind.TRANSFERRED_OUT:
        # Until a matching transfer-in the member belongs to no organization here.
        state.organization_id = event.other_organization_id
        state.host_organization_id = None
    elif kind is EventKind.TRANSFERRED_IN:
        state.organization_id = event.organization_id
        state.status = state.status or event.arrives_as or Status.OFFICIAL
    elif kind is EventKind.TEMPORARY_OUT:
        state.host_organization_id = event.other_organization_id
    elif kind is EventKind.TEMPORARY_RETURN:
        state.host_organization_id = None
    elif kind is EventKind.EXEMPTED:
        if state.status is not Status.EXEMPTED:
            state.before_exemption = state.status
        state.status = Status.EXEMPTED
    elif kind is EventKind.EXEMPTION_ENDED:
        state.status = state.before_exemption or Status.OFFICIAL
    elif kind in (EventKind.REMOVED, EventKind.EXPELLED, EventKind.DIED):
        state.status = None
        state.host_organization_id = None


def project(events: Iterable[Event]) -> list[Period]:
    """The status periods implied by the events, in date order."""
    periods: list[Period] = []
    state = _State()
    for event in effective_events(events):
        _apply(state, event)
        current = (
            Period(state.status, state.organization_id, event.date, None, state.host_organization_id)
            if state.status is not None
            else None
        )
        if periods and periods[-1].end is None:
            last = periods[-1]
            if current is not None and _same(last, current):
                continue
            periods[-1] = Period(last.status, last.organization_id, last.start, event.date, last.host_organization_id)
            if periods[-1].start == periods[-1].end:
                periods.pop()
        if current is not None:
            periods.append(current)
    return periods


def _same(a: Period, b: Period) -> bool:
    return (a.status, a.organization_id, a.host_organization_id) == (
        b.status,
        b.organization_id,
        b.host_organization_id,
    )


def status_on(events: Iterable[Event], date: dt.date) -> Period | None:
    """The period holding on ``date``, or None if the person was not on the rolls."""
    return next((p for p in project(events) if p.contains(date)), None)


@dataclass(frozen=True)
class PartyAge:
    """Party age (tuổi đảng) counted from the admission decision, gaps removed."""

    since: dt.date
    days: int
    on: dt.date

    @property
    def years(self) -> int:
        """Whole years, as if the ``days`` had run without a break up to ``on``."""
        start = self.on - dt.timedelta(days=self.days)
        return self.on.year - start.year - ((self.on.month, self.on.day) < (start.month, start.day))


def party_age(events: Sequence[Event], on: dt.date) -> PartyAge | None:
    """Charter art. 5.4; QĐ 29/24 4.5: from the first admission decision date, minus
    periods off the rolls (removal, expulsion) and transfer gaps. Readmitted members
    count from the first decision. Shown only once the member has been recognized
    as official, so None before that.
    """
    kept = [e for e in effective_events(events) if e.date <= on]
    if not any(e.kind is EventKind.RECOGNIZED for e in kept):
        return None
    anchors = [e.date for e in kept if e.kind in (EventKind.ADMITTED, EventKind.CEREMONY)]
    if not anchors:
        return None
    since = min(anchors)
    gaps = 0
    for period_gap in _gaps(project(kept), since, on):
        gaps += (period_gap[1] - period_gap[0]).days
    return PartyAge(since=since, days=(on - since).days - gaps, on=on)


def _gaps(periods: list[Period], since: dt.date, on: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Stretches after ``since`` with no membership or in transit between organizations."""
    gaps: list[tuple[dt.date, dt.date]] = []
    cursor = since
    for period in periods:
        if period.start > cursor:
            gaps.append((cursor, min(period.start, on)))
        if period.organization_id is None and period.status in MEMBER_STATUSES:
            gaps.append((max(period.start, since), min(period.end or on, on)))
        cursor = max(cursor, period.end or on)
    if cursor < on:
        gaps.append((cursor, on))
    return [g for g in gaps if g[1] > g[0]]
