"""The development funnel of a subtree: source → sympathiser list → awareness class →
dossier → cell vote → decision → ceremony → official.

Each person followed by a cell of the subtree (in its source or with an admission
case there) has the date each stage was reached, from the records of the admission
procedure: the source entry, the sympathiser listing, the awareness certificate, the
case, and the case's steps as they stand (corrected and voided steps do not count).
A later stage on record implies the earlier ones were passed, even when their date is
not on file (a case opened without a source entry).

For a period [first, last]: how many reached each stage in it; the conversion of each
stage to the next among everyone who reached it by ``last``; the median days from a
stage to the next over the moves made in the period; and who waits at each stage on
``last`` — and of them how many longer than the stage's review threshold (stuck).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ketnap.admission.models import AdmissionCase, AwarenessCertificate, CaseStep, Outcome, Prospect
from ketnap.admission.models import SympathiserListing as Listing
from ketnap.admission.steps import StepKind
from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.organizations.models import Organization
from ketnap.reports.period import check_exists, check_period

STAGES = ("source", "sympathiser", "awareness", "dossier", "cell_vote", "decision", "ceremony", "official")
STAGE_LABELS = {
    "source": _("Nguồn (quần chúng ưu tú)"),
    "sympathiser": _("Danh sách cảm tình Đảng"),
    "awareness": _("Lớp nhận thức về Đảng"),
    "dossier": _("Hồ sơ xin vào Đảng"),
    "cell_vote": _("Chi bộ biểu quyết"),
    "decision": _("Quyết định kết nạp"),
    "ceremony": _("Lễ kết nạp"),
    "official": _("Công nhận chính thức"),
}
_STEP_STAGES = {
    StepKind.CELL_RESOLUTION: "cell_vote",
    StepKind.DECISION: "decision",
    StepKind.CEREMONY: "ceremony",
    StepKind.RECOGNITION_DECISION: "official",
}
# Days of waiting at a stage after which a person is counted as stuck there. Review
# thresholds for the committee, not regulation deadlines (those are the work queue's):
# the decision follows the cell's resolution within 30 working days, the ceremony the
# decision within 30 working days, recognition twelve months of probation plus 30
# working days; the earlier stages have no deadline, so a year, half a year, four months.
STUCK_AFTER_DAYS = {
    "source": 365,
    "sympathiser": 365,
    "awareness": 180,
    "dossier": 120,
    "cell_vote": 60,
    "decision": 45,
    "ceremony": 410,
}
_ENDED_OUTCOMES = (Outcome.WITHDRAWN, Outcome.REMOVED)


@dataclass
class Track:
    """One person's way through the stages: the date of each stage reached (None:
    reached, date not on record) and the day the way ended short of official."""

    dates: dict[str, dt.date | None] = field(default_factory=dict)
    ended_on: dt.date | None = None

    def reach(self, stage: str, day: dt.date | None) -> None:
        known = self.dates.get(stage)
        self.dates[stage] = day if known is None else min(known, day) if day else known

    def furthest(self) -> int:
        return max((STAGES.index(stage) for stage in self.dates), default=-1)

    def reached(self, index: int) -> bool:
        return self.furthest() >= index

    def date_of(self, index: int) -> dt.date | None:
        return self.dates.get(STAGES[index])


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    entered: int  # reached the stage in the period
    reached: int  # reached it by the end of the period
    conversion: float | None  # share of ``reached`` who went on to the next stage
    median_days: float | None  # median days to the next stage, moves made in the period
    waiting: int  # at this stage on the last day, way not ended
    stuck: int  # of them, waiting longer than the review threshold
    longest_wait_days: int | None


@dataclass(frozen=True)
class Funnel:
    organization_code: str
    organization_name: str
    first: dt.date
    last: dt.date
    people: int
    stages: list[StageRow]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return data | {"first": self.first.isoformat(), "last": self.last.isoformat()}


def _median_days(tracks: Sequence[Track], index: int, first: dt.date, last: dt.date) -> float | None:
    days = []
    for track in tracks:
        start, end = track.date_of(index), track.date_of(index + 1)
        if start and end and first <= end <= last and end >= start:
            days.append((end - start).days)
    return float(statistics.median(days)) if days else None


def _waits(tracks: Sequence[Track], index: int, last: dt.date) -> list[int]:
    waits = []
    for track in tracks:
        if track.furthest() == index and track.ended_on is None:
            since = track.date_of(index)
            waits.append((last - since).days if since else 0)
    return waits


def stage_row(tracks: Sequence[Track], index: int, first: dt.date, last: dt.date) -> StageRow:
    stage = STAGES[index]
    reached = sum(1 for t in tracks if t.reached(index))
    final = index == len(STAGES) - 1
    onward = sum(1 for t in tracks if t.reached(index + 1)) if not final else 0
    waits = [] if final else _waits(tracks, index, last)
    limit = STUCK_AFTER_DAYS.get(stage)
    return StageRow(
        stage=stage,
        label=str(STAGE_LABELS[stage]),
        entered=sum(1 for t in tracks if (day := t.date_of(index)) is not None and first <= day <= last),
        reached=reached,
        conversion=round(onward / reached, 4) if reached and not final else None,
        median_days=None if final else _median_days(tracks, index, first, last),
        waiting=len(waits),
        stuck=sum(1 for wait in waits if limit is not None and wait > limit),
        longest_wait_days=max(waits) if waits else None,
    )


def funnel_of(tracks: Sequence[Track], first: dt.date, last: dt.date) -> list[StageRow]:
    """Every stage's row (pure: no database)."""
    return [stage_row(tracks, index, first, last) for index in range(len(STAGES))]


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for index in range(0, len(ids), size):
        yield ids[index : index + size]


