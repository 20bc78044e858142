"""The programs part of the demo.

* Mường Lát: Conclusion 50 for 2023 over the same 24 cells as the 2022 program, with
  the 2023 targets of the district's review (100% of cells completing tasks well; admit
  10–15, of them 2–4 women; more cells with a cell committee; train 8–10 candidates;
  new-member training for 100% of earlier admissions and ≥ 50% of this year's), and
  its steering committee members assigned to the cells.
* Lai Châu 2021: border-post members in village cells (84 members in 84 village cells)
  and assigned to households (315 members for 1,781 households). The demo keeps the
  border posts inside the provincial military bloc, so its members are drawn from the
  border-guard cells first and then from the rest of the bloc.
"""

from __future__ import annotations

import datetime as dt
import random

from ketnap.demo.builder import DemoWriter
from ketnap.demo.muong_lat import PROGRAM_CODE
from ketnap.organizations.models import Organization, Program, Sector
from ketnap.people.models import Position, PositionKind, StatusPeriod, SupportAssignment, SupportKind
from ketnap.programs.models import HouseholdAssignment, ProgramTarget, TargetKind

ML_CODE = "kl50-muong-lat-2023"
LC_CODE = "bien-phong-lai-chau-2021"
LC_VILLAGE_CELLS = 84
LC_HOUSEHOLD_MEMBERS = 315
LC_HOUSEHOLDS = 1781
ML_TARGETS = (
    (TargetKind.CELLS_GOOD, 100, None, "100% chi bộ hoàn thành tốt nhiệm vụ trở lên"),
    (TargetKind.ADMISSIONS, 10, 15, "Kết nạp 10–15 đảng viên"),
    (TargetKind.ADMISSIONS_WOMEN, 2, 4, "Trong đó 2–4 đảng viên nữ"),
    (TargetKind.CANDIDATES_TRAINED, 8, 10, "Bồi dưỡng nhận thức về Đảng cho 8–10 quần chúng"),
    (TargetKind.COVERAGE_EARLIER, 100, None, "Bồi dưỡng đảng viên mới cho 100% đảng viên kết nạp năm trước"),
    (TargetKind.COVERAGE_YEAR, 50, None, "Bồi dưỡng đảng viên mới cho ít nhất 50% đảng viên kết nạp trong năm"),
)


def build(writer: DemoWriter) -> None:
    _muong_lat(writer)
    _lai_chau(writer)


def _muong_lat(writer: DemoWriter) -> None:
    earlier = Program.objects.filter(code=PROGRAM_CODE).first()
    if earlier is None or Program.objects.filter(code=ML_CODE).exists():
        return
    cells = list(earlier.organizations.order_by("path"))
    program = Program.objects.create(
        code=ML_CODE,
        name="Thực hiện Kết luận số 50-KL/TU tại các xã Tam Chung, Mường Lý, Trung Lý năm 2023",
        owner=earlier.owner,
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
        description="Chỉ tiêu năm 2023 theo sơ kết năm 2022; Ban Chỉ đạo phân công thành viên phụ trách chi bộ.",
    )
    program.organizations.set(cells)
    committees = _cells_with_committee(cells, dt.date(2022, 12, 31))
    targets = [*ML_TARGETS, (TargetKind.CELLS_WITH_COMMITTEE, committees + 1, None, "Tăng số chi bộ có chi ủy")]
    ProgramTarget.objects.bulk_create(
        ProgramTarget(program=program, kind=k, year=2023, minimum=low, maximum=high, description=text)
        for k, low, high, text in targets
    )
    _steering(writer, earlier.owner, cells)
    writer.echo(f"  Mường Lát: chương trình {ML_CODE} với {len(targets)} chỉ tiêu năm 2023")


def _cells_with_committee(cells: list[Organization], on: dt.date) -> int:
    kinds = [PositionKind.DEPUTY_SECRETARY, PositionKind.COMMITTEE_MEMBER]
    held = Position.objects.as_of(on).filter(organization__in=cells, kind__in=kinds)
    return held.values("organization_id").distinct().count()


def _steering(writer: DemoWriter, district: Organization, cells: list[Organization]) -> None:
    """One steering committee member, from the district's agencies, for each program cell."""
    agencies = Organization.objects.filter(path__startswith=district.path, sector=Sector.AGENCY)
    members = (
        StatusPeriod.objects.members()
        .as_of(dt.date(2023, 1, 1))
        .filter(organization__in=agencies, status="official")
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    for cell, person_id in zip(cells, list(members)[: len(cells)], strict=False):
        writer.row(
            SupportAssignment(
                person_id=person_id,
                cell=cell,
                kind=SupportKind.STEERING,
                valid_from=dt.date(2023, 1, 1),
                valid_to=dt.date(2024, 1, 1),
                note="Thành viên Ban Chỉ đạo Kết luận 50 phụ trách chi bộ",
            )
        )
    writer.flush()


def _lai_chau(writer: DemoWriter) -> None:
    province = Organization.objects.filter(code="lai-chau").first()
    if province is None or Program.objects.filter(code=LC_CODE).exists():
        return
    cells = list(
        Organization.objects.filter(
            path__startswith=province.path, sector=Sector.VILLAGE, valid_from__lte=dt.date(2021, 1, 1)
        ).order_by("path")[:LC_VILLAGE_CELLS]
    )
    guards = _guards(province)[:LC_HOUSEHOLD_MEMBERS]
    program = Program.objects.create(
        code=LC_CODE,
        name="Bộ đội Biên phòng tham gia xây dựng cơ sở đảng ở các bản biên giới năm 2021",
        owner=province,
        start=dt.date(2021, 1, 1),
        end=dt.date(2021, 12, 31),
        description="Đảng viên đồn biên phòng tham gia sinh hoạt tại chi bộ bản và phụ trách hộ gia đình.",
    )
    program.organizations.set(cells)
    start = dt.date(2021, 1, 1)
    for cell, person_id in zip(cells, guards, strict=False):
        writer.row(SupportAssignment(person_id=person_id, cell=cell, kind=SupportKind.BORDER_GUARD, valid_from=start))
    counts = _split(random.Random("2021:lai-chau-households"), LC_HOUSEHOLDS, len(guards))
    for index, (person_id, households) in enumerate(zip(guards, counts, strict=True)):
        writer.row(
            HouseholdAssignment(
                program=program,
                person_id=person_id,
                cell=cells[index % len(cells)],
                households=households,
                valid_from=start,
            )
        )
    writer.flush()
    writer.echo(f"  Lai Châu: {len(guards)} đảng viên biên phòng phụ trách {LC_HOUSEHOLDS} hộ ở {len(cells)} bản")


def _guards(province: Organization) -> list[int]:
    """Members of the border-guard cells at the end of 2021, then the rest of the military bloc."""
    bloc = Organization.objects.filter(
        path__startswith=province.path, sector__in=[Sector.BORDER_GUARD, Sector.ARMED_FORCES]
    )
    rows = (
        StatusPeriod.objects.members()
        .as_of(dt.date(2021, 1, 1))
        .filter(organization__in=bloc)
        .values_list("person_id", "organization__sector")
    )
    return [pid for pid, sector in sorted(rows, key=lambda r: (r[1] != Sector.BORDER_GUARD, r[0]))]


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` positive whole numbers that add up exactly."""
    if parts == 0:
        return []
    base = [total // parts] * parts
    for index in rng.sample(range(parts), total - sum(base)):
        base[index] += 1
    return base
