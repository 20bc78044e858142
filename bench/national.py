"""Benchmark dataset: a synthetic nation at any scale, written in bulk (COPY on PostgreSQL).

./dev bench national --scale 0.01 --database-url postgres://…   # 1.0 = 34 provinces, 5.64 million members

Scale 1.0 is the size of the whole party: 34 provinces, about 270,000 cells, 5.6 million
members (≈ 3% probationary, ≈ 38% women, ≈ 18% ethnic minority), 19 million membership
events, 18 million status periods, 7.9 million profile rows, 228,000 open admission cases
in every stage. The 2025 reform closes about a fifth of the district committees on
01/07/2025, merges their communes three into one under the province and moves every
member to the cell that continues theirs, with the transfer events the reorganization
service records. Every commune has 8–12 villages (≈ 84,000 at 1.0), each served by a cell
of its own, a joint cell or none, and headed by a member of its cell in ≈ 70% of cases.

The rows are those the services would write: status periods come from the same pure
projection (``ketnap.people.status.project``) the services use, the person is recorded
where the projection ends, one profile row per person from the birth date (and a second
one from a later training). Bulk rows do not go through the audit log (a benchmark
dataset, not history anyone recorded) and cases carry no steps; the probationary
members' cases carry the recognition review deadline the case service stores.
Deterministic for a seed; memory stays constant (rows are streamed per province).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import math
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AS_OF = dt.date(2025, 12, 31)
REFORM = dt.date(2025, 7, 1)
FOUNDED = dt.date(1960, 1, 1)
PROVINCES = 34
OLD_CELLS = 227_000  # at scale 1.0; the reform adds a continuing cell for each reformed one
CELLS_PER_COMMUNE, COMMUNES_PER_DISTRICT, MERGED = 27, 15, 3
MEMBERS_PER_CELL = (14, 36)  # uniform: 25 on average
REFORMED_EVERY = 5  # every fifth district committee is dissolved in 2025
PROBATIONARY, WOMEN, MINORITY, RETRAINED = 0.03, 0.38, 0.18, 0.5
EXTRA_CASES = 0.0105  # open cases per member besides the probationary members' ones
EXTRA_STAGES = {"dossier": 30, "cell": 20, "committee": 15, "decision": 10, "ceremony": 10, "card": 15}
MINORITIES = ("tay", "thai", "muong", "khmer", "hmong", "nung", "dao")
VILLAGES = (8, 12)  # villages per commune before the reform: ≈ 84,000 at scale 1.0
NO_CELL, JOINT, HEAD_MEMBERS = 0.04, 0.10, 0.70
HEADS_FROM = dt.date(2020, 1, 1)
BUFFER = 20_000
CODE = "vn-bench"

Echo = Callable[[str], None]


# ---------------------------------------------------------------- writing


class Table:
    """Rows of one table with explicit ids, buffered and written by COPY (PostgreSQL) or
    multi-row INSERT; columns not given get the field default, as Django would."""

    def __init__(self, model: Any, columns: Sequence[str], writer: Writer) -> None:
        from django.db import connection

        given = set(columns)
        rest = [f for f in model._meta.concrete_fields if f.column not in given and f.column != "id"]
        self.model, self.writer = model, writer
        self.tail = tuple(_default(f) for f in rest)
        self.columns = ["id", *columns, *(f.column for f in rest)]
        self.table = model._meta.db_table
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        self.seconds = 0.0
        self.next_id = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.postgres = connection.vendor == "postgresql"

    def add(self, *values: Any) -> int:
        number = self.next_id
        self.next_id += 1
        self.rows.append((number, *values, *self.tail))
        if len(self.rows) >= BUFFER:
            self.writer.flush()
        return number

    def flush(self) -> None:
        from django.db import connection

        if not self.rows:
            return
        started = time.perf_counter()
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in self.columns)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {quote(self.table)} ({names}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})", self.rows)
        self.count += len(self.rows)
        self.rows = []
        self.seconds += time.perf_counter() - started


def _default(f: Any) -> Any:
    from django.db import connection
    from django.utils import timezone

    if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
        return timezone.now()
    value = f.get_default()
    if f.get_internal_type() == "JSONField":
        return f.get_db_prep_save(value, connection)
    return value


class Writer:
    """The tables of the dataset, flushed together in foreign-key order."""

    def __init__(self) -> None:
        from ketnap.admission.models import AdmissionCase
        from ketnap.organizations.models import Locality, LocalityCell, Organization, Reorganization, VillageHead
        from ketnap.people.models import PROFILE_FIELDS, MembershipEvent, Person, Profile, StatusPeriod

        through = Reorganization.closed.through, Reorganization.opened.through
        self.org = Table(Organization, ORG_COLUMNS, self)
        self.reorg = Table(Reorganization, ("kind", "effective_on", "document_number"), self)
        self.closed = Table(through[0], ("reorganization_id", "organization_id"), self)
        self.opened = Table(through[1], ("reorganization_id", "organization_id"), self)
        self.person = Table(Person, PERSON_COLUMNS, self)
        self.profile = Table(Profile, ("person_id", "valid_from", "valid_to", *PROFILE_FIELDS), self)
        self.event = Table(MembershipEvent, EVENT_COLUMNS, self)
        self.period = Table(StatusPeriod, PERIOD_COLUMNS, self)
        self.case = Table(AdmissionCase, ("person_id", "cell_id", "opened_on", "stage", "due_code", "due_on"), self)
        self.locality = Table(Locality, ("code", "name", "kind", "commune_id", "valid_from", "valid_to"), self)
        self.served = Table(LocalityCell, ("locality_id", "cell_id", "valid_from", "valid_to"), self)
        self.head = Table(VillageHead, ("locality_id", "person_id", "valid_from", "valid_to"), self)
        self.tables = [self.org, self.reorg, self.closed, self.opened, self.person, self.profile, self.event,
                       self.period, self.case, self.locality, self.served, self.head]  # fmt: skip

    def flush(self) -> None:
        for table in self.tables:
            table.flush()

    def finish(self) -> None:
        """Write the rest and move the id sequences past the ids given here."""
        from django.core.management.color import no_style
        from django.db import connection

        self.flush()
        statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in self.tables])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


ORG_COLUMNS = ("path", "depth", "numchild", "code", "name", "search_name", "kind", "sector", "valid_from", "valid_to")
PERSON_COLUMNS = ("family_name", "middle_name", "given_name", "search_name", "sort_key", "gender", "birth_date",
                  "ethnicity", "religion", "education", "professional", "political_theory", "occupation",
                  "youth_union_member", "organization_id")  # fmt: skip
EVENT_COLUMNS = ("person_id", "kind", "date", "effective_date", "organization_id", "other_organization_id",
                 "arrives_as", "document_number")  # fmt: skip
PERIOD_COLUMNS = ("person_id", "status", "organization_id", "host_organization_id", "start", "end")


# ---------------------------------------------------------------- the tree


@dataclass
class Node:
    id: int
    path: str
    depth: int
    code: str
    name: str
    kind: str
    sector: str
    valid_from: dt.date = FOUNDED
    valid_to: dt.date | None = None
    children: list[Node] = field(default_factory=list)
    successor: Node | None = None  # the cell (or commune) continuing this one after the reform


def step(number: int) -> str:
    from ketnap.demo.builder import encode_step

    return encode_step(number)


class Tree:
    """Nodes with treebeard's materialized paths, written once their children are known."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    def node(self, parent: Node | None, code: str, name: str, kind: str, sector: str, **dates: Any) -> Node:
        if parent is None:
            from ketnap.organizations.models import Organization

            last = Organization.objects.filter(depth=1).order_by("-path").values_list("path", flat=True).first()
            path, depth = step(int(last, 36) + 1 if last else 1), 1
        else:
            path, depth = parent.path + step(len(parent.children) + 1), parent.depth + 1
        node = Node(self.writer.org.next_id, path, depth, code, name, kind, sector, **dates)
        self.writer.org.next_id += 1
        if parent is not None:
            parent.children.append(node)
        return node

    def write(self, node: Node) -> None:
        """``node`` and its subtree (ids were given when the nodes were made)."""
        from ketnap.lib.vntext import fold

        table = self.writer.org
        values = (node.path, node.depth, len(node.children), node.code, node.name, fold(node.name))
        table.rows.append((node.id, *values, node.kind, node.sector, node.valid_from, node.valid_to, *table.tail))
        for child in node.children:
            self.write(child)