def _tracks(org: Organization, last: dt.date) -> dict[int, Track]:
    tracks: dict[int, Track] = {}

    def track(person_id: int) -> Track:
        return tracks.setdefault(person_id, Track())

    prospects = Prospect.objects.filter(cell__path__startswith=org.path, noted_on__lte=last)
    for person_id, noted_on, left_on in prospects.values_list("person_id", "noted_on", "left_on"):
        track(person_id).reach("source", noted_on)
        if left_on is not None and left_on <= last:
            track(person_id).ended_on = left_on
    listings = Listing.objects.filter(prospect__cell__path__startswith=org.path, valid_from__lte=last)
    for person_id, day in listings.values_list("prospect__person_id", "valid_from"):
        track(person_id).reach("sympathiser", day)
    _add_cases(org, last, track)
    _add_certificates(sorted(tracks), last, tracks)
    return tracks


def _add_cases(org: Organization, last: dt.date, track: Any) -> None:
    cases = AdmissionCase.objects.filter(cell__path__startswith=org.path, opened_on__lte=last).order_by("opened_on")
    for person_id, opened_on, closed_on, outcome in cases.values_list("person_id", "opened_on", "closed_on", "outcome"):
        one = track(person_id)
        one.reach("dossier", opened_on)
        ended = closed_on is not None and closed_on <= last and outcome in _ENDED_OUTCOMES
        one.ended_on = closed_on if ended else None
    steps = CaseStep.objects.filter(
        case__cell__path__startswith=org.path,
        kind__in=[kind.value for kind in _STEP_STAGES],
        void=False,
        superseded_by__isnull=True,
        occurred_on__lte=last,
    )
    for person_id, kind, day in steps.values_list("case__person_id", "kind", "occurred_on"):
        track(person_id).reach(_STEP_STAGES[StepKind(kind)], day)


def _add_certificates(person_ids: Sequence[int], last: dt.date, tracks: dict[int, Track]) -> None:
    for chunk in _chunks(person_ids):
        certificates = AwarenessCertificate.objects.filter(person_id__in=chunk, issued_on__lte=last)
        for person_id, day in certificates.values_list("person_id", "issued_on"):
            tracks[person_id].reach("awareness", day)


@reading_from_replica()
def development_funnel(org: Organization, first: dt.date, last: dt.date) -> Funnel:
    """The funnel of ``org``'s subtree for [first, last] (inclusive)."""
    check_period(first, last)
    check_exists(org, first, last)
    tracks = list(_tracks(org, last).values())
    return Funnel(
        organization_code=org.code,
        organization_name=org.name,
        first=first,
        last=last,
        people=len(tracks),
        stages=funnel_of(tracks, first, last),
    )


def funnel_for(user: Any, org: Organization, first: dt.date, last: dt.date) -> Funnel:
    """The funnel as ``user`` may see it: counts only, of an organization in view."""
    if user is not None:
        policy.require(user, policy.Action.VIEW, org)
    return development_funnel(org, first, last)
