"""Writes shared by every dated record: closing the open row before opening the next."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from ketnap.core.errors import ValidationFailed

D = TypeVar("D", bound=models.Model)


def close_open(queryset: models.QuerySet[D], on: dt.date, *, field: str = "valid_from") -> list[D]:
    """Lock the rows of ``queryset`` still open on ``on`` and close them on that date.

    A row that starts on or after ``on`` cannot be closed then (it would be empty),
    so the whole change is refused rather than history being rewritten.
    """
    rows = list(queryset.select_for_update().filter(valid_to__isnull=True))
    for row in rows:
        if row.valid_from >= on:  # type: ignore[attr-defined]
            raise ValidationFailed({field: [_("Ngày hiệu lực phải sau ngày bắt đầu của bản ghi đang có hiệu lực.")]})
        row.valid_to = on  # type: ignore[attr-defined]
        row.save(update_fields=["valid_to"])
    return rows


def overlaps(queryset: models.QuerySet[D], start: dt.date, end: dt.date | None) -> bool:
    """Whether any dated row of ``queryset`` overlaps the half-open [start, end)."""
    query = models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=start)
    if end is not None:
        query &= models.Q(valid_from__lt=end)
    return queryset.filter(query).exists()


def end_on(row: D, on: dt.date, *, actor: Any, action: str, organization_path: str) -> D:
    """Close one locked, open dated row on ``on`` and audit it in the same transaction.

    Callers check first that the row may end then (it is open, ``on`` is after its start).
    """
    from ketnap.audit.services import audit_log, snapshot

    before = snapshot(row, ["valid_to"])
    row.valid_to = on  # type: ignore[attr-defined]
    row.save(update_fields=["valid_to"])
    audit_log(
        actor=actor,
        action=action,
        obj=row,
        before=before,
        after=snapshot(row, ["valid_to"]),
        organization_path=organization_path,
    )
    return row
