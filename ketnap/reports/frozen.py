"""Sending a report upward freezes it; later it is recomputed and compared.

The figures are frozen in full, as the system computes them. Whoever reads a frozen
report reads it through the same suppression rule as the live one, so a reader
without the sensitive-data permission sees neither small ethnicity and religion
counts in it nor in the comparison.

The comparison lists, for each figure that changed, the records entered or corrected
after the report was sent that bear on its period: ledger events dated up to its
last day, corrections of personal histories, steps of admission cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.admission.models import CaseStep
from ketnap.admission.steps import spec
from ketnap.audit.models import AuditEntry
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.lib.dates import dmy
from ketnap.organizations.models import Organization
from ketnap.people.models import MembershipEvent
from ketnap.reports.funnel import development_funnel
from ketnap.reports.models import FrozenReport, ReportKind
from ketnap.reports.newmembers import Composition, NewMembers, new_members, withheld_for
from ketnap.reports.period import membership_change

_COMPUTE: dict[str, Callable[[Organization, dt.date, dt.date], Any]] = {
    ReportKind.CHANGE: membership_change,
    ReportKind.NEW_MEMBERS: new_members,
    ReportKind.FUNNEL: development_funnel,
}
_PROFILE_ACTIONS = ("person.create", "person.update", "person.correct")


def compute(kind: str, org: Organization, first: dt.date, last: dt.date) -> dict[str, Any]:
    """The report's figures in full, as JSON."""
    data: dict[str, Any] = _COMPUTE[kind](org, first, last).as_dict()
    return data


@transaction.atomic
def report_send(
    *, actor: Any, kind: str, org: Organization, first: dt.date, last: dt.date, note: str = ""
) -> FrozenReport:
    """Freeze the report of ``org`` for [first, last] as sent now by ``actor``."""
    policy.require(actor, policy.Action.EDIT, org)
    if kind not in ReportKind.values:
        message = _("Loại báo cáo không hợp lệ.")
        raise ValidationFailed({"kind": [message]}, message=message)
    frozen = FrozenReport(
        kind=kind,
        organization=org,
        first=first,
        last=last,
        figures=compute(kind, org, first, last),
        note=note,
        sent_by=actor if getattr(actor, "pk", None) else None,
        sent_at=timezone.now(),
    )
    frozen.full_clean()
    frozen.save()
    after = snapshot(frozen, ["kind", "first", "last", "note"])
    audit_log(actor=actor, action="report.send", obj=frozen, after=after, organization_path=org.path)
    return frozen


def frozen_list(user: Any, org: Organization) -> QuerySet[FrozenReport]:
    policy.require(user, policy.Action.VIEW, org)
    reports = FrozenReport.objects.filter(organization__path__startswith=org.path)
    return policy.scope(user, reports).select_related("organization", "sent_by").order_by("-sent_at")


def frozen_get(user: Any, pk: int) -> FrozenReport:
    found = policy.scope(user, FrozenReport.objects.select_related("organization", "sent_by")).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _composition(data: dict[str, Any]) -> Composition:
    dates = {"first": dt.date.fromisoformat(data["first"]), "last": dt.date.fromisoformat(data["last"])}
    return Composition(**(data | dates))


def figures_seen(user: Any, frozen: FrozenReport, figures: dict[str, Any]) -> dict[str, Any]:
    """The figures of a frozen report as ``user`` may see them."""
    if frozen.kind != ReportKind.NEW_MEMBERS:
        return figures
    report = NewMembers(
        organization_code=figures["organization_code"],
        organization_name=figures["organization_name"],
        current=_composition(figures["current"]),
        previous=_composition(figures["previous"]),
    )
    return withheld_for(user, frozen.organization, report).as_dict()


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """{"increases.admitted": 5, "stages.2.reached": 40, …}: every leaf of the JSON."""
    items: Iterable[tuple[Any, Any]]
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = ((str(index), value) for index, value in enumerate(data))
    else:
        return {prefix: data}
    flat: dict[str, Any] = {}
    for key, value in items:
        flat |= flatten(value, f"{prefix}.{key}" if prefix else str(key))
    return flat


@dataclass(frozen=True)
class Later:
    """A record entered or corrected after the report was sent."""

    recorded_at: dt.datetime
    description: str


