"""Writes about people: every page, API call, command and the importer go through here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import OutOfScope, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.lib.vntext import fold, name_sort_key
from ketnap.organizations.models import Organization
from ketnap.people import status
from ketnap.people.models import MembershipEvent, Person, StatusPeriod

SENSITIVE_FIELDS = ("ethnicity", "religion", "citizen_id", "verification_notes")


def person_derive_names(person: Person) -> None:
    """Fill the search and sort keys from the name parts."""
    person.search_name = fold(person.full_name)
    person.sort_key = name_sort_key(person.family_name, person.middle_name, person.given_name)


def _validated(person: Person) -> None:
    from django.core.exceptions import ValidationError

    try:
        person.full_clean()
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error


@transaction.atomic
def person_create(*, actor: Any, organization: Organization, **fields: Any) -> Person:
    """Record a new person in ``organization`` (which the actor must be able to edit)."""
    policy.require(actor, Action.EDIT, organization)
    person = Person(organization=organization, **fields)
    person_derive_names(person)
    _validated(person)
    person.save()
    audit_log(actor=actor, action="person.create", obj=person, after=snapshot(person), organization_path=organization.path)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, **fields: Any) -> Person:
    """Change a person's personal-history fields; membership changes are events instead."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    policy.require(actor, Action.EDIT, person)
    if "organization" in fields:
        raise ValidationFailed({"organization": ["Use a transfer event to move a member."]})
    if set(fields) & set(SENSITIVE_FIELDS):
        policy.require(actor, Action.VIEW_SENSITIVE, person)
    before = snapshot(person, list(fields))
    for name, value in fields.items():
        setattr(person, name, value)
    person_derive_names(person)
    _validated(person)
    person.save()
    audit_log(
        actor=actor,
        action="person.update",
        obj=person,
        before=before,
        after=snapshot(person, list(fields)),
        organization_path=person.organization.path,
    )
    return person


def person_events(person: Person) -> list[status.Event]:
    return [event.as_event() for event in person.events.all()]


def person_rebuild_periods(person: Person) -> list[StatusPeriod]:
    """Replace the person's status periods with the projection of their events.

    The periods are a cache of the events, so rewriting them is not a change of
    history; the events themselves are append-only.
    """
    periods = status.project(person_events(person))
    StatusPeriod.objects.filter(person=person).delete()
    rows = StatusPeriod.objects.bulk_create(
        StatusPeriod(
            person=person,
            status=p.status.value,
            organization_id=p.organization_id,
            host_organization_id=p.host_organization_id,
            start=p.start,
            end=p.end,
        )
        for p in periods
    )
    if periods and periods[-1].organization_id and periods[-1].organization_id != person.organization_id:
        Person.objects.filter(pk=person.pk).update(organization_id=periods[-1].organization_id)
        person.organization_id = periods[-1].organization_id
    return rows


@transaction.atomic
def event_record(
    *,
    actor: Any,
    person: Person,
    kind: status.EventKind,
    date: dt.date,
    organization: Organization | None = None,
    other_organization: Organization | None = None,
    effective_date: dt.date | None = None,
    arrives_as: status.Status | None = None,
    supersedes: MembershipEvent | None = None,
    document_number: str = "",
    note: str = "",
) -> MembershipEvent:
    """Append one membership event and re-derive the status periods.

    The person row is locked so two concurrent events for one person apply in order.
    The result is re-checked inside the transaction: if the person ends up in an
    organization the actor cannot edit, everything is rolled back.
    """
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    policy.require(actor, Action.EDIT, person)
    if supersedes is not None and (supersedes.person_id != person.pk or hasattr(supersedes, "superseded_by")):
        raise TransitionNotAllowed(field="supersedes")
    if kind is status.EventKind.VOID and supersedes is None:
        raise ValidationFailed({"supersedes": ["A void event must name the event it annuls."]})
    event = MembershipEvent(
        person=person,
        kind=kind.value,
        date=date,
        organization=organization,
        other_organization=other_organization,
        effective_date=effective_date,
        arrives_as=arrives_as.value if arrives_as else "",
        supersedes=supersedes,
        document_number=document_number,
        note=note,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    event.full_clean(exclude=["recorded_by"])
    event.save()
    person_rebuild_periods(person)
    person.refresh_from_db(fields=["organization"])
    if not policy.can(actor, Action.EDIT, person) and kind is not status.EventKind.TRANSFERRED_OUT:
        raise OutOfScope()
    audit_log(
        actor=actor,
        action=f"event.{kind.value}",
        obj=event,
        after=snapshot(event),
        organization_path=person.organization.path,
    )
    return event


@transaction.atomic
def person_reveal(*, actor: Any, person: Person, fields: tuple[str, ...] = SENSITIVE_FIELDS) -> dict[str, Any]:
    """Return the unmasked sensitive fields, and audit that they were shown."""
    policy.require(actor, Action.VIEW_SENSITIVE, person)
    values = {name: getattr(person, name) for name in fields}
    audit_log(
        actor=actor,
        action="person.reveal",
        obj=person,
        after={"fields": list(fields)},
        organization_path=person.organization.path,
    )
    return values
