"""Mường Ảng town, Điện Biên, as broadcast in May 2020 (Mường Ảng report, 14/5/2020).

The town committee has 15 cells and 247 members; 45 were admitted since the start
of the 2015–2020 term; the residential-group 9 cell admitted one member in 2019.
"""

from __future__ import annotations

import datetime as dt
import random

from ketnap.demo.builder import DemoWriter, EventDraft
from ketnap.demo.profiles import day_between, enrol, old_admission, pick_ethnicity
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.people.status import EventKind

CODE = "dien-bien"
TOWN = "muong-ang"
FOUNDED = dt.date(1960, 1, 1)
REPORT_DATE = dt.date(2020, 5, 14)
# Commune-level congresses for the 2015–2020 term were held in spring 2015; the demo takes 1/6/2015.
TERM_START = dt.date(2015, 6, 1)
MEMBERS = 247
ADMITTED_IN_TERM = 45
CELL_TDP_9 = "muong-ang-cb-09"
MIX = {"thai": 0.45, "kinh": 0.40, "hmong": 0.10, "khomu": 0.05}
CELLS = [f"Tổ dân phố {i}" for i in range(1, 11)] + [
    "Bản Hón",
    "Bản Co Hắm",
    "Cơ quan thị trấn",
    "Trường Mầm non thị trấn Mường Ảng",
    "Trường Tiểu học thị trấn Mường Ảng",
]


def build(writer: DemoWriter, root: Organization) -> None:
    rng = random.Random("2021:dien-bien")
    province = writer.child(
        root,
        code=CODE,
        name="Đảng bộ tỉnh Điện Biên",
        kind=OrgKind.PROVINCIAL,
        sector=Sector.OTHER,
        valid_from=FOUNDED,
    )
    district = writer.child(
        province,
        code="huyen-muong-ang",
        name="Đảng bộ huyện Mường Ảng",
        kind=OrgKind.UPPER,
        sector=Sector.OTHER,
        valid_from=FOUNDED,
    )
    town = writer.child(
        district,
        code=TOWN,
        name="Đảng bộ thị trấn Mường Ảng",
        kind=OrgKind.GRASSROOTS_COMMITTEE,
        sector=Sector.WARD,
        valid_from=FOUNDED,
    )
    cells = [
        writer.child(
            town,
            code=f"{TOWN}-cb-{i + 1:02d}",
            name=f"Chi bộ {name}",
            kind=OrgKind.SUBORDINATE_CELL,
            sector=_sector(name),
            valid_from=FOUNDED,
        )
        for i, name in enumerate(CELLS)
    ]
    writer.flush()
    _term_admissions(writer, rng, cells)
    for index in range(MEMBERS - ADMITTED_IN_TERM):
        cell = cells[index % len(cells)]
        _member(writer, rng, cell, old_admission(rng, TERM_START - dt.timedelta(days=31)))
    _deceased(writer, rng, cells)
    writer.flush()
    writer.echo(f"  Mường Ảng: {len(cells)} chi bộ, {MEMBERS} đảng viên tại {REPORT_DATE:%d/%m/%Y}")


def _sector(name: str) -> str:
    if name.startswith("Trường"):
        return Sector.SCHOOL
    return Sector.AGENCY if name.startswith("Cơ quan") else Sector.VILLAGE


def _member(writer: DemoWriter, rng: random.Random, cell: Organization, admitted: dt.date) -> None:
    enrol(
        writer,
        rng,
        cell,
        admitted,
        ethnicity=pick_ethnicity(rng, MIX),
        female=rng.random() < 0.4,
        reference=REPORT_DATE,
    )


def _term_admissions(writer: DemoWriter, rng: random.Random, cells: list[Organization]) -> None:
    """45 admitted in the term, all through their ceremony by the broadcast; TDP 9 once in 2019."""
    tdp_9 = next(c for c in cells if c.code == CELL_TDP_9)
    _member(writer, rng, tdp_9, day_between(rng, dt.date(2019, 3, 1), dt.date(2019, 10, 31)))
    _member(writer, rng, tdp_9, day_between(rng, dt.date(2017, 3, 1), dt.date(2017, 10, 31)))
    others = [c for c in cells if c is not tdp_9]
    for _ in range(ADMITTED_IN_TERM - 2):
        _member(writer, rng, rng.choice(others), day_between(rng, TERM_START, dt.date(2020, 3, 31)))


def _deceased(writer: DemoWriter, rng: random.Random, cells: list[Organization]) -> None:
    for _ in range(6):
        draft = enrol(
            writer,
            rng,
            rng.choice(cells),
            old_admission(rng, dt.date(2005, 12, 31)),
            ethnicity=pick_ethnicity(rng, MIX),
            female=False,
            reference=REPORT_DATE,
        )
        draft.events.append(EventDraft(EventKind.DIED, day_between(rng, dt.date(2016, 1, 1), dt.date(2020, 4, 30))))
