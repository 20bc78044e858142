"""Reads of the audit log: checking its hash chain, and its head for a checkpoint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ketnap.audit import chain
from ketnap.audit.models import AuditEntry

# Rows written before the chain existed took their time outside the writers' lock,
# so concurrent writers could leave them a moment out of order; rows written since
# never go back in time.
CLOCK_TOLERANCE = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class Problem:
    """The first place the chain breaks: the row's id, the kind, and an explanation."""

    entry_id: int | None
    kind: str  # altered, backdated, deleted, inserted, reordered, truncated, rewritten
    message: str


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head and length, to keep outside the database."""

    rows: int
    head_id: int | None
    head_hash: str

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "head_id": self.head_id, "head_hash": self.head_hash}


def checkpoint() -> Checkpoint:
    """The current head of the chain and the number of rows."""
    head = AuditEntry.objects.order_by("-pk").values_list("pk", "hash").first()
    rows = AuditEntry.objects.count()
    return Checkpoint(rows=rows, head_id=head[0] if head else None, head_hash=head[1] if head else chain.GENESIS)


def chain_problem(kept: Checkpoint | None = None) -> Problem | None:
    """The first altered, deleted, inserted or reordered row, or None when the chain
    holds; with ``kept``, also a truncation or rewrite behind that checkpoint."""
    rows = AuditEntry.objects.order_by("pk").iterator(chunk_size=2000)
    problem = _walk(rows)
    if problem is None and kept is not None:
        problem = _against_checkpoint(kept)
    return problem


def _walk(rows: Iterable[AuditEntry]) -> Problem | None:
    prev: AuditEntry | None = None
    for row in rows:
        problem = _row_problem(row, prev)
        if problem is not None:
            return problem
        prev = row
    return None


def _row_problem(row: AuditEntry, prev: AuditEntry | None) -> Problem | None:
    if chain.row_hash(row, row.prev_hash) != row.hash:
        return Problem(row.pk, "altered", _("Dòng %(id)s đã bị sửa: nội dung không khớp với mã băm.") % {"id": row.pk})
    if prev is not None and row.at < prev.at - CLOCK_TOLERANCE:
        message = _("Dòng %(id)s được chèn lùi ngày: thời điểm của nó sớm hơn dòng %(prev)s đứng trước.")
        return Problem(row.pk, "backdated", message % {"id": row.pk, "prev": prev.pk})
    if row.prev_hash != (prev.hash if prev else chain.GENESIS):
        return _link_problem(row, prev)
    return None


def _link_problem(row: AuditEntry, prev: AuditEntry | None) -> Problem:
    """``row`` is intact but does not follow ``prev``: say why."""
    if row.prev_hash == chain.GENESIS:
        message = _("Dòng %(id)s đã bị chèn vào: nó tự nhận là dòng đầu tiên của chuỗi.")
        return Problem(row.pk, "inserted", message % {"id": row.pk})
    target = AuditEntry.objects.filter(hash=row.prev_hash).order_by("pk").values_list("pk", flat=True).first()
    values = {"id": row.pk, "prev": prev.pk if prev else "-", "target": target}
    if target is None:
        message = _("Trước dòng %(id)s có dòng đã bị xoá (hoặc dòng %(prev)s đã bị viết lại): chuỗi bị đứt.")
        return Problem(row.pk, "deleted", message % values)
    if target > row.pk:
        message = _("Dòng %(id)s sai thứ tự: nó nối tiếp dòng %(target)s, là dòng đứng sau nó.")
        return Problem(row.pk, "reordered", message % values)
    return _inserted(row, target, values)


def _inserted(row: AuditEntry, target: int, values: dict[str, Any]) -> Problem:
    # Every row before ``row`` follows its predecessor (the walk got this far), so
    # ``target`` already has its successor: ``row`` is a second one, forged.
    message = _("Dòng %(id)s đã bị chèn vào: nó nối tiếp dòng %(target)s, vốn đã có dòng nối tiếp.")
    return Problem(row.pk, "inserted", message % values)


def _against_checkpoint(kept: Checkpoint) -> Problem | None:
    if kept.head_id is None:
        return None
    head = AuditEntry.objects.filter(pk=kept.head_id).values_list("hash", flat=True).first()
    values = {"id": kept.head_id, "rows": kept.rows}
    if head is None:
        message = _("Dòng %(id)s, đầu chuỗi khi lập mốc kiểm tra, không còn: nhật ký đã bị cắt bớt.")
        return Problem(kept.head_id, "truncated", message % values)
    if head != kept.head_hash:
        message = _("Dòng %(id)s không còn mã băm đã ghi ở mốc kiểm tra: chuỗi đến nó đã bị viết lại.")
        return Problem(kept.head_id, "rewritten", message % values)
    if AuditEntry.objects.filter(pk__lte=kept.head_id).count() != kept.rows:
        message = _("Số dòng đến dòng %(id)s khác với %(rows)s dòng đã ghi ở mốc kiểm tra: chuỗi đã bị viết lại.")
        return Problem(kept.head_id, "rewritten", message % values)
    return None
