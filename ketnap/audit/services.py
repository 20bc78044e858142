"""The one way to write the audit log."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from ketnap.audit import chain
from ketnap.audit.context import RequestContext, current
from ketnap.audit.masking import mask_sensitive, shown
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.policy import Action


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """JSON-safe field values of ``obj``: the before/after of an audit row."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, dt.date | dt.datetime | decimal.Decimal):
            value = str(value)
        data[field.attname] = value
    return data


def audit_log(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organization_path: str = "",
    reason: str = "",
) -> AuditEntry:
    """Record one change. Must run inside the transaction that makes the change.

    The sensitive values in ``before`` and ``after`` are stored masked (``masking``).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log must be called inside the transaction of the change it records")
    context = current.get()
    object_type = obj._meta.label_lower
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        organization_path=organization_path,
        before=mask_sensitive(object_type, before),
        after=mask_sensitive(object_type, after),
        reason=reason,
        request_id=context.request_id,
        address=context.address,
    )


@dataclass(frozen=True)
class Record:
    """One change for ``audit_log_many``: the arguments of one ``audit_log`` call."""

    action: str
    obj: models.Model
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    organization_path: str = ""
    # ``str(obj)`` when the caller already has it (the same for many objects).
    text: str | None = None


def audit_log_many(*, actor: Any, records: Sequence[Record]) -> int:
    """Record many changes by one actor, in this order, as ``audit_log`` would one by
    one (same rows, chained in id order) but in a few inserts: for bulk writes such as
    an import. Must run inside the transaction that makes the changes; the rows written."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log_many must be called inside the transaction of the changes it records")
    if not records:
        return 0
    context = current.get()
    entries = [_entry(actor, context, record) for record in records]
    chain.lock()
    head = AuditEntry.objects.order_by("-pk").values_list("hash", "at").first()
    for entry in entries:
        chain.seal(entry, head)
        head = (entry.hash, entry.at)
    # The model's own bulk_create is refused because it would skip the chain built above.
    models.QuerySet[AuditEntry](AuditEntry).bulk_create(entries, batch_size=500)
    return len(entries)


def _entry(actor: Any, context: RequestContext, record: Record) -> AuditEntry:
    object_type = record.obj._meta.label_lower
    return AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        action=record.action,
        object_type=object_type,
        object_id=str(record.obj.pk),
        object_repr=(str(record.obj) if record.text is None else record.text)[:255],
        organization_path=record.organization_path,
        before=mask_sensitive(object_type, record.before),
        after=mask_sensitive(object_type, record.after),
        request_id=context.request_id,
        address=context.address,
    )


@transaction.atomic
def audit_reveal(*, actor: Any, entry: AuditEntry) -> dict[str, Any]:
    """The masked values of ``entry`` shown by fingerprint, for a user who may see the
    sensitive fields of its organization (as for a person's reveal); audited.

    The values themselves cannot be shown: they are stored masked (``masking``). The
    fingerprints tell which masked values are equal, and so whether a value changed.
    """
    policy.require(actor, Action.VIEW_SENSITIVE, entry)
    audit_log(
        actor=actor,
        action="audit.reveal",
        obj=entry,
        after={"entry": entry.pk},
        organization_path=entry.organization_path,
    )
    return {"before": shown(entry.before, revealed=True), "after": shown(entry.after, revealed=True)}
