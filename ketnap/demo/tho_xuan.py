"""Thọ Xuân district, Thanh Hóa, January–July 2023 (Thọ Xuân report, 31/7/2023).

By 31/7/2023, 292 admitted: 124 in the 30 communes and towns, 168 in agencies and
schools; per commune, admitted/plan: Quảng Phú 8/8, Xuân Bái 8/11, Xuân Hưng 6/10,
Xuân Phú 6/10, Thuận Minh 7/12. The plans are kept here for the plans feature.
"""

from __future__ import annotations

import datetime as dt
import random

from ketnap.demo.builder import DemoWriter, slug
from ketnap.demo.profiles import day_between, enrol, old_admission, pick_ethnicity
from ketnap.demo.sampling import distribute
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.reports.selectors import years_before

CODE = "tho-xuan"
FOUNDED = dt.date(1960, 1, 1)
REPORT_DATE = dt.date(2023, 7, 31)
ADMITTED_BY_REPORT = {"communes": 124, "agencies_schools": 168}
ADMITTED_2023_BY_COMMUNE = {"quang-phu": 8, "xuan-bai": 8, "xuan-hung": 6, "xuan-phu": 6, "thuan-minh": 7}
PLANS_2023 = {"quang-phu": 8, "xuan-bai": 11, "xuan-hung": 10, "xuan-phu": 10, "thuan-minh": 12}
MIX = {"kinh": 0.92, "muong": 0.06, "thai": 0.02}