@dataclass(frozen=True)
class Difference:
    figure: str  # the figure's path in the report's JSON ("increases.admitted")
    label: str  # how the report's table names it
    sent: Any
    now: Any
    explained_by: list[Later] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    report_id: int
    kind: str
    sent_at: dt.datetime
    differences: list[Difference]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _events_after(user: Any, frozen: FrozenReport) -> list[Later]:
    path = frozen.organization.path
    inside = Q(organization__path__startswith=path) | Q(other_organization__path__startswith=path)
    inside |= Q(person__periods__organization__path__startswith=path)
    events = (
        MembershipEvent.objects.filter(inside, recorded_at__gt=frozen.sent_at, date__lte=frozen.last)
        .select_related("person")
        .distinct()
        .order_by("recorded_at")
    )
    return [Later(e.recorded_at, _event_text(user, e)) for e in events[:50]]


def _event_text(user: Any, event: MembershipEvent) -> str:
    who = (
        event.person.full_name
        if policy.can(user, policy.Action.VIEW, event.person)
        else _("một người ngoài phạm vi xem")
    )
    return _("%(event)s ngày %(date)s của %(who)s") % {
        "event": event.get_kind_display(),
        "date": dmy(event.date),
        "who": who,
    }


def _corrections_after(frozen: FrozenReport) -> list[Later]:
    entries = AuditEntry.objects.filter(
        at__gt=frozen.sent_at, action__in=_PROFILE_ACTIONS, organization_path__startswith=frozen.organization.path
    ).order_by("at")
    return [Later(e.at, _("Sửa lý lịch: %(who)s") % {"who": e.object_repr}) for e in entries[:50]]


def _steps_after(frozen: FrozenReport) -> list[Later]:
    steps = CaseStep.objects.filter(
        case__cell__path__startswith=frozen.organization.path,
        recorded_at__gt=frozen.sent_at,
        occurred_on__lte=frozen.last,
    ).order_by("recorded_at")
    return [
        Later(s.recorded_at, _("%(step)s ngày %(date)s") % {"step": spec(s.kind).label, "date": dmy(s.occurred_on)})
        for s in steps[:50]
    ]


def _later_records(user: Any, frozen: FrozenReport) -> list[Later]:
    if frozen.kind == ReportKind.FUNNEL:
        return _steps_after(frozen)
    records = _events_after(user, frozen)
    if frozen.kind == ReportKind.NEW_MEMBERS:
        records += _corrections_after(frozen)
    return sorted(records, key=lambda later: later.recorded_at)


# Leaves that are words, not figures: they follow the reader's language and the day.
_WORDS = {"label", "suppression_note", "organization_name", "organization_code", "text", "first", "last"}


def _is_word(key: str) -> bool:
    return ".notes." in f".{key}." or ".suppressed." in f".{key}." or ".paragraphs." in f".{key}."


def figure_label(kind: str, key: str) -> str:
    """The name of a figure of a frozen report as the report's table names it."""
    from ketnap.reports import tables

    labels = tables.figure_labels(kind)
    parts = key.split(".")
    if kind == ReportKind.NEW_MEMBERS and parts[0] in ("current", "previous"):
        period = _("Kỳ báo cáo") if parts[0] == "current" else _("Cùng kỳ năm trước")
        return f"{period} — {labels.get('.'.join(parts[1:]), key)}"
    return labels.get(key, key)


def frozen_compare(user: Any, frozen: FrozenReport) -> Comparison:
    """The frozen figures against the same report recomputed now, each difference
    with the records entered or corrected after sending that bear on it."""
    sent = flatten(figures_seen(user, frozen, frozen.figures))
    now = flatten(figures_seen(user, frozen, compute(frozen.kind, frozen.organization, frozen.first, frozen.last)))
    keys = [key for key in sorted(set(sent) | set(now)) if key.rsplit(".", 1)[-1] not in _WORDS]
    changed = [key for key in keys if not _is_word(key) and sent.get(key) != now.get(key)]
    records = _later_records(user, frozen) if changed else []
    differences = [
        Difference(key, figure_label(frozen.kind, key), sent.get(key), now.get(key), records) for key in changed
    ]
    return Comparison(frozen.pk, frozen.kind, frozen.sent_at, differences)
