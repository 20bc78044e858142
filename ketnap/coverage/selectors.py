"""Village coverage for any subtree and date (domain.md §7, §9.3).

A village (thôn, bản, tổ dân phố) belongs to a subtree when its commune does, or when a
cell of the subtree serves it on the date. Definitions, all on one date:

- **has a member**: with ``COVERAGE_MEMBER_BASIS = "cell"`` (default) a cell serving the
  village has an official or probationary member; with ``"residence"`` a member's
  recorded village of residence is the village. The texts do not say which (§12.13), so
  it is a setting.
- **own cell**: a cell serving the village serves no other village then; a **joint
  cell** serves several (chi bộ ghép).
- **tái trắng**: a village without a member that had one before; the date is the first
  day without one (no official definition: §12.13, "member count from > 0 back to 0").
- **village heads who are members**: heads that are official or probationary members,
  over the villages with a head.
- **secretaries who are village heads** (nhất thể hóa): villages whose head is the
  secretary of a cell serving the village, over the villages with a head.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.core.policy import Action
from ketnap.coverage.checks import member_basis
from ketnap.organizations.models import Locality, LocalityCell, Organization, VillageHead
from ketnap.people.models import Position, PositionKind, StatusPeriod

__all__ = ["CellRef", "Coverage", "HeadRef", "VillageRow", "coverage_for", "percent"]


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` in percent, rounded half up to two decimals (71,76%); None of nothing."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CellRef:
    """A cell serving a village, with what the pages and the API show of it (a nation has
    tens of thousands: plain records, not model instances)."""

    pk: int
    code: str
    name: str


@dataclass(frozen=True)
class HeadRef:
    """A village head, with what the pages and the API show of them."""

    pk: int
    full_name: str


@dataclass
class VillageRow:
    """One village on the date, with what the coverage figures need."""

    locality: Locality
    cells: list[CellRef] = field(default_factory=list)
    joint_cells: list[CellRef] = field(default_factory=list)
    members: int = 0
    head: HeadRef | None = None
    head_is_member: bool = False
    head_is_secretary: bool = False
    relapsed_on: dt.date | None = None

    @property
    def has_own_cell(self) -> bool:
        return any(cell not in self.joint_cells for cell in self.cells)

    @property
    def has_member(self) -> bool:
        return self.members > 0


@dataclass
class Coverage:
    """The coverage of ``org``'s subtree on ``as_of``; ``rows`` in commune and name order."""

    org: Organization
    as_of: dt.date
    basis: str
    rows: list[VillageRow]

    def _count(self, wanted: Callable[[VillageRow], bool]) -> int:
        return sum(1 for row in self.rows if wanted(row))

    @property
    def villages(self) -> int:
        return len(self.rows)

    @property
    def without_member(self) -> int:
        return self._count(lambda r: not r.has_member)

    @property
    def without_own_cell(self) -> int:
        return self._count(lambda r: not r.has_own_cell)

    @property
    def joint(self) -> int:
        return self._count(lambda r: bool(r.joint_cells))

    @property
    def relapsed(self) -> int:
        return self._count(lambda r: r.relapsed_on is not None)

    @property
    def with_head(self) -> int:
        return self._count(lambda r: r.head is not None)

    @property
    def heads_members(self) -> int:
        return self._count(lambda r: r.head_is_member)

    @property
    def heads_secretaries(self) -> int:
        return self._count(lambda r: r.head_is_secretary)

    @property
    def heads_members_percent(self) -> Decimal | None:
        return percent(self.heads_members, self.with_head)

    @property
    def secretaries_heads_percent(self) -> Decimal | None:
        return percent(self.heads_secretaries, self.with_head)

    def as_dict(self) -> dict[str, Any]:
        """The figures of the report contract (``ketnap report coverage``)."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "org": self.org.code,
            "as_of": self.as_of.isoformat(),
            "member_basis": self.basis,
            "villages": self.villages,
            "villages_without_member": self.without_member,
            "villages_without_own_cell": self.without_own_cell,
            "villages_with_joint_cell": self.joint,
            "villages_relapsed": self.relapsed,
            "villages_with_head": self.with_head,
            "village_heads_members": self.heads_members,
            "village_heads_members_percent": number(self.heads_members_percent),
            "secretaries_village_heads": self.heads_secretaries,
            "secretaries_village_heads_percent": number(self.secretaries_heads_percent),
        }


NAME_PARTS = ("person__family_name", "person__middle_name", "person__given_name")

LISTS = ("all", "without-member", "without-own-cell", "joint", "relapsed", "head-member", "secretary-head")


def rows_of(coverage: Coverage, which: str) -> list[VillageRow]:
    """The villages behind one figure (``LISTS``)."""
    tests: dict[str, Callable[[VillageRow], bool]] = {
        "all": lambda r: True,
        "without-member": lambda r: not r.has_member,
        "without-own-cell": lambda r: not r.has_own_cell,
        "joint": lambda r: bool(r.joint_cells),
        "relapsed": lambda r: r.relapsed_on is not None,
        "head-member": lambda r: r.head_is_member,
        "secretary-head": lambda r: r.head_is_secretary,
    }
    return [row for row in coverage.rows if tests[which](row)]


def villages_in(user: Any, org: Organization, as_of: dt.date) -> QuerySet[Locality]:
    """Villages valid on ``as_of`` in ``org``'s subtree that ``user`` may see (``None``: the
    system operator of the command line, who sees everything)."""
    served = LocalityCell.objects.as_of(as_of).filter(locality=OuterRef("pk"), cell__path__startswith=org.path)
    queryset: QuerySet[Locality] = Locality.objects.as_of(as_of).filter(
        Q(commune__path__startswith=org.path) | Exists(served)
    )
    if user is not None:
        queryset = policy.scope(user, queryset, Action.VIEW)
    return queryset.select_related("commune").order_by("commune__path", "name")


@reading_from_replica()
def coverage_for(user: Any, org: Organization, as_of: dt.date, *, basis: str | None = None) -> Coverage:
    """The coverage of ``org``'s subtree on ``as_of`` as ``user`` may see it.

    Five queries whatever the size of the subtree: the villages, then their cells, member
    counts and heads, each selecting the villages again as a subquery (a nation has tens
    of thousands: a list of ids in the statement cost more than the query itself), and the
    relapse dates of the villages without a member."""
    basis = basis or member_basis()
    villages = villages_in(user, org, as_of)
    rows = {village.pk: VillageRow(village) for village in villages}
    chosen = villages.values("pk")
    _serving_cells(rows, chosen, as_of)
    counts = _member_counts(rows, chosen, as_of, basis)
    for pk, row in rows.items():
        row.members = counts.get(pk, 0)
    _heads(rows, chosen, as_of)
    _relapses([row for row in rows.values() if not row.has_member], as_of, basis)
    return Coverage(org=org, as_of=as_of, basis=basis, rows=list(rows.values()))


def _links(chosen: QuerySet[Any], as_of: dt.date) -> QuerySet[LocalityCell]:
    return LocalityCell.objects.as_of(as_of).filter(locality__in=chosen)


def _serving_cells(rows: dict[int, VillageRow], chosen: QuerySet[Any], as_of: dt.date) -> None:
    """Each village's cells on the date; a cell serving another village then is joint."""
    others = (
        LocalityCell.objects.as_of(as_of)
        .filter(cell_id=OuterRef("cell_id"))
        .exclude(locality_id=OuterRef("locality_id"))
    )
    links = (
        _links(chosen, as_of)
        .annotate(joint=Exists(others))
        .values_list("locality_id", "cell_id", "cell__code", "cell__name", "joint")
    )
    cells: dict[int, CellRef] = {}
    for locality_id, cell_id, code, name, joint in links:
        cell = cells.setdefault(cell_id, CellRef(cell_id, code, name))
        rows[locality_id].cells.append(cell)
        if joint:
            rows[locality_id].joint_cells.append(cell)


