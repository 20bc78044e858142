"""Reads of the training classes: scoped lists, the summaries of a subtree over a
period, new-member training coverage, and the awareness certificate the admission
checks read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, QuerySet

from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.people.models import MembershipEvent
from ketnap.people.status import EventKind
from ketnap.training.models import ClassKind, Enrolment, TrainingClass


def percent(part: int, whole: int, places: int = 0) -> Decimal | None:
    """``part`` of ``whole`` in percent, rounded half up as the reports round (8/11 → 73);
    None when there is nothing to measure."""
    if whole == 0:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(100 * part) / Decimal(whole)).quantize(exponent, rounding=ROUND_HALF_UP)


def class_list(
    user: Any, *, organization: Organization | None = None, kind: str = "", year: int | None = None
) -> QuerySet[TrainingClass]:
    """Classes the user sees, of an organizer in ``organization``'s subtree, newest first."""
    queryset = policy.scope(user, TrainingClass.objects.select_related("organizer"), Action.VIEW)
    if organization is not None:
        queryset = queryset.filter(organizer__path__startswith=organization.path)
    if kind:
        queryset = queryset.filter(kind=kind)
    if year is not None:
        queryset = queryset.filter(start__year=year)
    return queryset.annotate(enrolled=Count("enrolments")).order_by("-start", "-pk")


def class_get(user: Any, pk: int, action: Action = Action.VIEW) -> TrainingClass:
    """The class if the user sees it (404 otherwise), and may ``action`` it (403)."""
    found = TrainingClass.objects.select_related("organizer").filter(pk=pk).first()
    if found is None or not policy.can(user, Action.VIEW, found):
        raise NotFound()
    policy.require(user, action, found)
    return found


def enrolment_list(training_class: TrainingClass) -> QuerySet[Enrolment]:
    return training_class.enrolments.select_related("person").order_by("person__sort_key", "pk")


def enrolment_get(user: Any, pk: int, action: Action = Action.VIEW) -> Enrolment:
    found = Enrolment.objects.select_related("training_class__organizer", "person").filter(pk=pk).first()
    if found is None or not policy.can(user, Action.VIEW, found):
        raise NotFound()
    policy.require(user, action, found)
    return found


@dataclass(frozen=True)
class KindSummary:
    kind: str
    label: str
    classes: int
    enrolled: int
    completed: int
    certificates: int


@dataclass(frozen=True)
class Summary:
    """Classes held in a subtree over a period, per kind (Mường Lát 2022: 6 classes)."""

    first: dt.date
    last: dt.date
    classes: int
    enrolled: int
    rows: list[KindSummary]


@reading_from_replica()
def summary(org: Organization, first: dt.date, last: dt.date) -> Summary:
    """Classes that started ``first``..``last`` organized in ``org``'s subtree, per kind."""
    classes = TrainingClass.objects.filter(organizer__path__startswith=org.path, start__range=(first, last))
    counted = dict(classes.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    enrolments = Enrolment.objects.filter(training_class__in=classes).values("training_class__kind")
    people = {
        row["training_class__kind"]: row
        for row in enrolments.annotate(
            n=Count("pk"), done=Count("completed_on"), certs=Count("certificate_issued_on")
        ).values("training_class__kind", "n", "done", "certs")
    }
    rows = [_kind_row(kind, counted.get(kind.value, 0), people.get(kind.value)) for kind in ClassKind]
    return Summary(first, last, sum(counted.values()), sum(r.enrolled for r in rows), [r for r in rows if r.classes])


def _kind_row(kind: ClassKind, classes: int, people: Mapping[str, Any] | None) -> KindSummary:
    people = people or {}
    return KindSummary(
        kind.value, str(kind.label), classes, people.get("n", 0), people.get("done", 0), people.get("certs", 0)
    )


@dataclass(frozen=True)
class Coverage:
    """Members admitted in a period and how many of them completed a new-member class."""

    admitted: int
    trained: int
    percent: Decimal | None


def admitted_between(org: Organization, first: dt.date, last: dt.date) -> QuerySet[MembershipEvent]:
    """Admission decisions of the ledger dated ``first``..``last`` in ``org``'s subtree
    (corrected decisions do not count), as the statistics count them."""
    return MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        organization__path__startswith=org.path,
        superseded_by__isnull=True,
    )


@reading_from_replica()
def new_member_coverage(org: Organization, first: dt.date, last: dt.date, as_of: dt.date) -> Coverage:
    """Share of the members admitted ``first``..``last`` in ``org``'s subtree who had
    completed a new-member class by ``as_of``."""
    people = admitted_between(org, first, last).values("person_id")
    admitted = people.distinct().count()
    trained = (
        Enrolment.objects.filter(
            person_id__in=people, training_class__kind=ClassKind.NEW_MEMBER, completed_on__lte=as_of
        )
        .values("person_id")
        .distinct()
        .count()
    )
    return Coverage(admitted, trained, percent(trained, admitted))


@reading_from_replica()
def candidates_trained(org: Organization, first: dt.date, last: dt.date) -> int:
    """People who completed a party-awareness class organized in the subtree in the period."""
    return (
        Enrolment.objects.filter(
            training_class__kind=ClassKind.AWARENESS,
            training_class__organizer__path__startswith=org.path,
            completed_on__range=(first, last),
        )
        .values("person_id")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class Certificate:
    """A party-awareness certificate as the admission checks read it."""

    issued_on: dt.date
    number: str
    enrolment_id: int | None  # None: typed in an admission case before classes were kept


def awareness_certificate(person_id: int, on: dt.date) -> Certificate | None:
    """The person's latest party-awareness certificate issued on or before ``on``: the
    certificate of a completed awareness class, or one recorded in a case before
    classes were kept here (still valid for its 60 months)."""
    from ketnap.admission.models import AwarenessCertificate

    found: list[Certificate] = []
    enrolment = (
        Enrolment.objects.filter(
            person_id=person_id, training_class__kind=ClassKind.AWARENESS, certificate_issued_on__lte=on
        )
        .order_by("-certificate_issued_on", "-pk")
        .first()
    )
    if enrolment is not None and enrolment.certificate_issued_on is not None:
        found.append(Certificate(enrolment.certificate_issued_on, enrolment.certificate_number, enrolment.pk))
    legacy = AwarenessCertificate.objects.filter(person_id=person_id, issued_on__lte=on).order_by("-issued_on").first()
    if legacy is not None:
        found.append(Certificate(legacy.issued_on, legacy.number, None))
    return max(found, key=lambda c: (c.issued_on, c.enrolment_id is not None), default=None)


def person_certificates(person_id: int) -> list[Certificate]:
    """Every awareness certificate of a person, newest first (for the case page)."""
    from ketnap.admission.models import AwarenessCertificate

    kept = Enrolment.objects.filter(
        person_id=person_id, training_class__kind=ClassKind.AWARENESS, certificate_issued_on__isnull=False
    ).values_list("certificate_issued_on", "certificate_number", "pk")
    legacy = AwarenessCertificate.objects.filter(person_id=person_id).values_list("issued_on", "number")
    rows = [Certificate(d, n, pk) for d, n, pk in kept if d] + [Certificate(d, n, None) for d, n in legacy]
    return sorted(rows, key=lambda c: c.issued_on, reverse=True)
