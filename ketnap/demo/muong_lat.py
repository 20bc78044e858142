"""Mường Lát district, Thanh Hóa: the Conclusion-50 program of 2022 and the 2025 reform.

Figures from the Mường Lát report on Conclusion 50-KL/TU, 2022: the program covers
24 cells in Tam Chung, Mường Lý and Trung Lý with 322 members at the end of 2022;
13 were admitted in 2022 (Mường Lý 7, Trung Lý 3, Tam Chung 3). Border-post,
police, military and teacher members take part in village cells. Some members
admitted in 2021 were still waiting for recognition in early 2023.

On 1/7/2025 the district level ends: the district committee and everything under
it closes, new commune committees open directly under the province, and members
move by dated transfer events, as ``organizations.services.reorganize`` records it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ketnap.demo.builder import DemoWriter, EventDraft, PersonDraft, slug
from ketnap.demo.names import hamlet_names
from ketnap.demo.profiles import (
    admission,
    birth_date_for,
    ceremony_after,
    day_between,
    enrol,
    new_person,
    non_member,
    old_admission,
    pick_ethnicity,
    recognition_after,
)
from ketnap.demo.sampling import distribute
from ketnap.organizations.models import (
    Locality,
    LocalityCell,
    LocalityKind,
    Organization,
    OrgKind,
    Program,
    Reorganization,
    ReorganizationKind,
    Sector,
    VillageHead,
)
from ketnap.people.models import Person, SupportAssignment, SupportKind
from ketnap.people.status import EventKind, status_on

CODE = "muong-lat"
PROGRAM_CODE = "kl50-muong-lat"
FOUNDED = dt.date(1960, 1, 1)
REFORM = dt.date(2025, 7, 1)
YEAR_END = dt.date(2022, 12, 31)
PROGRAM_MEMBERS = 322
ADMITTED_2022 = {"tam-chung": 3, "muong-ly": 7, "trung-ly": 3}
PROGRAM_CELLS = {"tam-chung": 8, "muong-ly": 9, "trung-ly": 7}
# Ceremony in 2021, probation over in 2022, no recognition decision by 15/1/2023.
OVERDUE = 4
MIX = {"thai": 0.47, "hmong": 0.36, "kinh": 0.09, "khomu": 0.04, "muong": 0.04}

# (code, name, villages outside the program); the new 2025 commune keeps the stem.
COMMUNES = (
    ("tt-muong-lat", "thị trấn Mường Lát", 5),
    ("tam-chung", "xã Tam Chung", 0),
    ("muong-ly", "xã Mường Lý", 0),
    ("trung-ly", "xã Trung Lý", 0),
    ("pu-nhi", "xã Pù Nhi", 6),
    ("quang-chieu", "xã Quang Chiểu", 6),
    ("muong-chanh", "xã Mường Chanh", 5),
    ("nhi-son", "xã Nhi Sơn", 4),
)
# District-level grassroots organizations: (code, name, kind, sector, cells under it).
DISTRICT_UNITS = (
    ("ml-cong-an", "Đảng bộ Công an huyện Mường Lát", OrgKind.GRASSROOTS_COMMITTEE, Sector.POLICE, 3),
    ("ml-co-quan", "Đảng bộ Cơ quan chính quyền huyện Mường Lát", OrgKind.GRASSROOTS_COMMITTEE, Sector.AGENCY, 4),
    ("ml-quan-su", "Chi bộ Ban Chỉ huy Quân sự huyện Mường Lát", OrgKind.GRASSROOTS_CELL, Sector.ARMED_FORCES, 0),
    ("ml-thpt", "Chi bộ Trường THPT Mường Lát", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("ml-dtnt", "Chi bộ Trường PTDTNT THCS-THPT Mường Lát", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("ml-y-te", "Chi bộ Trung tâm Y tế huyện Mường Lát", OrgKind.GRASSROOTS_CELL, Sector.PUBLIC_SERVICE, 0),
)
BORDER_POSTS = ("Tam Chung", "Mường Lý", "Pù Nhi")


@dataclass
class Area:
    """Everything built for Mường Lát, kept for the program, supports and the reform."""

    district: Organization
    communes: dict[str, Organization] = field(default_factory=dict)
    cells: list[Organization] = field(default_factory=list)
    program_cells: dict[str, list[Organization]] = field(default_factory=dict)
    village_cells: list[Organization] = field(default_factory=list)
    border_cells: list[Organization] = field(default_factory=list)
    new_cell: dict[str, Organization] = field(default_factory=dict)  # old code -> new cell
    opened: list[Organization] = field(default_factory=list)
    people: dict[str, list[PersonDraft]] = field(default_factory=dict)  # cell code -> members


def build(writer: DemoWriter, province: Organization) -> None:
    rng = random.Random("2021:muong-lat")
    area = _tree(writer, province)
    _reform_tree(writer, province, area)
    writer.flush()
    _members(writer, rng, area)
    _localities(writer, rng, area)
    _supports(writer, rng, area)
    _reform_moves(area)
    writer.flush()
    _program(area)
    _reorganization_record(area)
    writer.echo(f"  Mường Lát: {sum(len(v) for v in area.people.values())} người, chương trình {PROGRAM_CODE}")


def _tree(writer: DemoWriter, province: Organization) -> Area:
    # Every node of the old district closes on the reform date, as organization_close would.
    district = writer.child(
        province,
        code=CODE,
        name="Đảng bộ huyện Mường Lát",
        kind=OrgKind.UPPER,
        sector=Sector.OTHER,
        valid_from=FOUNDED,
        valid_to=REFORM,
    )
    area = Area(district)
    rng = random.Random("2021:muong-lat-tree")
    for code, name, outside in COMMUNES:
        commune = _node(writer, district, code, f"Đảng bộ {name}", OrgKind.GRASSROOTS_COMMITTEE, _sector(name))
        area.communes[code] = commune
        _commune_cells(writer, rng, area, code, commune, outside)
    for code, name, kind, sector, cells in DISTRICT_UNITS:
        unit = _node(writer, district, code, name, kind, sector)
        if kind == OrgKind.GRASSROOTS_CELL:
            area.cells.append(unit)
        for index in range(cells):
            area.cells.append(
                _node(
                    writer,
                    unit,
                    f"{code}-cb-{index + 1:02d}",
                    f"Chi bộ {index + 1} {name[8:]}",
                    OrgKind.SUBORDINATE_CELL,
                    sector,
                )
            )
    border = writer.child(
        province,
        code="th-bien-phong",
        name="Đảng bộ Bộ đội Biên phòng tỉnh Thanh Hóa",
        kind=OrgKind.UPPER,
        sector=Sector.BORDER_GUARD,
        valid_from=FOUNDED,
    )
    for post in BORDER_POSTS:
        area.border_cells.append(
            writer.child(
                border,
                code=f"th-bp-{slug(post)}",
                name=f"Chi bộ Đồn Biên phòng {post}",
                kind=OrgKind.GRASSROOTS_CELL,
                sector=Sector.BORDER_GUARD,
                valid_from=FOUNDED,
            )
        )
    return area


def _sector(name: str) -> str:
    """A town (thị trấn) is urban, a commune (xã) rural."""
    return Sector.WARD if name.startswith("thị trấn") else Sector.COMMUNE


def _node(writer: DemoWriter, parent: Organization, code: str, name: str, kind: str, sector: str) -> Organization:
    return writer.child(parent, code=code, name=name, kind=kind, sector=sector, valid_from=FOUNDED, valid_to=REFORM)


def _commune_cells(
    writer: DemoWriter, rng: random.Random, area: Area, code: str, commune: Organization, outside: int
) -> None:
    in_program = PROGRAM_CELLS.get(code, 0)
    villages = hamlet_names(rng, in_program + outside)
    named = [(f"Chi bộ bản {v}", Sector.VILLAGE) for v in villages]
    named += [
        (f"Chi bộ Cơ quan {commune.name[8:]}", Sector.AGENCY),
        (f"Chi bộ Trường Tiểu học {commune.name[8:]}", Sector.SCHOOL),
    ]
    for index, (name, sector) in enumerate(named):
        cell = _node(writer, commune, f"{code}-cb-{index + 1:02d}", name, OrgKind.SUBORDINATE_CELL, sector)
        area.cells.append(cell)
        if sector == Sector.VILLAGE:
            area.village_cells.append(cell)
        if index < in_program:
            area.program_cells.setdefault(code, []).append(cell)


def _reform_tree(writer: DemoWriter, province: Organization, area: Area) -> None:
    """The commune committees of 1/7/2025 and one new cell for every old one."""
    new_commune: dict[str, Organization] = {}
    for code, name, _ in COMMUNES:
        stem = "muong-lat" if code == "tt-muong-lat" else code
        label = "xã Mường Lát" if code == "tt-muong-lat" else name
        node = writer.child(
            province,
            code=f"xa-{stem}",
            name=f"Đảng bộ {label}",
            kind=OrgKind.GRASSROOTS_COMMITTEE,
            sector=Sector.COMMUNE,
            valid_from=REFORM,
        )
        new_commune[code] = node
        area.opened.append(node)
    counters: dict[str, int] = {}
    for cell in area.cells:
        owner = cell.code.split("-cb-")[0] if "-cb-" in cell.code else ""
        target = new_commune.get(owner, new_commune["tt-muong-lat"])
        counters[target.code] = counters.get(target.code, 0) + 1
        new = writer.child(
            target,
            code=f"{target.code}-cb-{counters[target.code]:02d}",
            name=cell.name,
            kind=OrgKind.SUBORDINATE_CELL,
            sector=cell.sector,
            valid_from=REFORM,
        )
        area.new_cell[cell.code] = new
        area.opened.append(new)


def _members(writer: DemoWriter, rng: random.Random, area: Area) -> None:
    program = [cell for cells in area.program_cells.values() for cell in cells]
    special = _program_specials(writer, rng, area)
    sizes = distribute(rng, PROGRAM_MEMBERS, [1.0] * len(program), minimum=7)
    for cell, size in zip(program, sizes, strict=True):
        already = len(area.people.get(cell.code, []))
        _old_members(writer, rng, area, cell, size - already)
    for cell in [c for c in area.cells if c not in program] + area.border_cells:
        _old_members(writer, rng, area, cell, rng.randint(6, 18))
        if cell.sector == Sector.VILLAGE and not any(cell in cells for cells in area.program_cells.values()):
            _admit(writer, rng, area, cell, day_between(rng, dt.date(2022, 3, 1), dt.date(2022, 10, 31)))
    for cell in rng.sample(program, 12):  # 2023: 10–15 admissions targeted
        _admit(writer, rng, area, cell, day_between(rng, dt.date(2023, 3, 1), dt.date(2023, 10, 31)))
    writer.echo(f"  Mường Lát: {special} đảng viên kết nạp 2021–2022 trong chương trình")


def _program_specials(writer: DemoWriter, rng: random.Random, area: Area) -> int:
    """The 13 admitted in 2022 and the members overdue for recognition."""
    count = 0
    for commune, admitted_in_2022 in ADMITTED_2022.items():
        for _ in range(admitted_in_2022):
            cell = rng.choice(area.program_cells[commune])
            _admit(writer, rng, area, cell, day_between(rng, dt.date(2022, 2, 1), dt.date(2022, 11, 30)))
            count += 1
    for index in range(OVERDUE):
        cell = rng.choice(area.program_cells[rng.choice(list(ADMITTED_2022))])
        ceremony = day_between(rng, dt.date(2021, 3, 1), dt.date(2021, 10, 31))
        admitted = ceremony - dt.timedelta(days=rng.randint(10, 25))
        # Half were recognized after the 2023 review flagged them, the others once back from
        # working far away in 2024 (a fixed date: the draws of the figures stay as they were).
        recognized = day_between(rng, dt.date(2023, 3, 1), dt.date(2023, 6, 30)) if index % 2 else None
        recognized = recognized or dt.date(2024, 4, 10) + dt.timedelta(days=21 * index)
        events = admission(cell, admitted, ceremony, recognized, rng.randint(1, 80))
        _add(writer, area, cell, _person(rng, cell, admitted), events)
        count += 1
    return count


def _person(rng: random.Random, cell: Organization, admitted: dt.date) -> Person:
    return new_person(
        rng,
        cell,
        ethnicity=pick_ethnicity(rng, MIX),
        female=rng.random() < 0.27,
        born=birth_date_for(rng, admitted),
        reference=YEAR_END,
    )


def _add(writer: DemoWriter, area: Area, cell: Organization, person: Person, events: list[EventDraft]) -> None:
    draft = writer.person(person, events)
    area.people.setdefault(cell.code, []).append(draft)


def _admit(writer: DemoWriter, rng: random.Random, area: Area, cell: Organization, admitted: dt.date) -> None:
    draft = enrol(
        writer, rng, cell, admitted, ethnicity=pick_ethnicity(rng, MIX), female=rng.random() < 0.3, reference=YEAR_END
    )
    area.people.setdefault(cell.code, []).append(draft)


def _old_members(writer: DemoWriter, rng: random.Random, area: Area, cell: Organization, count: int) -> None:
    """Members admitted before 2022 (those of 2021 recognized on time during 2022)."""
    for _ in range(count):
        admitted = old_admission(rng, dt.date(2021, 9, 30))
        ceremony = ceremony_after(rng, admitted)
        events = admission(cell, admitted, ceremony, recognition_after(rng, ceremony), rng.randint(1, 80))
        _add(writer, area, cell, _person(rng, cell, admitted), events)


def _localities(writer: DemoWriter, rng: random.Random, area: Area) -> list[tuple[Locality, Organization]]:
    """One hamlet per village cell; two program cells are joint cells serving two more each."""
    served: list[tuple[Locality, Organization]] = []
    for cell in area.village_cells:
        served.append((_locality(writer, area, cell, cell.name.removeprefix("Chi bộ bản ")), cell))
    joint = [area.program_cells["muong-ly"][-1], area.program_cells["trung-ly"][-1]]
    extras = hamlet_names(rng, 2 * len(joint))
    for index, cell in enumerate(joint):
        for name in extras[2 * index : 2 * index + 2]:
            served.append((_locality(writer, area, cell, name, joint=True), cell))
    for locality, cell in served:
        writer.row(LocalityCell(locality=locality, cell=cell, valid_from=dt.date(2014, 1, 1), valid_to=REFORM))
        writer.row(LocalityCell(locality=locality, cell=area.new_cell[cell.code], valid_from=REFORM))
        _village_head(writer, rng, area, locality, cell)
    return served


def _locality(writer: DemoWriter, area: Area, cell: Organization, name: str, joint: bool = False) -> Locality:
    commune = area.communes[cell.code.split("-cb-")[0]]
    return writer.row(  # type: ignore[return-value]
        Locality(
            code=f"ml-{commune.code}-{slug(name)}" + ("-ghep" if joint else ""),
            name=f"Bản {name}",
            kind=LocalityKind.HAMLET,
            commune=commune,
            hardship_area=True,
            valid_from=FOUNDED,
        )
    )


def _village_head(writer: DemoWriter, rng: random.Random, area: Area, locality: Locality, cell: Organization) -> None:
    members = area.people.get(cell.code, [])
    if members and rng.random() < 0.72:
        person = rng.choice(members).person
    else:
        person = non_member(
            writer, rng, cell, ethnicity=pick_ethnicity(rng, MIX), female=rng.random() < 0.2, reference=YEAR_END
        ).person
    writer.row(VillageHead(locality=locality, person=person, valid_from=dt.date(2019, 7, 1)))


def _supports(writer: DemoWriter, rng: random.Random, area: Area) -> None:
    """Border guards, police, military and teachers taking part in program village cells."""
    program = [cell for cells in area.program_cells.values() for cell in cells]
    sources = [(c, SupportKind.BORDER_GUARD, 4) for c in area.border_cells]
    sources += [(c, SupportKind.POLICE, 1) for c in area.cells if c.code.startswith("ml-cong-an-")]
    sources += [(c, SupportKind.MILITARY, 3) for c in area.cells if c.code == "ml-quan-su"]
    sources += [(c, SupportKind.TEACHER, 1) for c in area.cells if c.sector == Sector.SCHOOL][:6]
    for home, kind, count in sources:
        for draft in rng.sample(area.people[home.code], min(count, len(area.people[home.code]))):
            host = rng.choice(program)
            households = rng.randint(12, 30) if kind == SupportKind.BORDER_GUARD else 0
            writer.row(
                SupportAssignment(
                    person=draft.person,
                    cell=host,
                    kind=kind,
                    households=households,
                    valid_from=dt.date(2021, 1, 1),
                    valid_to=REFORM,
                )
            )
            writer.row(
                SupportAssignment(
                    person=draft.person,
                    cell=area.new_cell[host.code],
                    kind=kind,
                    households=households,
                    valid_from=REFORM,
                )
            )


def _reform_moves(area: Area) -> None:
    """Transfer-out and transfer-in on the reform date for everyone on the rolls of an old cell."""
    old_cells = {cell.code: cell for cell in area.cells}
    for code, drafts in area.people.items():
        target = area.new_cell.get(code)
        if target is None:
            continue
        for draft in drafts:
            if status_on([e.as_event(i) for i, e in enumerate(draft.events, 1)], REFORM) is None:
                continue
            draft.events.append(EventDraft(EventKind.TRANSFERRED_OUT, REFORM, old_cells[code].pk, target.pk))
            draft.events.append(EventDraft(EventKind.TRANSFERRED_IN, REFORM, target.pk))


def _program(area: Area) -> None:
    program = Program.objects.create(
        code=PROGRAM_CODE,
        name="Thực hiện Kết luận số 50-KL/TU tại các xã Tam Chung, Mường Lý, Trung Lý năm 2022",
        owner=area.district,
        start=dt.date(2022, 1, 1),
        end=YEAR_END,
        description="Xóa bản trắng đảng viên, củng cố chi bộ bản; phân công đảng viên đồn biên phòng, công an, "
        "quân sự, giáo viên tham gia sinh hoạt, giúp đỡ chi bộ bản.",
    )
    program.organizations.set([cell for cells in area.program_cells.values() for cell in cells])


def _reorganization_record(area: Area) -> None:
    record = Reorganization.objects.create(
        kind=ReorganizationKind.RENAME,
        effective_on=REFORM,
        note="Kết thúc hoạt động cấp huyện; thành lập các đảng bộ xã trực thuộc Tỉnh ủy Thanh Hóa.",
    )
    record.opened.set(area.opened)
    record.closed.set(Organization.objects.in_subtree(area.district))