def _member_counts(rows: dict[int, VillageRow], chosen: QuerySet[Any], as_of: dt.date, basis: str) -> dict[int, int]:
    members = StatusPeriod.objects.as_of(as_of).members()
    if basis == "residence":
        found = (
            members.filter(person__residence_locality_id__in=chosen)
            .values("person__residence_locality_id")
            .annotate(n=Count("person_id", distinct=True))
        )
        return {entry["person__residence_locality_id"]: entry["n"] for entry in found}
    by_cell = dict(
        members.filter(organization_id__in=_links(chosen, as_of).values("cell_id"))
        .values_list("organization_id")
        .annotate(n=Count("person_id", distinct=True))
    )
    return {pk: sum(by_cell.get(c.pk, 0) for c in row.cells) for pk, row in rows.items()}


def _heads(rows: dict[int, VillageRow], chosen: QuerySet[Any], as_of: dt.date) -> None:
    """Each village's head on the date, whether a member, and whether the secretary of a
    cell serving the village, in one query."""
    member = StatusPeriod.objects.as_of(as_of).members().filter(person_id=OuterRef("person_id"))
    serving = LocalityCell.objects.as_of(as_of).filter(locality_id=OuterRef(OuterRef("locality_id")))
    secretary = Position.objects.as_of(as_of).filter(
        kind=PositionKind.SECRETARY, person_id=OuterRef("person_id"), organization_id__in=serving.values("cell_id")
    )
    heads = (
        VillageHead.objects.as_of(as_of)
        .filter(locality__in=chosen)
        .annotate(member=Exists(member), secretary=Exists(secretary))
        .values_list("locality_id", "person_id", *NAME_PARTS, "member", "secretary")
    )
    for locality_id, person_id, family, middle, given, is_member, is_secretary in heads:
        row = rows[locality_id]
        row.head = HeadRef(person_id, " ".join(part for part in (family, middle, given) if part))  # Person.full_name
        row.head_is_member = is_member
        row.head_is_secretary = is_member and is_secretary


