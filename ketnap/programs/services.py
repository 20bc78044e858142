"""Writes of the programs: targets and household assignments, atomic, checked and audited.

Members taking part in a program's cells are recorded with ``people.services.support_assign``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import overlaps
from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization, Program
from ketnap.people.models import Person, StatusPeriod
from ketnap.programs.models import PERCENT_KINDS, HouseholdAssignment, ProgramTarget, TargetKind


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error


def _locked_program(actor: Any, program: Program) -> Program:
    locked = Program.objects.select_for_update(of=("self",)).select_related("owner").get(pk=program.pk)
    policy.require(actor, Action.EDIT, locked)
    return locked


def _check_bounds(kind: str, minimum: int, maximum: int | None) -> None:
    if maximum is not None and maximum < minimum:
        raise ValidationFailed({"maximum": [_("Mức tối đa không được nhỏ hơn mức tối thiểu.")]})
    if kind in PERCENT_KINDS and max(minimum, maximum or 0) > 100:
        raise ValidationFailed({"minimum": [_("Tỷ lệ không được vượt quá 100%.")]})


@transaction.atomic
def target_add(
    *,
    actor: Any,
    program: Program,
    kind: str,
    year: int,
    minimum: int,
    maximum: int | None = None,
    description: str = "",
) -> ProgramTarget:
    """A target of the program for ``year`` (e.g. admit 10–15 in 2023)."""
    program = _locked_program(actor, program)
    _check_bounds(kind, minimum, maximum)
    if kind == TargetKind.OTHER and not description.strip():
        raise ValidationFailed({"description": [_("Nội dung: bắt buộc với chỉ tiêu khác.")]})
    target = ProgramTarget(
        program=program, kind=kind, year=year, minimum=minimum, maximum=maximum, description=description.strip()
    )
    _validated(target, exclude=["program"])
    target.save()
    audit_log(
        actor=actor,
        action="program.target_add",
        obj=target,
        after=snapshot(target),
        organization_path=program.owner.path,
    )
    return target


def _require_program_cell(program: Program, cell: Organization) -> None:
    if not program.organizations.filter(pk=cell.pk).exists():
        raise ValidationFailed({"cell": [_("Chi bộ không thuộc địa bàn của chương trình.")]})


@transaction.atomic
def household_assign(
    *, actor: Any, program: Program, person: Person, cell: Organization, households: int, valid_from: dt.date
) -> HouseholdAssignment:
    """A member assigned to follow ``households`` households in a program cell's area."""
    program = Program.objects.select_related("owner").get(pk=program.pk)
    policy.require(actor, Action.EDIT, cell)
    policy.require(actor, Action.VIEW, person)
    _require_program_cell(program, cell)
    if households < 1:
        raise ValidationFailed({"households": [_("Số hộ phụ trách phải lớn hơn 0.")]})
    if not StatusPeriod.objects.members().as_of(valid_from).filter(person=person).exists():
        raise ValidationFailed({"person": [_("Người này không phải đảng viên vào ngày đó.")]})
    same = HouseholdAssignment.objects.filter(program=program, person=person, cell=cell)
    if overlaps(same, valid_from, None):
        raise ValidationFailed({"person": [_("Đảng viên đã được phân công phụ trách hộ tại chi bộ này.")]})
    row = HouseholdAssignment(program=program, person=person, cell=cell, households=households, valid_from=valid_from)
    _validated(row, exclude=["program", "person", "cell"])
    row.save()
    audit_log(actor=actor, action="program.household_assign", obj=row, after=snapshot(row), organization_path=cell.path)
    return row
