"""Typed rows shared by the admission selectors and everything that shows them
(pages, API, documents, commands), so they format the same data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class ItemState(StrEnum):
    PRESENT = "present"
    MISSING = "missing"
    EXPIRED = "expired"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class ChecklistRow:
    """One dossier item of a case: present, missing or expired on a date."""

    code: str  # a step kind or a dossier item code ("certificate", "relatives"…)
    label: str
    form: str  # form code, e.g. "6-KNĐ", or ""
    state: ItemState
    occurred_on: dt.date | None = None
    document_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class QueueItem:
    """Something due or overdue in an organization's subtree, with the rule behind it."""

    code: str  # the rule/finding code, e.g. "probation.review.overdue"
    message: str
    citation: str
    due_on: dt.date
    overdue: bool
    person_id: int
    person_name: str
    organization_code: str
    organization_name: str
    case_id: int | None = None


@dataclass(frozen=True)
class QueueGroup:
    """The work queue's count under one organization directly below the one asked
    (or the organization itself, for what is due at its own level)."""

    code: str
    name: str
    total: int
    overdue: int
    own: bool = False  # the organization asked, not one below it