TOWNS = ("Thọ Xuân", "Lam Sơn", "Sao Vàng")
COMMUNES = (
    "Bắc Lương", "Nam Giang", "Phú Xuân", "Quảng Phú", "Tây Hồ", "Thọ Diên", "Thọ Hải", "Thọ Lâm", "Thọ Lập",
    "Thọ Lộc", "Thọ Xương", "Thuận Minh", "Trường Xuân", "Xuân Bái", "Xuân Giang", "Xuân Hòa", "Xuân Hồng",
    "Xuân Hưng", "Xuân Lai", "Xuân Lập", "Xuân Minh", "Xuân Phong", "Xuân Phú", "Xuân Sinh", "Xuân Thiên",
    "Xuân Tín", "Xuân Trường",
)  # fmt: skip
# Agencies and schools: (name, kind, sector, cells under it).
UNITS = (
    ("Đảng bộ Cơ quan Ủy ban nhân dân huyện", OrgKind.GRASSROOTS_COMMITTEE, Sector.AGENCY, 6),
    ("Đảng bộ Cơ quan Đảng – Mặt trận – đoàn thể huyện", OrgKind.GRASSROOTS_COMMITTEE, Sector.AGENCY, 5),
    ("Đảng bộ Bệnh viện Đa khoa huyện", OrgKind.GRASSROOTS_COMMITTEE, Sector.AGENCY, 4),
    ("Chi bộ Trường THPT Lê Hoàn", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("Chi bộ Trường THPT Lam Kinh", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("Chi bộ Trường THPT Thọ Xuân 4", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("Chi bộ Trường THPT Thọ Xuân 5", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("Chi bộ Trường THPT Lê Văn Linh", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("Chi bộ Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên", OrgKind.GRASSROOTS_CELL, Sector.SCHOOL, 0),
    ("Chi bộ Phòng Giáo dục và Đào tạo", OrgKind.GRASSROOTS_CELL, Sector.AGENCY, 0),
    ("Chi bộ Trung tâm Y tế huyện", OrgKind.GRASSROOTS_CELL, Sector.AGENCY, 0),
    ("Chi bộ Ngân hàng Chính sách xã hội huyện", OrgKind.GRASSROOTS_CELL, Sector.AGENCY, 0),
    ("Chi bộ Kho bạc Nhà nước huyện", OrgKind.GRASSROOTS_CELL, Sector.AGENCY, 0),
    ("Chi bộ Chi cục Thuế khu vực", OrgKind.GRASSROOTS_CELL, Sector.AGENCY, 0),
    ("Chi bộ Trung tâm Văn hóa – Thông tin – Thể thao", OrgKind.GRASSROOTS_CELL, Sector.AGENCY, 0),
)


def build(writer: DemoWriter, province: Organization) -> None:
    rng = random.Random("2021:tho-xuan")
    district = writer.child(
        province,
        code=CODE,
        name="Đảng bộ huyện Thọ Xuân",
        kind=OrgKind.UPPER,
        sector=Sector.OTHER,
        valid_from=FOUNDED,
    )
    communes = _communes(writer, rng, district)
    units = _units(writer, district)
    writer.flush()
    for cells in list(communes.values()) + units:
        for cell in cells:
            _old_members(writer, rng, cell, rng.randint(6, 12) if cell.sector != Sector.SCHOOL else rng.randint(8, 20))
    _admissions_2023(writer, rng, communes, units)
    writer.flush()
    writer.echo(f"  Thọ Xuân: {len(communes)} xã, thị trấn; {len(units)} cơ quan, trường học")


def _communes(writer: DemoWriter, rng: random.Random, district: Organization) -> dict[str, list[Organization]]:
    """The 30 communes and towns, each with village cells and its agency and school cells."""
    result: dict[str, list[Organization]] = {}
    for place in [f"TT {town}" for town in TOWNS] + list(COMMUNES):
        town = place.startswith("TT ")
        stem = slug(place[3:]) if town else slug(place)
        code = f"tt-{stem}" if town else stem
        label = f"thị trấn {place[3:]}" if town else f"xã {place}"
        committee = writer.child(
            district,
            code=f"tx-{code}",
            name=f"Đảng bộ {label}",
            kind=OrgKind.GRASSROOTS_COMMITTEE,
            sector=Sector.WARD if town else Sector.COMMUNE,
            valid_from=FOUNDED,
        )
        named = [(f"Chi bộ {'Khu phố' if town else 'Thôn'} {i + 1}", Sector.VILLAGE) for i in range(rng.randint(7, 12))]
        named += [(f"Chi bộ Cơ quan {label}", Sector.AGENCY), (f"Chi bộ Trường THCS {label}", Sector.SCHOOL)]
        result[code] = [
            writer.child(
                committee,
                code=f"tx-{code}-cb-{i + 1:02d}",
                name=name,
                kind=OrgKind.SUBORDINATE_CELL,
                sector=sector,
                valid_from=FOUNDED,
            )
            for i, (name, sector) in enumerate(named)
        ]
    return result


def _units(writer: DemoWriter, district: Organization) -> list[list[Organization]]:
    """Agencies and schools: each entry lists the cells holding its members."""
    units: list[list[Organization]] = []
    for index, (name, kind, sector, cells) in enumerate(UNITS):
        code = f"tx-cq-{index + 1:02d}"
        node = writer.child(district, code=code, name=name, kind=kind, sector=sector, valid_from=FOUNDED)
        if kind == OrgKind.GRASSROOTS_CELL:
            units.append([node])
            continue
        units.append(
            [
                writer.child(
                    node,
                    code=f"{code}-cb-{i + 1:02d}",
                    name=f"Chi bộ {i + 1} {name[8:]}",
                    kind=OrgKind.SUBORDINATE_CELL,
                    sector=sector,
                    valid_from=FOUNDED,
                )
                for i in range(cells)
            ]
        )
    return units


def _old_members(writer: DemoWriter, rng: random.Random, cell: Organization, count: int) -> None:
    for _ in range(count):
        year = rng.random()
        admitted = (
            old_admission(rng, dt.date(2020, 12, 31))
            if year < 0.85
            else day_between(rng, dt.date(2021, 1, 1), dt.date(2022, 12, 15))
        )
        enrol(
            writer,
            rng,
            cell,
            admitted,
            ethnicity=pick_ethnicity(rng, MIX),
            female=rng.random() < 0.42,
            reference=REPORT_DATE,
        )


def _admissions_2023(
    writer: DemoWriter,
    rng: random.Random,
    communes: dict[str, list[Organization]],
    units: list[list[Organization]],
) -> None:
    """292 decisions by 31/7/2023, and more in August–December that the report does not count."""
    others = [code for code in communes if code not in ADMITTED_2023_BY_COMMUNE]
    rest = ADMITTED_BY_REPORT["communes"] - sum(ADMITTED_2023_BY_COMMUNE.values())
    per_commune = dict(ADMITTED_2023_BY_COMMUNE) | dict(
        zip(others, distribute(rng, rest, [1] * len(others), 1), strict=True)
    )
    for code, count in per_commune.items():
        for _ in range(count):
            _admit(writer, rng, rng.choice(communes[code]), dt.date(2023, 1, 5), REPORT_DATE)
    weights = [3.0 if "THPT" in cells[0].name else 1.0 for cells in units]
    for cells, count in zip(units, distribute(rng, ADMITTED_BY_REPORT["agencies_schools"], weights), strict=True):
        for _ in range(count):
            _admit(writer, rng, rng.choice(cells), dt.date(2023, 1, 5), REPORT_DATE)
    every_cell = [cell for cells in list(communes.values()) + units for cell in cells]
    for cell in rng.sample(every_cell, 64):
        _admit(writer, rng, cell, dt.date(2023, 8, 1), dt.date(2023, 12, 20))


def _admit(writer: DemoWriter, rng: random.Random, cell: Organization, first: dt.date, last: dt.date) -> None:
    admitted = day_between(rng, first, last)
    student = "THPT" in cell.name
    # Grade-12 students are admitted once they turn 18 (Youth Union lists, Thọ Xuân 2023).
    born = years_before(admitted, 18) - dt.timedelta(days=rng.randint(1, 300)) if student else None
    enrol(
        writer,
        rng,
        cell,
        admitted,
        ethnicity=pick_ethnicity(rng, MIX),
        female=rng.random() < 0.5,
        reference=REPORT_DATE,
        born=born,
    )
