"""Lai Châu's villages and village heads (Lai Châu report, 31/12/2021).

Every village cell of the province serves its village; a few more villages have no cell
and no member yet (thôn, bản chưa có chi bộ), their heads not party members. Each
village has a head from 01/7/2019: 71,76% of them are party members and 20,08% are
also the secretary of the cell serving the village ("nhất thể hóa"). The number of
villages without a cell is the smallest that makes both percentages exact.

One of those villages went back to having no member ("tái trắng", the problem the
Mường Lát report of 2022 names): a neighbouring village's cell served it jointly until
its members there left to work far away, and the joint arrangement ended on 01/9/2020.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from ketnap.coverage.selectors import percent
from ketnap.demo.builder import DemoWriter, slug
from ketnap.demo.lai_chau import AS_OF, CODE, FOUNDED
from ketnap.demo.names import hamlet_names
from ketnap.demo.profiles import non_member
from ketnap.organizations.models import Locality, LocalityCell, LocalityKind, Organization, OrgKind, Sector, VillageHead
from ketnap.people.models import Position, PositionKind, StatusPeriod

HEADS_MEMBERS = "71.76"
SECRETARIES_HEADS = "20.08"
MIN_EXTRA = 12  # villages without a cell
TERM = dt.date(2019, 7, 1)  # village heads elected for the 2019–2022 term
SECRETARY_FROM = dt.date(2020, 8, 1)  # cell congresses of the 2020–2025 term
ETHNICITIES = ("thai", "hmong", "dao", "giay", "hanhi", "kinh")
RELAPSED_ON = dt.date(2020, 9, 1)  # the joint cell stopped serving the first village without a cell


def exact_split(minimum: int) -> tuple[int, int, int]:
    """The smallest number of villages ≥ ``minimum`` with whole numbers of member heads
    and of secretary heads giving both published percentages exactly."""
    total = minimum
    while True:
        members = _count_for(HEADS_MEMBERS, total)
        secretaries = _count_for(SECRETARIES_HEADS, total)
        if members is not None and secretaries is not None:
            return total, members, secretaries
        total += 1


def _count_for(target: str, total: int) -> int | None:
    guess = round(float(target) * total / 100)
    for count in (guess - 1, guess, guess + 1):
        share = percent(count, total)
        if share is not None and str(share) == target:
            return count
    return None


def build(writer: DemoWriter) -> None:
    province = Organization.objects.filter(code=CODE).first()
    if province is None or Locality.objects.filter(commune__path__startswith=province.path).exists():
        return
    rng = random.Random("2021:lai-chau:coverage")
    cells = list(
        Organization.objects.as_of(AS_OF)
        .filter(path__startswith=province.path, sector=Sector.VILLAGE, kind=OrgKind.SUBORDINATE_CELL)
        .order_by("path")
    )
    members = _members(cells)
    total, member_heads, secretary_heads = exact_split(len(cells) + MIN_EXTRA)
    served = _villages(writer, rng, cells, total - len(cells))
    writer.flush()
    secretaries = {cell.pk: members[cell.pk][0] for cell in cells}
    for cell in cells:
        secretary = Position(
            person_id=secretaries[cell.pk], organization=cell, kind=PositionKind.SECRETARY, valid_from=SECRETARY_FROM
        )
        writer.row(secretary)
    _heads(writer, rng, served, members, secretaries, member_heads, secretary_heads)
    writer.flush()
    writer.echo(
        f"  Lai Châu: {total} thôn, bản; {member_heads} trưởng thôn là đảng viên, {secretary_heads} kiêm bí thư"
    )


def _members(cells: list[Organization]) -> dict[int, list[int]]:
    """Members of each village cell on 31/12/2021, in a stable order."""
    found: dict[int, list[int]] = defaultdict(list)
    periods = StatusPeriod.objects.as_of(AS_OF).members().filter(organization__in=cells).order_by("person_id")
    for cell_id, person_id in periods.values_list("organization_id", "person_id"):
        if person_id not in found[cell_id]:
            found[cell_id].append(person_id)
    return found


def _villages(
    writer: DemoWriter, rng: random.Random, cells: list[Organization], extra: int
) -> list[tuple[Locality, Organization, bool]]:
    """(village, its cell or the nearest cell for a village without one, whether the cell serves it)."""
    communes = {c.path: c for c in Organization.objects.filter(path__in={cell.path[: -cell.steplen] for cell in cells})}
    served = [(_village(writer, cell, communes, cell.name.removeprefix("Chi bộ ")), cell, True) for cell in cells]
    rural = [cell for cell in cells if cell.name.startswith("Chi bộ bản ")]
    for cell, name in zip(rng.sample(rural, extra), hamlet_names(rng, extra), strict=True):
        served.append((_village(writer, cell, communes, f"bản {name}", without_cell=True), cell, False))
    for village, cell, own in served:
        if own:
            writer.row(LocalityCell(locality=village, cell=cell, valid_from=FOUNDED))
    relapsed, neighbour, _own = served[len(cells)]
    writer.row(LocalityCell(locality=relapsed, cell=neighbour, valid_from=FOUNDED, valid_to=RELAPSED_ON))
    return served


def _village(
    writer: DemoWriter, cell: Organization, communes: dict[str, Organization], name: str, without_cell: bool = False
) -> Locality:
    rural = name.startswith("bản ")
    return writer.row(  # type: ignore[return-value]
        Locality(
            code=f"{cell.code}-{'ban-' + slug(name) if without_cell else 'thon'}",
            name=name[0].upper() + name[1:],
            kind=LocalityKind.HAMLET if rural else LocalityKind.RESIDENTIAL_GROUP,
            commune=communes[cell.path[: -cell.steplen]],
            hardship_area=rural,
            valid_from=FOUNDED,
        )
    )


def _heads(
    writer: DemoWriter,
    rng: random.Random,
    served: list[tuple[Locality, Organization, bool]],
    members: dict[int, list[int]],
    secretaries: dict[int, int],
    member_heads: int,
    secretary_heads: int,
) -> None:
    order = list(served)
    rng.shuffle(order)
    merged = set([index for index, entry in enumerate(order) if entry[2]][:secretary_heads])
    used = {secretaries[order[index][1].pk] for index in merged}
    heads_left = member_heads - secretary_heads
    for index, (village, cell, own) in enumerate(order):
        person_id = secretaries[cell.pk] if index in merged else None
        if person_id is None and heads_left > 0 and own:
            person_id = next((p for p in members[cell.pk][1:] if p not in used), None)
            heads_left -= person_id is not None
        if person_id is None:
            draft = non_member(
                writer, rng, cell, ethnicity=rng.choice(ETHNICITIES), female=rng.random() < 0.15, reference=AS_OF
            )
            writer.row(VillageHead(locality=village, person=draft.person, valid_from=TERM))
            continue
        used.add(person_id)
        writer.row(VillageHead(locality=village, person_id=person_id, valid_from=TERM))
    if heads_left:
        raise RuntimeError(f"{heads_left} member heads could not be placed")
