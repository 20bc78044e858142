"""The training part of the demo: Mường Lát's six classes of 2022 (3 general classes
for 321 members, 1 specialised class for 155 cell leaders, 1 new-member class of 30,
1 class of 35 admission candidates), with real demo people of the district enrolled,
completed and, where the class awards one, certified."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ketnap.demo.builder import DemoWriter
from ketnap.demo.muong_lat import MIX, PROGRAM_CODE
from ketnap.demo.profiles import non_member, pick_ethnicity
from ketnap.organizations.models import Organization, Program
from ketnap.people.models import MembershipEvent, Person, Position, StatusPeriod
from ketnap.people.status import EventKind
from ketnap.training.models import ClassKind, Enrolment, TrainingClass

DISTRICT = "muong-lat"
YEAR_END = dt.date(2022, 12, 31)


@dataclass(frozen=True)
class Planned:
    kind: ClassKind
    name: str
    start: dt.date
    size: int
    sessions: int
    certificate: str = ""  # number prefix; empty: the class awards none


CLASSES = (
    Planned(ClassKind.GENERAL, "Lớp bồi dưỡng chung đợt 1 năm 2022", dt.date(2022, 3, 14), 107, 5),
    Planned(ClassKind.CELL_LEADERS, "Lớp bồi dưỡng cấp ủy, bí thư chi bộ năm 2022", dt.date(2022, 4, 18), 155, 5),
    Planned(ClassKind.AWARENESS, "Lớp bồi dưỡng nhận thức về Đảng năm 2022", dt.date(2022, 5, 16), 35, 5, "CN-NT"),
    Planned(ClassKind.GENERAL, "Lớp bồi dưỡng chung đợt 2 năm 2022", dt.date(2022, 6, 13), 107, 5),
    Planned(ClassKind.GENERAL, "Lớp bồi dưỡng chung đợt 3 năm 2022", dt.date(2022, 9, 12), 107, 5),
    Planned(ClassKind.NEW_MEMBER, "Lớp bồi dưỡng đảng viên mới năm 2022", dt.date(2022, 12, 26), 30, 5, "CN-ĐVM"),
)


def build(writer: DemoWriter) -> None:
    district = Organization.objects.filter(code=DISTRICT).first()
    if district is None or TrainingClass.objects.filter(organizer=district).exists():
        return
    members = _members(district)
    groups = {
        ClassKind.GENERAL: members[:321],
        ClassKind.CELL_LEADERS: _leaders(district, members)[:155],
        ClassKind.NEW_MEMBER: _newest(district)[:30],
        ClassKind.AWARENESS: _candidates(writer, district, 35),
    }
    taken: dict[ClassKind, int] = {}
    for planned in CLASSES:
        start = taken.get(planned.kind, 0)
        taken[planned.kind] = start + planned.size
        _class(district, planned, groups[planned.kind][start : start + planned.size])
    writer.echo(f"  Mường Lát: {len(CLASSES)} lớp bồi dưỡng năm 2022")


def _members(district: Organization) -> list[int]:
    """Members of the district at the end of 2022, in a stable order."""
    rows = StatusPeriod.objects.members().as_of(YEAR_END).filter(organization__path__startswith=district.path)
    return sorted(set(rows.values_list("person_id", flat=True)))


def _leaders(district: Organization, members: list[int]) -> list[int]:
    """Holders of a cell office first, then other members: the specialised class."""
    held = Position.objects.as_of(YEAR_END).filter(organization__path__startswith=district.path)
    leaders = sorted(set(held.values_list("person_id", flat=True)) & set(members))
    return leaders + [m for m in reversed(members) if m not in set(leaders)]


def _newest(district: Organization) -> list[int]:
    """Admissions of 2022 before the new-member class: the program area's first (so that
    the program's coverage of earlier admissions can be met), then the district's newest."""
    events = MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        organization__path__startswith=district.path,
        superseded_by__isnull=True,
        date__range=(dt.date(2022, 1, 1), dt.date(2022, 12, 25)),
    ).order_by("-date", "person_id")
    cells = Program.objects.get(code=PROGRAM_CODE).organizations.values("pk")
    program = events.filter(organization__in=cells).values_list("person_id", flat=True)
    return list(dict.fromkeys([*program, *events.values_list("person_id", flat=True)]))


def _candidates(writer: DemoWriter, district: Organization, size: int) -> list[int]:
    """People of the district who were never members by the end of 2022 and have no case
    or source record; too few are on record, so the rest are recorded in the program's
    village cells as the candidates the class trained."""
    ever = StatusPeriod.objects.members().filter(start__lte=YEAR_END).values("person_id")
    people = (
        Person.objects.filter(organization__path__startswith=district.path, birth_date__lte=dt.date(2004, 5, 16))
        .exclude(pk__in=ever)
        .exclude(cases__isnull=False)
        .exclude(prospects__isnull=False)
        .order_by("pk")
    )
    found = list(people.values_list("pk", flat=True)[:size])
    rng = random.Random("2022:muong-lat-training")
    cells = list(Program.objects.get(code=PROGRAM_CODE).organizations.order_by("path"))
    drafts = [
        non_member(
            writer,
            rng,
            cells[i % len(cells)],
            ethnicity=pick_ethnicity(rng, MIX),
            female=i % 3 == 0,
            reference=YEAR_END,
        )
        for i in range(size - len(found))
    ]
    writer.flush()
    return found + [draft.person.pk for draft in drafts]


def _class(district: Organization, planned: Planned, people: list[int]) -> None:
    end = planned.start + dt.timedelta(days=4)
    training_class = TrainingClass.objects.create(
        organizer=district,
        kind=planned.kind,
        name=planned.name,
        start=planned.start,
        end=end,
        sessions=planned.sessions,
        place="Trung tâm Chính trị huyện Mường Lát",
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            training_class=training_class,
            person_id=person_id,
            attended_sessions=planned.sessions,
            completed_on=end,
            certificate_number=f"{index}/{planned.certificate}" if planned.certificate else "",
            certificate_issued_on=end if planned.certificate else None,
        )
        for index, person_id in enumerate(people, 1)
    )
