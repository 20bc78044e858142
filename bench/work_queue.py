"""Benchmark: the work queue of a province-sized subtree (≥ 100,000 members, ≥ 5,000 open cases).

.venv/bin/python bench/work_queue.py                                  # fresh SQLite database in a temp dir
.venv/bin/python bench/work_queue.py --database-url postgres://…      # target: < 200 ms on PostgreSQL

Builds a synthetic province once with the demo's bulk writer (generated names, the
demo's member profiles), reuses it on the next run against the same database, then
prints the median of warm runs of ``work_queue(province, as_of)`` and the item count.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections import Counter
from typing import Any

from common import analyze, arguments, start_django  # sibling module; puts the project on the path

AS_OF = dt.date(2025, 6, 2)
CODE = "bench-queue"
DISTRICTS, COMMUNES, CELLS = 10, 20, 10  # 2,000 cells
MEMBERS_PER_CELL = 52  # 104,000 members
OPEN_CASES = 5200
# Deadlines the case service stores, by stage: (stage, due code, days from AS_OF range).
CASE_KINDS = (
    ("committee", "admission_decision.due", (-40, 90)),
    ("decision", "admission_decision.due", (-20, 60)),
    ("ceremony", "ceremony.due", (-15, 45)),
    ("probation", "member_history.due", (-10, 40)),
    ("probation", "probation.in_progress", (10, 400)),
    ("recognition", "recognition_decision.due", (-10, 40)),
)


def build() -> Any:
    """The synthetic province, built once per database."""
    from django.db import transaction

    from ketnap.demo.builder import DemoWriter
    from ketnap.organizations.models import Organization, OrgKind, Sector

    existing = Organization.objects.filter(code=CODE).first()
    if existing is not None:
        return existing
    started = time.perf_counter()
    with transaction.atomic():
        writer = DemoWriter(lambda line: None)
        root = writer.root(
            code="bench-vn", name="Bench", kind=OrgKind.NATIONAL, sector=Sector.OTHER, valid_from=dt.date(1960, 1, 1)
        )
        province = writer.child(
            root,
            code=CODE,
            name="Đảng bộ tỉnh Thử nghiệm",
            kind=OrgKind.PROVINCIAL,
            sector=Sector.OTHER,
            valid_from=dt.date(1960, 1, 1),
        )
        cells = _tree(writer, province)
        writer.flush()
        rng = random.Random("bench-queue")
        _members(writer, rng, cells)
        writer.flush()
        _cases(writer, rng, cells)
        writer.flush()
    analyze()
    print(f"built {CODE} in {time.perf_counter() - started:.1f} s")
    return Organization.objects.get(code=CODE)


def _tree(writer: Any, province: Any) -> list[Any]:
    from ketnap.organizations.models import OrgKind, Sector

    cells = []
    founded = dt.date(1960, 1, 1)
    for d in range(DISTRICTS):
        district = writer.child(
            province,
            code=f"{CODE}-h{d:02d}",
            name=f"Đảng bộ huyện {d + 1}",
            kind=OrgKind.UPPER,
            sector=Sector.OTHER,
            valid_from=founded,
        )
        for c in range(COMMUNES):
            commune = writer.child(
                district,
                code=f"{district.code}-x{c:02d}",
                name=f"Đảng bộ xã {d + 1}.{c + 1}",
                kind=OrgKind.GRASSROOTS_COMMITTEE,
                sector=Sector.COMMUNE,
                valid_from=founded,
            )
            for k in range(CELLS):
                cells.append(
                    writer.child(
                        commune,
                        code=f"{commune.code}-cb{k:02d}",
                        name=f"Chi bộ thôn {k + 1}",
                        kind=OrgKind.SUBORDINATE_CELL,
                        sector=Sector.VILLAGE,
                        valid_from=founded,
                    )
                )
    return cells


def _members(writer: Any, rng: random.Random, cells: list[Any]) -> None:
    """Mostly official members; about 4% admitted in the last two years and not yet recognized."""
    from ketnap.demo.profiles import admission, day_between, enrol, new_person, old_admission

    for cell in cells:
        for _ in range(MEMBERS_PER_CELL):
            if rng.random() < 0.04:
                ceremony = day_between(rng, dt.date(2023, 6, 1), dt.date(2025, 5, 1))
                person = new_person(rng, cell, ethnicity="kinh", female=rng.random() < 0.4,
                                    born=dt.date(1995, 1, 1), reference=AS_OF)  # fmt: skip
                writer.person(person, admission(cell, ceremony - dt.timedelta(days=20), ceremony))
            else:
                enrol(writer, rng, cell, old_admission(rng, dt.date(2023, 1, 1)), ethnicity="kinh",
                      female=rng.random() < 0.4, reference=AS_OF)  # fmt: skip


def _cases(writer: Any, rng: random.Random, cells: list[Any]) -> None:
    """Open cases with the stage and next deadline the case service would store, some with
    an old awareness certificate; prospects with certificates, a few expiring."""
    from ketnap.admission.models import AdmissionCase, AwarenessCertificate, Prospect
    from ketnap.demo.profiles import new_person

    for index in range(OPEN_CASES):
        cell = cells[index % len(cells)]
        person = writer.person(new_person(rng, cell, ethnicity="kinh", female=rng.random() < 0.4,
                                          born=dt.date(2000, 1, 1), reference=AS_OF)).person  # fmt: skip
        if index % 4 == 0:
            stage, code, due = "dossier", "", None
            issued = AS_OF - dt.timedelta(days=rng.randint(300, 1900))
            writer.row(AwarenessCertificate(person=person, issued_on=issued, number=f"{index}/CN"))
        else:
            stage, code, (low, high) = rng.choice(CASE_KINDS)
            due = AS_OF + dt.timedelta(days=rng.randint(low, high))
        writer.row(AdmissionCase(person=person, cell=cell, opened_on=dt.date(2024, 9, 1), stage=stage,
                                 due_on=due, due_code=code))  # fmt: skip
    for index in range(2000):
        cell = cells[(index * 7) % len(cells)]
        person = writer.person(new_person(rng, cell, ethnicity="kinh", female=True,
                                          born=dt.date(2002, 1, 1), reference=AS_OF)).person  # fmt: skip
        writer.row(Prospect(person=person, cell=cell, origin="youth_union", noted_on=dt.date(2022, 1, 1)))
        writer.row(AwarenessCertificate(person=person, issued_on=AS_OF - dt.timedelta(days=rng.randint(30, 1850))))


def counts(province: Any) -> tuple[int, int]:
    from ketnap.admission.models import AdmissionCase
    from ketnap.people.models import StatusPeriod

    members = StatusPeriod.objects.members().as_of(AS_OF).filter(organization__path__startswith=province.path)
    cases = AdmissionCase.objects.filter(closed_on__isnull=True, cell__path__startswith=province.path)
    return members.count(), cases.count()


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    where = start_django(args.database_url)
    from ketnap.admission.calendar import working_calendar
    from ketnap.admission.queue import work_queue

    province = build()
    members, cases = counts(province)
    working_calendar()  # built once per process; the pages and the command reuse it too
    items = work_queue(province, AS_OF)  # warm
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        items = work_queue(province, AS_OF)
        times.append((time.perf_counter() - started) * 1000)
    kinds = Counter(item.code for item in items)
    print(f"database: {where}")
    print(f"subtree {CODE}: {members:,} members, {cases:,} open cases as of {AS_OF:%d/%m/%Y}")
    print(f"work_queue: median {statistics.median(times):.1f} ms of {args.runs} warm runs "
          f"(min {min(times):.1f}, max {max(times):.1f}); {len(items):,} items, "
          f"{sum(i.overdue for i in items):,} overdue")  # fmt: skip
    print("  " + ", ".join(f"{code} {n}" for code, n in kinds.most_common()))


if __name__ == "__main__":
    main()