def _relapses(rows: Iterable[VillageRow], as_of: dt.date, basis: str) -> None:
    """The first day without a member of each village that had members before ``as_of``."""
    by_pk = {row.locality.pk: row for row in rows}
    if not by_pk:
        return
    last = _last_served_by_residence(by_pk, as_of) if basis == "residence" else _last_served_by_cell(by_pk, as_of)
    for pk, day in last.items():
        by_pk[pk].relapsed_on = day


def _last_served_by_cell(rows: dict[int, VillageRow], as_of: dt.date) -> dict[int, dt.date]:
    links = list(LocalityCell.objects.filter(locality_id__in=rows, valid_from__lte=as_of))
    periods: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    found = StatusPeriod.objects.members().filter(organization_id__in={link.cell_id for link in links}, start__lt=as_of)
    for cell_id, start, end in found.values_list("organization_id", "start", "end"):
        periods[cell_id].append((start, end or dt.date.max))
    last: dict[int, dt.date] = {}
    for link in links:
        link_end = link.valid_to or dt.date.max
        for start, end in periods[link.cell_id]:
            if start < link_end and link.valid_from < end:
                day = min(end, link_end)
                last[link.locality_id] = max(last.get(link.locality_id, day), day)
    return {pk: day for pk, day in last.items() if day <= as_of}


def _last_served_by_residence(rows: dict[int, VillageRow], as_of: dt.date) -> dict[int, dt.date]:
    found = (
        StatusPeriod.objects.members()
        .filter(person__residence_locality_id__in=rows, start__lt=as_of, end__isnull=False)
        .values_list("person__residence_locality_id", "end")
    )
    last: dict[int, dt.date] = {}
    for pk, end in found:
        last[pk] = max(last.get(pk, end), end)
    return {pk: day for pk, day in last.items() if day <= as_of}
