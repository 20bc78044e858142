"""Removal reviews in the work queue: each open review task of a cell, due at the next
monthly meeting after it was raised (``services.REVIEW_DAYS``)."""

from __future__ import annotations

import datetime as dt

from ketnap.admission import queue
from ketnap.cells.models import ReviewState, ReviewTask
from ketnap.lib.workdays import Calendar
from ketnap.organizations.models import Organization
from ketnap.rules.base import Finding, Severity
from ketnap.rules.cell_life_editions import cell_edition_on


def install() -> None:
    queue.register_source(review_dues)


def review_dues(org: Organization, as_of: dt.date, until: dt.date, calendar: Calendar) -> list[queue.Due]:
    tasks = ReviewTask.objects.filter(
        cell__path__startswith=org.path, state=ReviewState.OPEN, raised_on__lte=as_of, due_on__lte=until
    )
    return [_due(task) for task in tasks]


def finding_of(task: ReviewTask) -> Finding:
    """The finding the task was raised on, with its citation and values, to be worded again."""
    edition = cell_edition_on(task.raised_on).edition
    return Finding(
        task.code,
        Severity.WARNING,
        task.message,
        edition.cite("removal"),
        due_on=task.due_on,
        edition=edition.code,
        params=task.params,
    )


def _due(task: ReviewTask) -> queue.Due:
    return queue.Due(
        finding=finding_of(task), due_on=task.due_on, person_id=task.person_id, organization_id=task.cell_id
    )