@dataclass
class Shape:
    provinces: int
    cells_per_province: int

    @classmethod
    def at(cls, scale: float) -> Shape:
        provinces = max(1, min(PROVINCES, round(PROVINCES * math.sqrt(scale))))
        return cls(provinces, max(2, math.ceil(OLD_CELLS * scale / provinces)))


def province_tree(tree: Tree, nation: Node, number: int, shape: Shape) -> tuple[Node, list[Node]]:
    """One province: districts, communes and cells; every fifth district dissolved in 2025,
    its communes merged three into one under the province. Returns the province and its cells
    as they were before the reform (reformed ones pointing at their successor)."""
    from ketnap.organizations.models import OrgKind, Sector

    code = f"{nation.code}-p{number:02d}"
    province = tree.node(nation, code, f"Đảng bộ tỉnh {number}", OrgKind.PROVINCIAL, Sector.OTHER)
    communes = math.ceil(shape.cells_per_province / CELLS_PER_COMMUNE)
    districts = math.ceil(communes / COMMUNES_PER_DISTRICT)
    cells: list[Node] = []
    old_communes: list[list[Node]] = [[] for _ in range(districts)]
    for c in range(communes):
        d = c % districts
        district = _district(tree, province, d, reformed=d % REFORMED_EVERY == 0) if c < districts else None
        parent = district or province.children[d]
        commune = tree.node(parent, f"{parent.code}-x{c:03d}", f"Đảng bộ xã {number}.{c + 1}",
                            OrgKind.GRASSROOTS_COMMITTEE, Sector.COMMUNE, valid_to=parent.valid_to)  # fmt: skip
        old_communes[d].append(commune)
    for c in range(shape.cells_per_province):
        commune = old_communes[c % districts][(c // districts) % len(old_communes[c % districts])]
        cells.append(tree.node(commune, f"{commune.code}-cb{len(commune.children):02d}",
                               f"Chi bộ thôn {len(commune.children) + 1}", OrgKind.SUBORDINATE_CELL,
                               Sector.VILLAGE, valid_to=commune.valid_to))  # fmt: skip
    for d, group in enumerate(old_communes):
        if d % REFORMED_EVERY == 0:
            _merge(tree, province, group)
    return province, cells


def _district(tree: Tree, province: Node, d: int, reformed: bool) -> Node:
    from ketnap.organizations.models import OrgKind, Sector

    return tree.node(province, f"{province.code}-h{d:02d}", f"Đảng bộ huyện {d + 1}", OrgKind.UPPER, Sector.OTHER,
                     valid_to=REFORM if reformed else None)  # fmt: skip


def _merge(tree: Tree, province: Node, communes: list[Node]) -> None:
    """The 2025 reform: each three communes become one under the province, each cell continues
    as a new cell of the new commune; one reorganization (merge) per new commune."""
    from ketnap.organizations.models import OrgKind, ReorganizationKind, Sector

    writer = tree.writer
    for start in range(0, len(communes), MERGED):
        merged = communes[start : start + MERGED]
        new = tree.node(province, f"{merged[0].code}-2025", f"Đảng bộ xã mới {merged[0].name[12:]}",
                        OrgKind.GRASSROOTS_COMMITTEE, Sector.COMMUNE, valid_from=REFORM)  # fmt: skip
        for old in merged:
            old.successor = new
            for cell in old.children:
                cell.successor = tree.node(new, f"{cell.code}-2025", cell.name, OrgKind.SUBORDINATE_CELL,
                                           Sector.VILLAGE, valid_from=REFORM)  # fmt: skip
        reorganization = writer.reorg.add(ReorganizationKind.MERGE, REFORM, f"{start + 1}-NQ/TU")
        for old in merged:
            writer.closed.add(reorganization, old.id)
        writer.opened.add(reorganization, new.id)


# ---------------------------------------------------------------- people


class Names:
    """Pools of names with their folded and sort forms, drawn from the demo's name lists."""

    def __init__(self, rng: random.Random) -> None:
        from ketnap.demo.names import person_name
        from ketnap.lib.vntext import fold, name_sort_key

        self.pools: dict[tuple[str, bool], list[tuple[str, ...]]] = {}
        for ethnicity in ("kinh", *MINORITIES):
            for female in (False, True):
                pool: list[tuple[str, ...]] = []
                for _ in range(400):
                    family, middle, given = person_name(rng, ethnicity, female)
                    full = " ".join(part for part in (family, middle, given) if part)
                    pool.append((family, middle, given, fold(full), name_sort_key(family, middle, given)))
                self.pools[ethnicity, female] = pool

    def draw(self, rng: random.Random, ethnicity: str, female: bool) -> tuple[str, ...]:
        return rng.choice(self.pools[ethnicity, female])


@dataclass
class Life:
    """What happened to one person: admission dates (or none) and a case stage (or none)."""

    admitted: dt.date | None
    ceremony: dt.date | None
    recognized: dt.date | None
    stage: str | None


@functools.cache
def probation_due(ceremony: dt.date) -> tuple[str, dt.date | None]:
    from ketnap.admission import deadlines
    from ketnap.admission.calendar import working_calendar

    finding = deadlines.probation_findings(ceremony, ceremony, working_calendar())[0]
    return finding.code, finding.due_on


class People:
    def __init__(self, writer: Writer, rng: random.Random) -> None:
        self.writer, self.rng, self.names = writer, rng, Names(rng)
        self.members: dict[int, list[int]] = {}  # cell id: its members (all still members on AS_OF)

    def cell(self, cell: Node) -> None:
        rng = self.rng
        members = self.members.setdefault(cell.id, [])
        for _ in range(rng.randint(*MEMBERS_PER_CELL)):
            members.append(self.person(cell, self._member_life()))
            if rng.random() < EXTRA_CASES:
                self.person(cell, self._case_life())

    def _member_life(self) -> Life:
        from ketnap.demo.profiles import ceremony_after, day_between, old_admission, recognition_after

        rng = self.rng
        if rng.random() < PROBATIONARY:
            ceremony = day_between(rng, dt.date(2025, 1, 1), dt.date(2025, 12, 20))
            stage = "recognition" if ceremony < dt.date(2025, 2, 1) else "probation"
            return Life(ceremony - dt.timedelta(days=rng.randint(7, 30)), ceremony, None, stage)
        admitted = old_admission(rng, dt.date(2024, 9, 30))
        ceremony = ceremony_after(rng, admitted)
        return Life(admitted, ceremony, recognition_after(rng, ceremony), None)

    def _case_life(self) -> Life:
        from ketnap.demo.profiles import day_between

        rng = self.rng
        stage = rng.choices(list(EXTRA_STAGES), list(EXTRA_STAGES.values()))[0]
        if stage == "ceremony":
            return Life(day_between(rng, dt.date(2025, 11, 1), dt.date(2025, 12, 20)), None, None, stage)
        if stage == "card":
            ceremony = day_between(rng, dt.date(2024, 10, 1), dt.date(2024, 11, 15))
            return Life(ceremony - dt.timedelta(days=20), ceremony, ceremony + dt.timedelta(days=380), stage)
        return Life(None, None, None, stage)

    def person(self, cell: Node, life: Life) -> int:
        from ketnap.demo.profiles import birth_date_for, day_between
        from ketnap.people import status

        rng, writer = self.rng, self.writer
        female = rng.random() < WOMEN
        ethnicity = rng.choice(MINORITIES) if rng.random() < MINORITY else "kinh"
        anchor = life.admitted or day_between(rng, dt.date(2023, 1, 1), dt.date(2025, 10, 1))
        born = birth_date_for(rng, anchor)
        events = self._events(cell, life)
        periods = status.project(events)
        home = periods[-1].organization_id if periods and periods[-1].organization_id else _at(cell, AS_OF).id
        profile = _profile(rng, born)
        name = self.names.draw(rng, ethnicity, female)
        gender = "female" if female else "male"
        person = writer.person.add(*name, gender, born, ethnicity, *_person_fields(profile[-1][1], born), home)
        for valid_from, fields, valid_to in profile:
            writer.profile.add(person, valid_from, valid_to, *fields)
        for e in events:
            writer.event.add(person, e.kind.value, e.date, e.effective_date, e.organization_id,
                             e.other_organization_id, e.arrives_as.value if e.arrives_as else "", "")  # fmt: skip
        for p in periods:
            writer.period.add(person, p.status.value, p.organization_id, p.host_organization_id, p.start, p.end)
        if life.stage is not None:
            code, due = self._due(life)
            writer.case.add(person, _at(cell, AS_OF).id, anchor - dt.timedelta(days=60), life.stage, code, due)
        return person

    def _due(self, life: Life) -> tuple[str, dt.date | None]:
        """The deadline the case service stores for a probationary member's case: the
        recognition review (rule 16); the other stages carry none (no steps here)."""
        if life.stage not in ("probation", "recognition") or life.ceremony is None:
            return "", None
        return probation_due(life.ceremony)

    def _events(self, cell: Node, life: Life) -> list[Any]:
        """The events the case and reorganization services record, in that order."""
        from ketnap.people.status import Event, EventKind

        events: list[Any] = []

        def add(kind: EventKind, date: dt.date, **values: Any) -> None:
            events.append(Event(id=len(events) + 1, kind=kind, date=date, **values))

        if life.admitted is None:
            return events
        add(EventKind.ADMITTED, life.admitted, organization_id=_at(cell, life.admitted).id)
        moved = cell.successor is not None and life.admitted < REFORM
        steps = [(EventKind.CEREMONY, life.ceremony), (EventKind.RECOGNIZED, life.recognized)]
        for kind, date in steps:
            if date is None:
                continue
            if moved and date >= REFORM:
                moved = self._move(add, cell)
            if kind is EventKind.CEREMONY:
                add(kind, date, organization_id=_at(cell, date).id)
            else:
                add(kind, date, effective_date=_official_from(life.ceremony))
        if moved:
            self._move(add, cell)
        return events

    @staticmethod
    def _move(add: Callable[..., None], cell: Node) -> bool:
        from ketnap.people.status import EventKind

        assert cell.successor is not None
        add(EventKind.TRANSFERRED_OUT, REFORM, organization_id=cell.id, other_organization_id=cell.successor.id)
        add(EventKind.TRANSFERRED_IN, REFORM, organization_id=cell.successor.id)
        return False


class Villages:
    """Each commune's villages (thôn, bản, tổ dân phố), the cells serving them and their heads.

    A commune has ``VILLAGES`` villages; most get a cell of their own, some share the
    previous village's cell (a joint cell, chi bộ ghép; also every village beyond the
    commune's cells), some have none and so no member. Each village has one head from
    ``HEADS_FROM``; ≈ ``HEAD_MEMBERS`` of them a member of a cell serving the village (of
    the commune when none does), the others a non-member recorded where the village is.
    The 2025 reform leaves the villages of a merged commune in place (``reorganize``
    does not touch them) and moves each cell's villages to the cell continuing it, as
    ``locality_assign_cell`` would (the old link ends, a new one starts on 01/07/2025).
    Drawn from an rng of their own, so the rest of the nation is the same with or without them.
    """

    def __init__(self, writer: Writer, rng: random.Random, members: dict[int, list[int]]) -> None:
        self.writer, self.rng, self.members = writer, rng, members
        self.outsiders = People(writer, rng)  # the heads who are not members

    def province(self, province: Node) -> None:
        from ketnap.organizations.models import OrgKind

        for district in province.children:
            if district.kind == OrgKind.UPPER:
                for commune in district.children:
                    self.commune(commune)
        self.members.clear()

    def commune(self, commune: Node) -> None:
        rng, cells = self.rng, commune.children
        used = 0
        previous: Node | None = None
        for number in range(1, rng.randint(*VILLAGES) + 1):
            draw = rng.random()
            if draw < NO_CELL or not cells:
                cell = None
            elif (previous is not None and draw < NO_CELL + JOINT) or used >= len(cells):
                cell = previous or cells[number % len(cells)]
            else:
                cell, used = cells[used], used + 1
            self.village(commune, number, cell)
            previous = cell or previous

    def village(self, commune: Node, number: int, cell: Node | None) -> None:
        from ketnap.organizations.models import LocalityKind

        writer = self.writer
        kind = (LocalityKind.VILLAGE, LocalityKind.HAMLET, LocalityKind.RESIDENTIAL_GROUP)[number % 3]
        village = writer.locality.add(
            f"{commune.code}-t{number:02d}", f"Thôn {number}", kind, commune.id, FOUNDED, None
        )
        if cell is not None and cell.successor is not None:
            writer.served.add(village, cell.id, FOUNDED, REFORM)
            writer.served.add(village, cell.successor.id, REFORM, None)
        elif cell is not None:
            writer.served.add(village, cell.id, FOUNDED, None)
        writer.head.add(village, self.head(commune, cell), HEADS_FROM, None)

    def head(self, commune: Node, cell: Node | None) -> int:
        """A member of the serving cell (or of the commune's), taken off the list so nobody
        heads two villages; else a new non-member recorded at the cell or commune on AS_OF."""
        rng = self.rng
        pool = self.members.get(cell.id, []) if cell is not None else []
        if not pool and commune.children:
            pool = self.members.get(rng.choice(commune.children).id, [])
        if pool and rng.random() < HEAD_MEMBERS:
            index = rng.randrange(len(pool))
            pool[index], pool[-1] = pool[-1], pool[index]
            return pool.pop()
        return self.outsiders.person(cell or commune, Life(None, None, None, None))


def _official_from(ceremony: dt.date | None) -> dt.date:
    from ketnap.reports.selectors import years_before

    assert ceremony is not None
    return years_before(ceremony, -1)


def _at(cell: Node, date: dt.date) -> Node:
    return cell.successor if cell.successor is not None and date >= REFORM else cell


@functools.cache
def _choices() -> dict[str, tuple[list[str], list[float]]]:
    """Value lists and cumulative weights of the profile fields (the enums are slow to ask)."""
    from itertools import accumulate

    from ketnap.people.choices import Education, Occupation, PoliticalTheory, Professional, Religion

    occupations = [Occupation.FARMER, Occupation.VILLAGE_STAFF, Occupation.COMMUNE_OFFICIAL, Occupation.OTHER]
    table = {
        "education": (Education.values, [1, 3, 14, 37, 45]),
        "professional": (Professional.values, [52, 14, 18, 5, 10, 1, 0]),
        "occupation": ([str(o.value) for o in occupations], [70, 12, 10, 8]),
        "theory": (PoliticalTheory.values[:2], [1, 1]),
        "religion": ([str(Religion.NONE.value), str(Religion.BUDDHISM.value)], [95, 5]),
    }
    return {name: ([str(v) for v in values], list(accumulate(weights))) for name, (values, weights) in table.items()}


def _draw(rng: random.Random, name: str) -> str:
    values, cumulative = _choices()[name]
    return rng.choices(values, cum_weights=cumulative)[0]


def _profile(rng: random.Random, born: dt.date) -> list[tuple[dt.date, tuple[Any, ...], dt.date | None]]:
    """One profile row from the birth date; for some, a second from a later theory course."""
    education, professional, occupation = _draw(rng, "education"), _draw(rng, "professional"), _draw(rng, "occupation")
    religion = _choices()["religion"][0][rng.random() < 0.05]
    youth = AS_OF.year - born.year <= 30 and rng.random() < 0.75
    basic, intermediate = _choices()["theory"][0]
    first = (education, professional, basic, religion, occupation, youth)
    trained_on = born.replace(year=born.year + 30, day=1) if born.year + 30 < AS_OF.year else None
    if trained_on is None or rng.random() >= RETRAINED:
        return [(born, first, None)]
    second = (*first[:2], intermediate, *first[3:])
    return [(born, first, trained_on), (trained_on, second, None)]


def _person_fields(profile: tuple[Any, ...], born: dt.date) -> tuple[Any, ...]:
    # The person's own columns in PERSON_COLUMNS order: religion, education, professional,
    # political_theory, occupation, youth_union_member.
    education, professional, theory, religion, occupation, youth = profile
    return religion, education, professional, theory, occupation, youth


# ---------------------------------------------------------------- the build


def build(scale: float, seed: str = "ketnap-nation", echo: Echo = print, code: str = CODE) -> dict[str, int]:
    """Write the nation at ``scale``; returns the rows written per table."""
    from django.db import transaction

    from ketnap.organizations.models import Organization, OrgKind, Sector

    shape = Shape.at(scale)
    writer = Writer()
    tree = Tree(writer)
    rng = random.Random(seed)
    people = People(writer, rng)
    villages = Villages(writer, random.Random(f"{seed}-villages"), people.members)
    started = time.perf_counter()
    echo(f"scale {scale}: {shape.provinces} provinces of {shape.cells_per_province:,} cells before the reform")
    with transaction.atomic():
        nation = tree.node(None, code, "Toàn quốc (thử nghiệm)", OrgKind.NATIONAL, Sector.OTHER)
        tree.write(nation)  # no children yet: numchild set at the end
        writer.flush()
    with deferred_indexes([t.table for t in writer.tables[4:]], echo):
        for number in range(1, shape.provinces + 1):
            with transaction.atomic():
                province, cells = province_tree(tree, nation, number, shape)
                tree.write(province)
                for cell in cells:
                    people.cell(cell)
                villages.province(province)
                writer.flush()
            echo(f"  province {number}/{shape.provinces}: {writer.person.count:,} people, "
                 f"{writer.event.count:,} events, {time.perf_counter() - started:.1f} s")  # fmt: skip
    with transaction.atomic():
        writer.finish()
        Organization.objects.filter(pk=nation.id).update(numchild=shape.provinces)
    aggregates, aggregate_seconds = fill_aggregates(nation.id, echo)
    return (
        {t.table: t.count for t in writer.tables}
        | {"aggregates_memberdelta": aggregates, "_aggregates_memberdelta_ms": int(aggregate_seconds * 1000)}
        | {"_seconds": int(time.perf_counter() - started)}
        | {f"_{t.table}_ms": int(t.seconds * 1000) for t in writer.tables}
    )


def fill_aggregates(nation_id: int, echo: Echo) -> tuple[int, float]:
    """The member aggregates of the generated tables, computed in SQL (INSERT … SELECT …
    GROUP BY) by the same rebuild as ``ketnap aggregates rebuild``."""
    from ketnap.aggregates.services import rebuild
    from ketnap.organizations.models import Organization

    started = time.perf_counter()
    rows = rebuild(
        Organization.objects.get(pk=nation_id),
        progress=lambda done, total: echo(f"  aggregates: step {done}/{total}, {time.perf_counter() - started:.1f} s"),
    )
    return rows, time.perf_counter() - started


@contextlib.contextmanager
def deferred_indexes(tables: list[str], echo: Echo) -> Iterator[None]:
    """On PostgreSQL, drop the non-unique indexes of ``tables`` for the load and create them
    again afterwards from their own definitions (unique ones stay: they are constraints)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE %%'",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # inside an outer transaction (tests)
            for _, definition in indexes:
                cursor.execute(definition)
        echo(f"  {len(indexes)} indexes created again in {time.perf_counter() - started:.1f} s")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01, help="1.0 = the whole party (34 provinces)")
    parser.add_argument("--database-url", help="postgres://… (default: a temporary SQLite database)")
    parser.add_argument("--seed", default="ketnap-nation")
    parser.add_argument(
        "--operations",
        action="store_true",
        help="then time the statistics report for the nation, the largest province and a commune, "
        "village coverage, the pages and the writes, each beside a recomputation from the raw tables",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median reported)")
    return parser.parse_args()


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import analyze, start_django

    args = arguments()
    where = start_django(args.database_url)
    print(f"database: {where}")
    from ketnap.organizations.models import Organization

    if Organization.objects.filter(code=CODE).exists():
        if not args.operations:
            sys.exit(f"{where} already holds a national dataset ({CODE}); use an empty database")
        operations(args.runs)
        return
    started = time.perf_counter()
    figures = build(args.scale, args.seed)
    seconds = time.perf_counter() - started
    print(f"{'table':<40} {'rows':>12} {'writing':>10}")
    for name, rows in figures.items():
        if not name.startswith("_"):
            print(f"{name:<40} {rows:>12,} {figures[f'_{name}_ms'] / 1000:>9.1f}s")
    analyze_started = time.perf_counter()
    analyze()
    print(f"ANALYZE: {time.perf_counter() - analyze_started:.1f} s")
    print(f"total: {time.perf_counter() - started:.1f} s (build {seconds:.1f} s)")
    if args.operations:
        operations(args.runs)


def operations(runs: int) -> None:
    """The report beside bench/run.py's hand-written query, for three sizes of subtree."""
    import pages
    import villages
    from run import compare

    from ketnap.organizations.models import Organization
    from ketnap.people.models import Person

    nation = Organization.objects.get(code=CODE)
    provinces = Organization.objects.filter(path__startswith=nation.path, depth=2)
    by_size = sorted(provinces, key=lambda p: Person.objects.filter(organization__path__startswith=p.path).count())
    largest = by_size[-1] if by_size else None
    commune = Organization.objects.filter(path__startswith=nation.path, kind="grassroots_committee",
                                          valid_to__isnull=True).order_by("path").first()  # fmt: skip
    print(f"statistics as of {AS_OF:%d/%m/%Y}, median of {runs} warm runs")
    for org in (nation, largest, commune):
        if org is not None:
            compare(org.code, runs, AS_OF)
    villages.run([org for org in (nation, largest) if org is not None], AS_OF, runs)
    if largest is not None:
        event_latency(largest, runs)
        step_latency(largest, runs)
        pages.run(nation, [largest, *([by_size[0]] if by_size[0] != largest else [])], AS_OF, runs)


WRITE_RUNS = 20  # at least, for the median of the write latencies


def event_latency(province: Any, runs: int) -> None:
    """Recording an event through the services, aggregates included (rolled back)."""
    from ketnap.people.models import Person, StatusPeriod
    from ketnap.people.services import event_record
    from ketnap.people.status import EventKind

    runs = max(runs, WRITE_RUNS)
    ids = StatusPeriod.objects.members().as_of(AS_OF).filter(organization__path__startswith=province.path)
    people = list(Person.objects.filter(pk__in=ids.values("person_id")[: runs + 1]))
    write_latency(
        f"recording an event (exemption, backdated to {AS_OF:%d/%m/%Y}), aggregates included",
        province,
        [lambda actor, person=person: event_record(actor=actor, person=person, kind=EventKind.EXEMPTED, date=AS_OF)
         for person in people],
    )  # fmt: skip


def step_latency(province: Any, runs: int) -> None:
    """Recording a case step through the services: the application, which opens every
    dossier (the benchmark's cases carry no steps yet), rolled back."""
    from ketnap.admission.models import AdmissionCase
    from ketnap.admission.services import step_record

    runs = max(runs, WRITE_RUNS)
    cases = AdmissionCase.objects.filter(stage="dossier", closed_on__isnull=True, cell__path__startswith=province.path)
    write_latency(
        f"recording a case step (application, on {AS_OF:%d/%m/%Y})",
        province,
        [lambda actor, case=case: step_record(actor=actor, case=case, kind="application", occurred_on=AS_OF)
         for case in cases[: runs + 1]],
    )  # fmt: skip


def write_latency(label: str, province: Any, writes: list[Callable[[Any], Any]]) -> None:
    """Each write in its own transaction, rolled back, by an editor of the province; the
    first run warms up and is left out of the median."""
    import statistics as stats

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from ketnap.accounts.models import RoleAssignment

    times, queries = [], []
    for number, write in enumerate(writes):
        with transaction.atomic():
            actor = get_user_model().objects.create(username=f"bench-writer-{number}")
            RoleAssignment.objects.create(user=actor, organization=province, role="editor", valid_from=FOUNDED)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                write(actor)
                times.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured.captured_queries))
            transaction.set_rollback(True)
    if not times:
        print(f"{label}: nothing to time")
        return
    timed = times[1:] or times
    print(f"{label}: median {stats.median(timed):.1f} ms, max {max(timed):.1f} ms over {len(timed)} runs"
          f" (after one warm-up), {stats.median(queries):.0f} queries")  # fmt: skip


if __name__ == "__main__":
    main()
