"""Writes of coverage: the secretary of a cell, whose term the merged-roles figure
(secretaries who are village heads) reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.people.models import Person, Position, PositionKind
from ketnap.people.services import position_assign, position_end


@transaction.atomic
def cell_secretary_set(*, actor: Any, cell: Organization, person: Person, valid_from: dt.date) -> Position:
    """From ``valid_from`` ``person`` is the secretary of ``cell``; the previous
    secretary's term ends that day (both audited by the people services)."""
    policy.require(actor, Action.EDIT, cell)
    if not cell.is_cell:
        raise ValidationFailed({"cell": [_("Chỉ chi bộ mới có bí thư chi bộ.")]})
    current = Position.objects.select_for_update().filter(
        organization=cell, kind=PositionKind.SECRETARY, valid_to__isnull=True
    )
    for position in current:
        if position.person_id == person.pk:
            raise ValidationFailed({"person": [_("Người này đang là bí thư chi bộ.")]})
        if valid_from <= position.valid_from:
            raise ValidationFailed({"valid_from": [_("Ngày bắt đầu phải sau ngày bắt đầu của bí thư đương nhiệm.")]})
        position_end(actor=actor, position=position, on=valid_from)
    return position_assign(
        actor=actor, person=person, organization=cell, kind=PositionKind.SECRETARY, valid_from=valid_from
    )


def cell_secretary(cell: Organization, on: dt.date) -> Position | None:
    """The secretary of ``cell`` on ``on``, if one is recorded."""
    found: Position | None = (
        Position.objects.as_of(on)
        .filter(organization=cell, kind=PositionKind.SECRETARY)
        .select_related("person")
        .first()
    )
    return found
