"""The work queue: what is due soon or overdue in an organization's subtree.

A selector: it takes an organization and trusts the caller to have asked the policy
(``policy.require(user, Action.VIEW, org)``). Three sources, each one query:

* open cases, by the ``due_on``/``due_code`` the case service stores after every
  step (decision at the committee, ceremony, member history, recognition review and
  decision): one indexed range scan, worded by the rule behind the code;
* probationary members with no open case — imported history such as the Mường Lát
  members admitted in 2021 — straight from the status periods: SQL keeps those whose
  ceremony is old enough for the review to be due, Python counts the working days;
* awareness certificates of candidates and prospects not yet reviewed by the cell,
  expiring within the horizon or expired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from ketnap.admission import deadlines
from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import AdmissionCase, AwarenessCertificate, CaseStep, Prospect
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.types import QueueItem
from ketnap.lib.workdays import Calendar
from ketnap.organizations.models import Organization
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.status import EventKind, Status
from ketnap.rules import Finding

DEFAULT_HORIZON_DAYS = 30
_NAME = ("person__family_name", "person__middle_name", "person__given_name")


def work_queue(
    org: Organization, as_of: dt.date, *, horizon_days: int = DEFAULT_HORIZON_DAYS, calendar: Calendar | None = None
) -> list[QueueItem]:
    """Everything in ``org``'s subtree due by ``as_of + horizon_days`` or overdue on
    ``as_of``, overdue first, then by due date."""
    until = as_of + dt.timedelta(days=horizon_days)
    working = calendar if calendar is not None else working_calendar()
    items = [
        *case_items(org, as_of, until),
        *probation_items(org, as_of, until, working),
        *certificate_items(org, as_of, until),
    ]
    return sorted(items, key=lambda i: (not i.overdue, i.due_on, i.organization_code, i.person_name))


def as_dict(item: QueueItem) -> dict[str, Any]:
    """A queue item for JSON: dates as ISO strings."""
    data = asdict(item)
    data["due_on"] = item.due_on.isoformat()
    return data


def case_items(org: Organization, as_of: dt.date, until: dt.date) -> list[QueueItem]:
    """Open cases whose stored next deadline falls by ``until``."""
    rows = (
        AdmissionCase.objects.filter(
            closed_on__isnull=True, due_on__lte=until, opened_on__lte=as_of, cell__path__startswith=org.path
        )
        .exclude(due_code="")
        .values_list("id", "due_code", "due_on", "pinned_editions", "person_id", *_NAME, "cell__code", "cell__name")
    )
    items = []
    for case_id, code, due_on, pinned, person_id, *name, cell_code, cell_name in rows:
        finding = deadlines.deadline_finding(code, due_on, as_of, pinned)
        items.append(_item(finding, due_on, as_of, person_id, name, cell_code, cell_name, case_id))
    return items


def probation_items(org: Organization, as_of: dt.date, until: dt.date, calendar: Calendar) -> list[QueueItem]:
    """Probationary members on ``as_of`` with no open case whose recognition review is
    due by ``until`` (rule 16). The ceremony, not the period start, anchors probation:
    a transfer starts a new period without restarting it."""
    items = []
    for person_id, *name, org_code, org_name, ceremony in _probationers(org, as_of, until):
        for finding in deadlines.probation_findings(ceremony, as_of, calendar):
            if finding.due_on is not None and finding.due_on <= until:
                items.append(_item(finding, finding.due_on, as_of, person_id, name, org_code, org_name))
    return items


def _probationers(org: Organization, as_of: dt.date, until: dt.date) -> QuerySet[StatusPeriod, tuple[Any, ...]]:
    ceremony = (
        MembershipEvent.objects.filter(
            person=OuterRef("person_id"), kind=EventKind.CEREMONY.value, date__lte=as_of, superseded_by__isnull=True
        )
        .order_by("-date")
        .values("date")[:1]
    )
    return (
        StatusPeriod.objects.as_of(as_of)
        .filter(status=Status.PROBATIONARY.value, organization__path__startswith=org.path)
        .annotate(ceremony=Subquery(ceremony))
        .filter(ceremony__lte=deadlines.earliest_overdue_ceremony(until))
        .exclude(Exists(_open_case()))
        .values_list("person_id", *_NAME, "organization__code", "organization__name", "ceremony")
    )


def certificate_items(org: Organization, as_of: dt.date, until: dt.date) -> list[QueueItem]:
    """Latest awareness certificate of each candidate before the cell's resolution, and
    of each prospect without a case, when it expires by ``until`` (rule 3)."""
    cutoff = deadlines.certificate_issued_cutoff(until)
    latest = (
        AwarenessCertificate.objects.filter(person=OuterRef("person_id"), issued_on__lte=as_of)
        .order_by("-issued_on")
        .values("issued_on")[:1]
    )
    resolved = CaseStep.objects.filter(case=OuterRef("pk"), kind=StepKind.CELL_RESOLUTION.value, void=False)
    cases = (
        AdmissionCase.objects.filter(
            closed_on__isnull=True,
            opened_on__lte=as_of,
            stage__in=[Stage.DOSSIER, Stage.CELL],
            cell__path__startswith=org.path,
        )
        .exclude(Exists(resolved))
        .annotate(issued=Subquery(latest))
        .filter(issued__lte=cutoff)
        .values_list("person_id", *_NAME, "cell__code", "cell__name", "issued", "id")
    )
    prospects = (
        Prospect.objects.filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of), noted_on__lte=as_of)
        .filter(cell__path__startswith=org.path)
        .exclude(Exists(_open_case()))
        .annotate(issued=Subquery(latest))
        .filter(issued__lte=cutoff)
        .values_list("person_id", *_NAME, "cell__code", "cell__name", "issued")
    )
    return _certificate_rows([*cases, *((*row, None) for row in prospects)], as_of, until)


def _certificate_rows(rows: Iterable[tuple[Any, ...]], as_of: dt.date, until: dt.date) -> list[QueueItem]:
    items = []
    for person_id, *name, org_code, org_name, issued, case_id in rows:
        finding = deadlines.certificate_finding(issued, as_of)
        expires = deadlines.certificate_expires(issued, as_of)
        if expires <= until:
            items.append(_item(finding, expires, as_of, person_id, name, org_code, org_name, case_id))
    return items


def _open_case() -> QuerySet[AdmissionCase]:
    return AdmissionCase.objects.filter(person=OuterRef("person_id"), closed_on__isnull=True)


def _item(
    finding: Finding,
    due_on: dt.date,
    as_of: dt.date,
    person_id: int,
    name: list[str],
    org_code: str,
    org_name: str,
    case_id: int | None = None,
) -> QueueItem:
    return QueueItem(
        code=finding.code,
        message=finding.message,
        citation=str(finding.citation),
        due_on=due_on,
        overdue=as_of > due_on,
        person_id=person_id,
        person_name=" ".join(part for part in name if part),
        organization_code=org_code,
        organization_name=org_name,
        case_id=case_id,
    )
