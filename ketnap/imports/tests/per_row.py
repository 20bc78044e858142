"""The import's rows written one by one through the people services, as the commit
did before it wrote in bulk: what the bulk writer is compared with."""

from __future__ import annotations

from typing import Any

from ketnap.imports.report import NewRow
from ketnap.people import status
from ketnap.people.services import event_record, person_create


def write_row(actor: Any, row: NewRow) -> None:
    person = person_create(actor=actor, organization=row.organization, **row.fields)
    if row.admitted_on is None:
        return
    org = row.organization
    event_record(actor=actor, person=person, kind=status.EventKind.ADMITTED, date=row.admitted_on, organization=org)
    event_record(actor=actor, person=person, kind=status.EventKind.CEREMONY, date=row.admitted_on, organization=org)
    if row.official_on is not None:
        event_record(
            actor=actor,
            person=person,
            kind=status.EventKind.RECOGNIZED,
            date=row.official_on,
            effective_date=row.official_on,
        )
