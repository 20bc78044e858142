"""Cell life in the demo: the 24 cells of the Conclusion-50 program in Mường Lát hold their
monthly meetings through 2022 and 2023 with every member's attendance, and record the dues
of every member and month. A few things to find on the pages:

* Bản 5 of the program (the fifth cell in tree order) held no meeting in 07/2023 and 08/2023;
* two members missed three meetings of 2023 without a reason, one left three months of
  2023 dues unpaid: the sweep of 31/12/2023 raises their removal reviews;
* two members went to work far away in 03/2023 (one reported it to the cell, one did not);
* one member is excused twice for illness, which never counts towards the trigger.

Rows are written in bulk (no audit: the demo is not anybody's work); the reviews are
raised by the same sweep as ``ketnap cells sweep``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.db.models import Q

from ketnap.cells import services
from ketnap.cells.models import Absence, Attendance, AwayRecord, DuesPayment, Meeting
from ketnap.organizations.models import Organization, Program
from ketnap.people.models import StatusPeriod
from ketnap.rules.cell_life import months_in, shift_month

PROGRAM_CODE = "kl50-muong-lat"
FIRST, LAST = dt.date(2022, 1, 1), dt.date(2023, 12, 31)
DUES = 10_000  # đồng a month, the usual minimum for a village member
SKIPPED_CELL, SKIPPED_MONTHS = 4, (dt.date(2023, 7, 1), dt.date(2023, 8, 1))
TOPICS = {
    3: ("themed", "Chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    6: ("themed", "Chuyên đề: phát triển đảng viên ở thôn, bản theo Kết luận 50"),
    9: ("model", "Sinh hoạt chi bộ mẫu: bảo vệ biên giới và giữ gìn an ninh thôn, bản"),
}


def build(writer: Any) -> None:
    program = Program.objects.filter(code=PROGRAM_CODE).first()
    if program is None:
        return
    cells = list(program.organizations.order_by("path"))
    if not cells or Meeting.objects.filter(cell__in=cells).exists():
        return
    rng = random.Random(2022)
    rosters = _rosters(cells)
    special = _specials(rng, cells, rosters)
    _meetings(rng, cells, rosters, special)
    _dues(cells, rosters, special)
    _away(special)
    root = Organization.objects.filter(code="muong-lat").first()
    if root is not None:
        services.review_sweep(org=root, on=LAST)
    writer.echo(f"Sinh hoạt chi bộ: {Meeting.objects.filter(cell__in=cells).count()} buổi họp ở Mường Lát 2022–2023.")


Roster = dict[int, list[tuple[int, dt.date, dt.date | None]]]  # cell -> (person, start, end)


def _rosters(cells: list[Organization]) -> Roster:
    periods = StatusPeriod.objects.members().filter(
        Q(end__isnull=True) | Q(end__gt=FIRST), organization__in=cells, start__lte=LAST
    )
    rosters: Roster = defaultdict(list)
    for cell_id, person_id, start, end in periods.values_list("organization_id", "person_id", "start", "end"):
        rosters[cell_id].append((person_id, start, end))
    return rosters


def _members_on(rosters: Roster, cell: Organization, day: dt.date) -> list[int]:
    return sorted({pid for pid, start, end in rosters[cell.pk] if start <= day and (end is None or day < end)})


def _specials(rng: random.Random, cells: list[Organization], rosters: Roster) -> dict[str, Any]:
    """The members the demo gives a story: absent, unpaid, away, ill."""
    day = dt.date(2023, 1, 15)
    picks = [pid for cell in cells[6:12] for pid in _members_on(rosters, cell, day)[:1]]
    return {
        "absent": set(picks[0:2]),
        "unpaid": picks[2],
        "away_excused": picks[3],
        "away_silent": picks[4],
        "ill": picks[5],
        "cells": {pid: cell for cell in cells for pid in _members_on(rosters, cell, day)},
    }


def _meeting_day(rng: random.Random, month: dt.date) -> dt.date:
    return month.replace(day=rng.randint(3, 10))


def _meetings(rng: random.Random, cells: list[Organization], rosters: Roster, special: dict[str, Any]) -> None:
    meetings: list[Meeting] = []
    for index, cell in enumerate(cells):
        for month in months_in(FIRST, LAST):
            if index == SKIPPED_CELL and month in SKIPPED_MONTHS:
                continue
            kind, topic = TOPICS.get(month.month, ("regular", f"Sinh hoạt chi bộ thường kỳ tháng {month:%m/%Y}"))
            meetings.append(Meeting(cell=cell, date=_meeting_day(rng, month), kind=kind, topic=topic))
    Meeting.objects.bulk_create(meetings, batch_size=500)
    rows = [
        line
        for meeting in Meeting.objects.filter(cell__in=cells)
        for line in _attendance(rng, meeting, _members_on(rosters, meeting.cell, meeting.date), special)
    ]
    Attendance.objects.bulk_create(rows, batch_size=1000)


def _attendance(rng: random.Random, meeting: Meeting, members: list[int], special: dict[str, Any]) -> list[Attendance]:
    rows = []
    gone = meeting.date >= dt.date(2023, 3, 1)
    for pid in members:
        absence, reason = Absence.PRESENT, ""
        if pid in special["absent"] and meeting.date.year == 2023 and meeting.date.month in (2, 5, 9):
            absence = Absence.UNEXCUSED
        elif pid == special["ill"] and meeting.date.year == 2023 and meeting.date.month in (4, 5):
            absence, reason = Absence.EXCUSED, "Ốm, điều trị tại bệnh viện huyện"
        elif gone and pid == special["away_excused"]:
            absence, reason = Absence.EXCUSED, "Đi làm ăn xa, đã báo cáo chi bộ"
        elif gone and pid == special["away_silent"]:
            absence = Absence.UNEXCUSED
        elif rng.random() < 0.04:
            absence, reason = Absence.EXCUSED, rng.choice(["Ốm", "Đi nương xa", "Việc gia đình"])
        rows.append(Attendance(meeting=meeting, person_id=pid, absence=absence, reason=reason))
    return rows


def _dues(cells: list[Organization], rosters: Roster, special: dict[str, Any]) -> None:
    rows = []
    for cell in cells:
        for month in months_in(FIRST, LAST):
            day = shift_month(month, 1) - dt.timedelta(days=1)
            for pid in _members_on(rosters, cell, day):
                unpaid = pid == special["unpaid"] and month.year == 2023 and month.month in (4, 6, 10)
                unpaid |= pid == special["away_silent"] and month >= dt.date(2023, 11, 1)
                rows.append(
                    DuesPayment(cell=cell, person_id=pid, month=month, paid=not unpaid, amount=None if unpaid else DUES)
                )
    DuesPayment.objects.bulk_create(rows, batch_size=1000)


def _away(special: dict[str, Any]) -> None:
    cells = special["cells"]
    AwayRecord.objects.bulk_create(
        [
            AwayRecord(
                person_id=special["away_excused"],
                cell=cells[special["away_excused"]],
                valid_from=dt.date(2023, 3, 1),
                place="Khu công nghiệp Bình Dương",
                excused=True,
                note="Đã báo cáo chi bộ, làm công nhân theo hợp đồng một năm",
            ),
            AwayRecord(
                person_id=special["away_silent"],
                cell=cells[special["away_silent"]],
                valid_from=dt.date(2023, 3, 1),
                place="Bắc Ninh",
                excused=False,
                note="Đi làm ăn xa, chưa báo cáo chi bộ",
            ),
        ]
    )
