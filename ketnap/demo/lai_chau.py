"""Lai Châu province as of 31/12/2021 (Lai Châu report, 31/12/2021).

The tree and the rolls are built so the report's figures come out to the unit:
12 committees directly under the province, 185 grassroots committees, 341
grassroots cells, 3 partial committees, 1,908 subordinate cells, 30,044 members
of whom 1,393 probationary, 10,182 women and 15,984 from ethnic minorities, and
1,022 admission decisions in 2021.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ketnap.demo.builder import DemoWriter, EventDraft, slug
from ketnap.demo.profiles import (
    admission,
    birth_date_for,
    ceremony_after,
    day_between,
    new_person,
    old_admission,
    recognition_after,
)
from ketnap.demo.sampling import distribute, pick_exact
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.people.status import EventKind

CODE = "lai-chau"
AS_OF = dt.date(2021, 12, 31)
FOUNDED = dt.date(1960, 1, 1)  # the demo keeps today's boundaries for the whole history

FIGURES = {
    "members": 30044,
    "probationary": 1393,
    "women": 10182,
    "ethnic_minority": 15984,
    "admitted_2021": 1022,
    "upper": 12,
    "grassroots_committee": 185,
    "grassroots_cell": 341,
    "partial_committee": 3,
    "subordinate_cell": 1908,
}
# Admission decisions in the communes (rural) of four districts in 2021.
RURAL_ADMISSIONS_2021 = {"lc-muong-te": 93, "lc-phong-tho": 36, "lc-sin-ho": 30, "lc-nam-nhun": 28}
# Districts and blocs above plan in 2021: (admitted, plan) giving the published
# percentages (Nậm Nhùn 125%, Lai Châu city 125%, Phong Thổ 123%, Than Uyên 115%,
# Provincial Military 112%); their admissions are placed exactly, the plans are set
# by the plans feature.
ABOVE_PLAN_2021 = {
    "lc-nam-nhun": (60, 48),
    "lc-tp-lai-chau": (90, 72),
    "lc-phong-tho": (70, 57),
    "lc-than-uyen": (132, 115),
    "lc-quan-su": (65, 58),
}
PLAN_2021 = 1002  # 1,022 admitted = 102%
# Admitted in December 2021 with the ceremony in January 2022: counted as admitted, not as members.
CANDIDATES_AT_YEAR_END = 22
# Ceremony in Nov–Dec 2020: probation over in late 2021, recognition decided in Jan–Feb 2022.
RECOGNIZED_IN_2022 = FIGURES["probationary"] - (FIGURES["admitted_2021"] - CANDIDATES_AT_YEAR_END)


@dataclass(frozen=True)
class District:
    code: str
    name: str
    minority_share: float
    groups: tuple[str, ...]
    communes: tuple[str, ...]  # "TT …" towns, "P …" wards, otherwise communes


DISTRICTS = (
    District("lc-muong-te", "huyện Mường Tè", 0.85, ("hanhi", "lahu", "cong", "sila", "thai"), (
        "TT Mường Tè", "Bum Tở", "Bum Nưa", "Ka Lăng", "Thu Lũm", "Pa Ủ", "Mù Cả", "Tà Tổng", "Kan Hồ",
        "Mường Tè", "Pa Vệ Sử", "Nậm Khao", "Tá Bạ", "Vàng San")),
    District("lc-phong-tho", "huyện Phong Thổ", 0.78, ("dao", "hmong", "giay", "thai", "hanhi"), (
        "TT Phong Thổ", "Sì Lở Lầu", "Mồ Sì San", "Pa Vây Sử", "Vàng Ma Chải", "Tông Qua Lìn", "Mù Sang",
        "Dào San", "Ma Li Pho", "Hoang Thèn", "Khổng Lào", "Mường So", "Bản Lang", "Nậm Xe", "Huổi Luông",
        "Sin Suối Hồ", "Lản Nhì Thàng")),
    District("lc-sin-ho", "huyện Sìn Hồ", 0.82, ("hmong", "thai", "dao"), (
        "TT Sìn Hồ", "Chăn Nưa", "Pa Tần", "Phìn Hồ", "Hồng Thu", "Phăng Sô Lin", "Ma Quai", "Tả Phìn",
        "Sà Dề Phìn", "Nậm Tăm", "Tả Ngảo", "Pu Sam Cáp", "Nậm Cha", "Pa Khoá", "Làng Mô", "Noong Hẻo",
        "Nậm Mạ", "Căn Co", "Tủa Sín Chải", "Nậm Cuổi", "Nậm Hăn", "Lùng Thàng")),
    District("lc-nam-nhun", "huyện Nậm Nhùn", 0.74, ("thai", "hmong", "khomu", "cong"), (
        "TT Nậm Nhùn", "Hua Bum", "Nậm Ban", "Trung Chải", "Mường Mô", "Nậm Hàng", "Nậm Manh", "Nậm Pì",
        "Nậm Chà", "Lê Lợi", "Pú Đao")),
    District("lc-tam-duong", "huyện Tam Đường", 0.62, ("hmong", "dao", "giay", "thai"), (
        "TT Tam Đường", "Thèn Sin", "Sùng Phài", "Tả Lèng", "Giang Ma", "Hồ Thầu", "Bình Lư", "Sơn Bình",
        "Nùng Nàng", "Bản Giang", "Bản Hon", "Bản Bo", "Nà Tăm", "Khun Há")),
    District("lc-tan-uyen", "huyện Tân Uyên", 0.55, ("thai", "hmong", "khomu"), (
        "TT Tân Uyên", "Mường Khoa", "Phúc Khoa", "Thân Thuộc", "Trung Đồng", "Hố Mít", "Nậm Cần", "Nậm Sỏ",
        "Pắc Ta", "Tà Mít")),
    District("lc-than-uyen", "huyện Than Uyên", 0.60, ("thai", "hmong", "khomu"), (
        "TT Than Uyên", "Phúc Than", "Mường Than", "Mường Mít", "Pha Mu", "Mường Cang", "Hua Nà", "Tà Hừa",
        "Mường Kim", "Tà Mung", "Tà Gia", "Khoen On")),
    District("lc-tp-lai-chau", "thành phố Lai Châu", 0.30, ("giay", "thai", "hmong", "dao"), (
        "P Tân Phong", "P Đoàn Kết", "P Quyết Thắng", "P Quyết Tiến", "P Đông Phong", "San Thàng",
        "Nậm Loỏng")),
)  # fmt: skip


@dataclass(frozen=True)
class Bloc:
    code: str
    name: str
    sector: str
    committees: int
    cells: int
    minority_share: float
    prefix: str  # name stem of its grassroots organizations


BLOCS = (
    Bloc("lc-khoi-co-quan", "Đảng bộ Khối các cơ quan tỉnh", Sector.AGENCY, 16, 40, 0.35, "Cơ quan"),
    Bloc("lc-khoi-doanh-nghiep", "Đảng bộ Khối doanh nghiệp tỉnh", Sector.ENTERPRISE, 10, 22, 0.25, "Công ty"),
    Bloc("lc-quan-su", "Đảng bộ Quân sự tỉnh", Sector.ARMED_FORCES, 10, 9, 0.35, "Đơn vị"),
    Bloc("lc-cong-an", "Đảng bộ Công an tỉnh", Sector.POLICE, 10, 10, 0.30, "Phòng"),
)

_WOMEN_WEIGHT: dict[str, float] = {
    Sector.SCHOOL: 2.6,
    Sector.PUBLIC_SERVICE: 1.8,
    Sector.AGENCY: 1.4,
    Sector.ENTERPRISE: 1.0,
    Sector.COMMUNE: 1.0,
    Sector.WARD: 1.0,
    Sector.VILLAGE: 0.85,
    Sector.ARMED_FORCES: 0.2,
    Sector.POLICE: 0.3,
    Sector.BORDER_GUARD: 0.15,
}
_CELL_SIZE: dict[str, int] = {
    Sector.VILLAGE: 11,
    Sector.COMMUNE: 22,
    Sector.WARD: 22,
    Sector.SCHOOL: 9,
    Sector.ARMED_FORCES: 20,
    Sector.POLICE: 20,
}


@dataclass
class Cell:
    """A cell that holds members, with what decides who its members are likely to be."""

    org: Organization
    district: str
    rural: bool
    minority_share: float
    groups: tuple[str, ...]


@dataclass
class Slot:
    cell: Cell
    female: bool = False
    minority: bool = False
    cohort: str = "old"


def build(writer: DemoWriter, root: Organization) -> None:
    """Build Lai Châu: the tree, then 30,044 members and the people no longer counted."""
    rng = random.Random("2021:lai-chau")
    province = writer.child(
        root, code=CODE, name="Đảng bộ tỉnh Lai Châu", kind=OrgKind.PROVINCIAL, sector=Sector.OTHER, valid_from=FOUNDED
    )
    cells = _tree(writer, rng, province)
    writer.flush()
    writer.echo(f"  Lai Châu: {len(cells)} chi bộ")
    slots = _slots(rng, cells)
    for slot in slots:
        _member(writer, rng, slot)
    _candidates(writer, rng, cells)
    _gone(writer, rng, cells)
    writer.flush()
    writer.echo(f"  Lai Châu: {len(slots)} đảng viên tại {AS_OF:%d/%m/%Y}")


def _tree(writer: DemoWriter, rng: random.Random, province: Organization) -> list[Cell]:
    n_communes = sum(len(d.communes) for d in DISTRICTS)
    bloc_committees = sum(b.committees for b in BLOCS)
    district_committees = distribute(
        rng, FIGURES["grassroots_committee"] - n_communes - bloc_committees, [1] * len(DISTRICTS), minimum=3
    )
    district_cells = distribute(
        rng, FIGURES["grassroots_cell"] - sum(b.cells for b in BLOCS), [len(d.communes) + 12 for d in DISTRICTS], 20
    )
    plan: list[tuple[Organization, Cell]] = []  # committees to fill with cells, and who their members are
    cells: list[Cell] = []
    for district, committees, grassroots_cells in zip(DISTRICTS, district_committees, district_cells, strict=True):
        _district(writer, rng, province, district, committees, grassroots_cells, plan, cells)
    for bloc in BLOCS:
        _bloc(writer, rng, province, bloc, plan, cells)
    _partials(writer, plan, cells)
    _subordinate_cells(writer, rng, plan, cells)
    return cells


def _district(
    writer: DemoWriter,
    rng: random.Random,
    province: Organization,
    district: District,
    committees: int,
    grassroots_cells: int,
    plan: list[tuple[Organization, Cell]],
    cells: list[Cell],
) -> None:
    node = writer.child(
        province,
        code=district.code,
        name=f"Đảng bộ {district.name}",
        kind=OrgKind.UPPER,
        sector=Sector.OTHER,
        valid_from=FOUNDED,
    )
    for commune in district.communes:
        name, kind_slug, rural = _commune_name(commune)
        org = writer.child(
            node,
            code=f"{district.code}-{kind_slug}-{slug(commune.split(' ', 1)[-1] if not rural else commune)}",
            name=name,
            kind=OrgKind.GRASSROOTS_COMMITTEE,
            sector=Sector.COMMUNE if rural else Sector.WARD,
            valid_from=FOUNDED,
        )
        share = district.minority_share * (1.1 if rural else 0.7)
        plan.append((org, Cell(org, district.code, rural, share, district.groups)))
    stems = ("Cơ quan chính quyền", "Cơ quan Đảng – Mặt trận – đoàn thể", "Quân sự", "Trung tâm Y tế", "Công an")
    for index in range(committees):
        stem = stems[index % len(stems)] if index < len(stems) else f"Ban Quản lý dự án số {index - len(stems) + 1}"
        org = writer.child(
            node,
            code=f"{district.code}-db-{index + 1:02d}",
            name=f"Đảng bộ {stem} {district.name}",
            kind=OrgKind.GRASSROOTS_COMMITTEE,
            sector=_stem_sector(stem),
            valid_from=FOUNDED,
        )
        plan.append((org, Cell(org, district.code, False, district.minority_share * 0.6, district.groups)))
    for index in range(grassroots_cells):
        org = writer.child(
            node,
            code=f"{district.code}-cs-{index + 1:03d}",
            name=_district_cell_name(rng, district, index),
            kind=OrgKind.GRASSROOTS_CELL,
            sector=Sector.SCHOOL if index % 5 else Sector.AGENCY,
            valid_from=FOUNDED,
        )
        cells.append(Cell(org, district.code, False, district.minority_share * 0.6, district.groups))


def _commune_name(commune: str) -> tuple[str, str, bool]:
    """Display name, code stem and whether it is a rural commune."""
    if commune.startswith("TT "):
        return f"Đảng bộ thị trấn {commune[3:]}", "tt", False
    if commune.startswith("P "):
        return f"Đảng bộ phường {commune[2:]}", "phuong", False
    return f"Đảng bộ xã {commune}", "xa", True


def _stem_sector(stem: str) -> str:
    return {"Quân sự": Sector.ARMED_FORCES, "Công an": Sector.POLICE, "Trung tâm Y tế": Sector.PUBLIC_SERVICE}.get(
        stem, Sector.AGENCY
    )


def _district_cell_name(rng: random.Random, district: District, index: int) -> str:
    place = rng.choice([c.split(" ", 1)[-1] if c[:2] in ("TT", "P ") else c for c in district.communes])
    if index % 5 == 0:
        return (
            f"Chi bộ Phòng {('Nội vụ', 'Tài chính', 'Tư pháp', 'Văn hóa', 'Kinh tế')[index // 5 % 5]} {district.name}"
        )
    level = ("Mầm non", "Tiểu học", "THCS", "PTDTBT THCS", "PTDTBT Tiểu học", "THPT")[index % 6]
    return f"Chi bộ Trường {level} {place}"


def _bloc(
    writer: DemoWriter,
    rng: random.Random,
    province: Organization,
    bloc: Bloc,
    plan: list[tuple[Organization, Cell]],
    cells: list[Cell],
) -> None:
    node = writer.child(
        province, code=bloc.code, name=bloc.name, kind=OrgKind.UPPER, sector=bloc.sector, valid_from=FOUNDED
    )
    groups = ("thai", "hmong", "dao", "giay", "hanhi")
    for index in range(bloc.committees):
        org = writer.child(
            node,
            code=f"{bloc.code}-db-{index + 1:02d}",
            name=f"Đảng bộ {bloc.prefix} số {index + 1}",
            kind=OrgKind.GRASSROOTS_COMMITTEE,
            sector=bloc.sector,
            valid_from=FOUNDED,
        )
        plan.append((org, Cell(org, bloc.code, False, bloc.minority_share, groups)))
    for index in range(bloc.cells):
        sector = Sector.BORDER_GUARD if bloc.sector == Sector.ARMED_FORCES and index % 2 else bloc.sector
        name = (
            f"Chi bộ Đồn Biên phòng {rng.choice(('Pa Vệ Sử', 'Ka Lăng', 'Mù Cả', 'Dào San', 'Ma Ly Pho'))}"
            if sector == Sector.BORDER_GUARD
            else f"Chi bộ {bloc.prefix} số {index + 1}"
        )
        org = writer.child(
            node,
            code=f"{bloc.code}-cs-{index + 1:03d}",
            name=name,
            kind=OrgKind.GRASSROOTS_CELL,
            sector=sector,
            valid_from=FOUNDED,
        )
        cells.append(Cell(org, bloc.code, False, bloc.minority_share, groups))


def _partials(writer: DemoWriter, plan: list[tuple[Organization, Cell]], cells: list[Cell]) -> None:
    """Three enterprise committees large enough to have partial committees (đảng ủy bộ phận)."""
    hosts = [entry for entry in plan if entry[0].code.startswith("lc-khoi-doanh-nghiep-db-")][:3]
    for host, template in hosts:
        partial = writer.child(
            host,
            code=f"{host.code}-dubp",
            name=f"Đảng ủy bộ phận Nhà máy thuộc {host.name[8:]}",
            kind=OrgKind.PARTIAL_COMMITTEE,
            sector=Sector.ENTERPRISE,
            valid_from=FOUNDED,
        )
        for index in range(4):
            org = writer.child(
                partial,
                code=f"{partial.code}-cb-{index + 1:02d}",
                name=f"Chi bộ Phân xưởng {index + 1}",
                kind=OrgKind.SUBORDINATE_CELL,
                sector=Sector.ENTERPRISE,
                valid_from=FOUNDED,
            )
            cells.append(Cell(org, template.district, False, template.minority_share, template.groups))


def _subordinate_cells(
    writer: DemoWriter, rng: random.Random, plan: list[tuple[Organization, Cell]], cells: list[Cell]
) -> None:
    in_partials = sum(1 for c in cells if c.org.kind == OrgKind.SUBORDINATE_CELL)
    communes = [entry for entry in plan if entry[0].sector in Sector.communes()]
    others = [entry for entry in plan if entry[0].sector not in Sector.communes()]
    other_counts = [rng.randint(3, 7) for _ in others]
    commune_total = FIGURES["subordinate_cell"] - in_partials - sum(other_counts)
    commune_counts = distribute(rng, commune_total, [1.0] * len(communes), minimum=8)
    for (committee, template), count in zip(communes, commune_counts, strict=True):
        _commune_cells(writer, rng, committee, count, template, cells)
    for (committee, template), count in zip(others, other_counts, strict=True):
        for index in range(count):
            org = writer.child(
                committee,
                code=f"{committee.code}-cb-{index + 1:02d}",
                name=f"Chi bộ {index + 1} {committee.name[8:]}",
                kind=OrgKind.SUBORDINATE_CELL,
                sector=committee.sector,
                valid_from=FOUNDED,
            )
            cells.append(Cell(org, template.district, False, template.minority_share, template.groups))


def _commune_cells(
    writer: DemoWriter, rng: random.Random, committee: Organization, count: int, template: Cell, cells: list[Cell]
) -> None:
    from ketnap.demo.names import hamlet_names

    place = committee.name.split(" ", 3)[-1]
    fixed = [("Cơ quan", Sector.AGENCY), ("Trường Tiểu học", Sector.SCHOOL), ("Trường THCS", Sector.SCHOOL)]
    villages = hamlet_names(rng, count - len(fixed))
    named = [(f"{stem} {place}", sector) for stem, sector in fixed]
    label = "bản" if template.rural else "Tổ dân phố"
    named += [
        (f"{label} {v}" if template.rural else f"{label} số {i + 1}", Sector.VILLAGE) for i, v in enumerate(villages)
    ]
    for index, (name, sector) in enumerate(named):
        org = writer.child(
            committee,
            code=f"{committee.code}-cb-{index + 1:02d}",
            name=f"Chi bộ {name}",
            kind=OrgKind.SUBORDINATE_CELL,
            sector=sector,
            valid_from=FOUNDED,
        )
        cells.append(Cell(org, template.district, template.rural, template.minority_share, template.groups))


def _slots(rng: random.Random, cells: list[Cell]) -> list[Slot]:
    """One slot per member on 31/12/2021, with exactly the published women, minority and cohorts."""
    sizes = distribute(rng, FIGURES["members"], [_CELL_SIZE.get(c.org.sector, 13) for c in cells], minimum=3)
    slots = [Slot(cell) for cell, size in zip(cells, sizes, strict=True) for _ in range(size)]
    for index in pick_exact(rng, slots, FIGURES["women"], lambda s: _WOMEN_WEIGHT.get(s.cell.org.sector, 1.0)):
        slots[index].female = True
    odds = [s.cell.minority_share / (1.0 - min(s.cell.minority_share, 0.95)) for s in slots]
    for index in pick_exact(rng, range(len(slots)), FIGURES["ethnic_minority"], lambda i: odds[i]):
        slots[index].minority = True
    _assign_cohorts(rng, slots)
    return slots


def _assign_cohorts(rng: random.Random, slots: list[Slot]) -> None:
    rural_by_district: dict[str, list[Slot]] = {}
    for slot in slots:
        if slot.cell.rural and slot.cell.district in RURAL_ADMISSIONS_2021:
            rural_by_district.setdefault(slot.cell.district, []).append(slot)
    admitted = FIGURES["admitted_2021"] - CANDIDATES_AT_YEAR_END
    for district, count in RURAL_ADMISSIONS_2021.items():
        for slot in rng.sample(rural_by_district[district], count):
            slot.cohort = "2021"
    free = [s for s in slots if s.cohort == "old" and not (s.cell.rural and s.cell.district in RURAL_ADMISSIONS_2021)]
    placed = sum(RURAL_ADMISSIONS_2021.values())
    for district, (count, _plan) in ABOVE_PLAN_2021.items():
        rest = count - RURAL_ADMISSIONS_2021.get(district, 0)
        for slot in rng.sample([s for s in free if s.cell.district == district], rest):
            slot.cohort = "2021"
        placed += rest
    free = [s for s in free if s.cohort == "old" and s.cell.district not in ABOVE_PLAN_2021]
    for slot in rng.sample(free, admitted - placed):
        slot.cohort = "2021"
    for slot in rng.sample([s for s in slots if s.cohort == "old"], RECOGNIZED_IN_2022):
        slot.cohort = "late-2020"


def _ethnicity(rng: random.Random, cell: Cell, minority: bool) -> str:
    return rng.choice(cell.groups) if minority else "kinh"


def _member(writer: DemoWriter, rng: random.Random, slot: Slot) -> None:
    cell = slot.cell.org
    if slot.cohort == "2021":
        admitted = day_between(rng, dt.date(2021, 1, 5), dt.date(2021, 11, 30))
        ceremony = ceremony_after(rng, admitted)
        recognized = recognition_after(rng, ceremony)
    elif slot.cohort == "late-2020":
        ceremony = day_between(rng, dt.date(2020, 11, 1), dt.date(2020, 12, 20))
        admitted = ceremony - dt.timedelta(days=rng.randint(7, 30))
        recognized = day_between(rng, dt.date(2022, 1, 4), dt.date(2022, 2, 25))
    else:
        admitted = old_admission(rng, dt.date(2020, 9, 30))
        ceremony = ceremony_after(rng, admitted)
        recognized = recognition_after(rng, ceremony)
    events = admission(cell, admitted, ceremony, recognized, rng.randint(1, 300))
    born = birth_date_for(rng, admitted)
    if slot.cohort == "old" and born.year < 1956 and rng.random() < 0.3:
        # Elderly members exempted from activity (miễn công tác và sinh hoạt đảng) still count.
        events.append(EventDraft(EventKind.EXEMPTED, day_between(rng, dt.date(2016, 1, 1), dt.date(2021, 6, 30))))
    person = new_person(
        rng, cell, ethnicity=_ethnicity(rng, slot.cell, slot.minority), female=slot.female, born=born, reference=AS_OF
    )
    writer.person(person, events)


def _candidates(writer: DemoWriter, rng: random.Random, cells: list[Cell]) -> None:
    """Decided in December 2021, admitted at a ceremony in January 2022: not yet members."""
    eligible = [
        c for c in cells if not (c.rural and c.district in RURAL_ADMISSIONS_2021) and c.district not in ABOVE_PLAN_2021
    ]
    for cell in rng.sample(eligible, CANDIDATES_AT_YEAR_END):
        admitted = day_between(rng, dt.date(2021, 12, 1), dt.date(2021, 12, 28))
        ceremony = day_between(rng, dt.date(2022, 1, 5), dt.date(2022, 1, 25))
        events = admission(cell.org, admitted, ceremony, recognition_after(rng, ceremony), rng.randint(1, 300))
        person = new_person(
            rng,
            cell.org,
            ethnicity=_ethnicity(rng, cell, rng.random() < 0.5),
            female=rng.random() < 0.35,
            born=birth_date_for(rng, admitted),
            reference=AS_OF,
        )
        writer.person(person, events)


def _gone(writer: DemoWriter, rng: random.Random, cells: list[Cell]) -> None:
    """Members who died, were struck off or moved away before 31/12/2021: history, not counted."""
    endings = [EventKind.DIED] * 160 + [EventKind.REMOVED] * 40 + [EventKind.TRANSFERRED_OUT] * 25
    for ending in endings:
        cell = rng.choice(cells)
        admitted = old_admission(rng, dt.date(2012, 12, 31))
        ceremony = ceremony_after(rng, admitted)
        recognized = recognition_after(rng, ceremony)
        events = admission(cell.org, admitted, ceremony, recognized, rng.randint(1, 300))
        ended = day_between(rng, max(recognized, dt.date(2008, 1, 1)) + dt.timedelta(days=1), dt.date(2021, 12, 20))
        events.append(EventDraft(ending, ended, cell.org.pk if ending is EventKind.TRANSFERRED_OUT else None))
        person = new_person(
            rng,
            cell.org,
            ethnicity=_ethnicity(rng, cell, rng.random() < 0.5),
            female=rng.random() < 0.3,
            born=birth_date_for(rng, admitted),
            reference=AS_OF,
        )
        writer.person(person, events)
