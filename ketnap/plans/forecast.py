"""The forecast model: which open admission cases can still be decided by 31 December.

A case is counted as "can be admitted this year" when the steps it still lacks up to
the admission decision, each given its shortest realistic duration in working days,
fit in the working days left until 31 December (the working-day calendar of the
deadlines, with the administrators' corrections). The durations are the minimum a
committee has managed, not the regulatory limits: the forecast answers "can it still
happen", so a case left out is one that cannot make it even if everything goes fast.

- each missing dossier paper: 1 working day (verification of the history: 10);
- the cell's resolution: 1 (a meeting); the grassroots committee's resolution, for a
  cell under a grassroots committee: 5; the competent committee's decision: 5.

This module is pure: it takes the recorded steps and the calendar, so it is tested
without a database; ``selectors.forecast`` feeds it the cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ketnap.admission.steps import StepKind, dossier_kinds
from ketnap.lib.workdays import Calendar

DEFAULT_STEP_DAYS = 1
STEP_DAYS: dict[StepKind, int] = {
    StepKind.VERIFICATION_CONCLUDED: 10,
    StepKind.CELL_RESOLUTION: 1,
    StepKind.GRASSROOTS_RESOLUTION: 5,
    StepKind.DECISION: 5,
}


def steps_to_decision(under_committee: bool) -> tuple[StepKind, ...]:
    """The steps a case needs on record, in order, up to and including the decision."""
    middle = (StepKind.GRASSROOTS_RESOLUTION,) if under_committee else ()
    return (*dossier_kinds(), StepKind.CELL_RESOLUTION, *middle, StepKind.DECISION)


def remaining_working_days(recorded: Iterable[str], under_committee: bool) -> int:
    """Shortest working days from now to the decision, given the steps on record."""
    done = {StepKind(kind) for kind in recorded if kind in StepKind._value2member_map_}
    missing = [kind for kind in steps_to_decision(under_committee) if kind not in done]
    return sum(STEP_DAYS.get(kind, DEFAULT_STEP_DAYS) for kind in missing)


def earliest_decision(today: dt.date, remaining: int, calendar: Calendar) -> dt.date:
    """The earliest day the decision can be dated: ``remaining`` working days after today."""
    return calendar.add_working_days(today, remaining)


def can_be_admitted_by(year_end: dt.date, today: dt.date, remaining: int, calendar: Calendar) -> bool:
    """Whether the decision can still be dated on or before ``year_end``."""
    return today <= year_end and earliest_decision(today, remaining, calendar) <= year_end
