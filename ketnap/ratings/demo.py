"""Mường Lát 2022: the 24 cells of the Conclusion 50 program rated by their communes,
all "completed tasks well" or better: the first cell of each commune excellent, the
others good, so each commune keeps within the 20% cap of QĐ 132 / HD 21 (one of 7–9)."""

from __future__ import annotations

import datetime as dt

from ketnap.demo.builder import DemoWriter
from ketnap.demo.muong_lat import PROGRAM_CODE
from ketnap.organizations.models import Organization, OrgKind, Program
from ketnap.ratings.models import Rating, RatingLevel

YEAR = 2022
RATED_ON = dt.date(2022, 12, 20)
EDITION = "QD132-2018"


def build(writer: DemoWriter) -> None:
    program = Program.objects.filter(code=PROGRAM_CODE).first()
    if program is None:
        return
    cells = list(program.organizations.filter(kind__in=OrgKind.cells()).order_by("path"))
    if Rating.objects.filter(year=YEAR, organization__in=cells, person__isnull=True).exists():
        return
    parents = {org.path: org for org in Organization.objects.filter(path__in={c.path[: -c.steplen] for c in cells})}
    seen: set[int] = set()
    for cell in cells:
        rater = parents[cell.path[: -cell.steplen]]
        level = RatingLevel.GOOD if rater.pk in seen else RatingLevel.EXCELLENT
        seen.add(rater.pk)
        writer.row(
            Rating(year=YEAR, organization=cell, level=level, rated_on=RATED_ON, edition=EDITION, rated_by=rater)
        )
    writer.flush()
    writer.echo(f"  Mường Lát: {len(cells)} chi bộ được xếp loại năm {YEAR}")
