"""Work in progress positioned relative to the day the demo is loaded.

The historical snapshots reproduce the source reports; this module makes the demo a
working commune on whatever day it is opened. In each commune of ``COMMUNES`` it puts
a candidate source (outstanding mass members on the sympathiser list, with a helper,
progress notes and an awareness certificate) and open admission cases spread across
the stages. Every due date is placed relative to the load day: most are on time, some
due soon and a few overdue, so the work queue looks like a normal week's work.

Everything goes through the admission services (``case_open``, ``step_record``, the
dossier records, the source services) as the loader acting as an administrator, so the
steps carry the rules' findings and the deadlines come from the rules and the working-day
calendar. Only the candidates themselves are written in bulk, as every demo person is.
Offsets are drawn from an RNG seeded by the commune, so the shape is the same on every
day; only the dates move with the day.

No admission decision is dated on or before the last day a figure of the commune's
place is checked against its source (``REPORTED_UNTIL``: 2023 for the report dates up
to 31/7/2023; 01/01/2026 for the Mường Lát communes, whose members are compared across
the reform): the work in progress never changes a historical report. A case that would
need an earlier decision on the load day is left out (loaded in December 2026, the
Mường Lát communes have no probationary member yet; from 2027 they do).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from ketnap.admission import deadlines, services, source
from ketnap.admission.calendar import working_calendar
from ketnap.admission.facts import cell_roll
from ketnap.admission.models import AdmissionCase, Origin
from ketnap.admission.selectors import under_grassroots_committee
from ketnap.admission.steps import Stage, StepKind
from ketnap.demo.builder import DemoWriter
from ketnap.demo.profiles import day_between, new_person, pick_ethnicity
from ketnap.lib.workdays import Calendar
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.choices import Education
from ketnap.people.models import Person, StatusPeriod
from ketnap.people.status import Status
from ketnap.rules.base import add_months

K = StepKind
DAY = dt.timedelta(days=1)
REPORTED_UNTIL = dt.date(2023, 12, 31)
REFORMED_UNTIL = dt.date(2026, 1, 1)

_MOUNTAIN = {"thai": 0.5, "hmong": 0.4, "kinh": 0.1}
# The communes the demo works in: the Mường Lát program communes (after the reform), the
# Thọ Xuân communes whose 2023 plan the report names, Mường Ảng town and the commune of
# the demo logins.
# (code, ethnic mix, no admission decision on or before this day)
COMMUNES: tuple[tuple[str, dict[str, float], dt.date], ...] = (
    ("xa-muong-ly", _MOUNTAIN, REFORMED_UNTIL),
    ("xa-trung-ly", _MOUNTAIN, REFORMED_UNTIL),
    ("xa-tam-chung", _MOUNTAIN, REFORMED_UNTIL),
    ("tx-quang-phu", {"kinh": 0.95, "muong": 0.05}, REPORTED_UNTIL),
    ("tx-xuan-bai", {"kinh": 0.95, "muong": 0.05}, REPORTED_UNTIL),
    ("tx-thuan-minh", {"kinh": 0.9, "muong": 0.1}, REPORTED_UNTIL),
    ("muong-ang", {"thai": 0.45, "kinh": 0.45, "hmong": 0.1}, REPORTED_UNTIL),
    ("lc-muong-te-xa-bum-to", {"hanhi": 0.5, "lahu": 0.3, "kinh": 0.2}, REPORTED_UNTIL),
)

# Days after the case opened on which each step of the dossier and admission is recorded.
OFFSET: dict[StepKind, int] = {
    K.APPLICATION: 0,
    K.PERSONAL_HISTORY: 4,
    K.HISTORY_STAMPED: 8,
    K.VERIFICATION_CONCLUDED: 34,
    K.HISTORY_CERTIFIED: 38,
    K.INTRODUCTION: 41,
    K.UNION_INTRODUCTION: 42,
    K.ORGANISATION_COMMENTS: 44,
    K.RESIDENCE_COMMENT: 45,
    K.COMMENTS_SUMMARY: 47,
    K.CELL_RESOLUTION: 54,
    K.GRASSROOTS_RESOLUTION: 64,
    K.DECISION: 84,
    K.DECISION_RECEIVED: 90,
    K.CEREMONY: 104,
    K.MEMBER_HISTORY: 122,
    K.NEW_MEMBER_CLASS: 170,
}
ORDERED = tuple(OFFSET)


@dataclass(frozen=True)
class Plan:
    """One open case: the last step done, and when its next deadline falls (days from the
    load day, negative when overdue), or how long ago the last step was done when the
    stage has no deadline."""

    stage: Stage
    last: StepKind
    rule: str = ""  # the deadline waited for, a key of ``ANCHOR``
    due_in: tuple[int, int] = (0, 0)
    done_ago: tuple[int, int] = (0, 0)


# Per commune: most on time, a couple due within days, one overdue (two in some).
PLANS: tuple[Plan, ...] = (
    Plan(Stage.DOSSIER, K.PERSONAL_HISTORY, done_ago=(3, 25)),
    Plan(Stage.DOSSIER, K.HISTORY_STAMPED, done_ago=(5, 20)),
    Plan(Stage.CELL, K.COMMENTS_SUMMARY, done_ago=(2, 15)),
    Plan(Stage.COMMITTEE, K.CELL_RESOLUTION, "admission_decision", due_in=(40, 75)),
    Plan(Stage.DECISION, K.GRASSROOTS_RESOLUTION, "admission_decision", due_in=(12, 28)),
    Plan(Stage.CEREMONY, K.DECISION_RECEIVED, "ceremony", due_in=(1, 5)),
    Plan(Stage.CEREMONY, K.DECISION_RECEIVED, "ceremony", due_in=(-25, -4)),
    Plan(Stage.PROBATION, K.CEREMONY, "member_history", due_in=(12, 26)),
    Plan(Stage.PROBATION, K.NEW_MEMBER_CLASS, "probation", due_in=(50, 95)),  # approaching recognition
    Plan(Stage.RECOGNITION, K.NEW_MEMBER_CLASS, "probation", due_in=(1, 6)),
    Plan(Stage.RECOGNITION, K.NEW_MEMBER_CLASS, "probation", due_in=(10, 28)),
)
# Added in about half of the communes: a decision past its deadline.
LATE_DECISION = Plan(Stage.DECISION, K.GRASSROOTS_RESOLUTION, "admission_decision", due_in=(-30, -5))
# Each deadline: the step it runs from and the edition parameter of its span in working days.
ANCHOR: dict[str, tuple[StepKind, str]] = {
    "admission_decision": (K.CELL_RESOLUTION, "admission_decision_working_days"),
    "ceremony": (K.DECISION_RECEIVED, "ceremony_working_days"),
    "member_history": (K.CEREMONY, "member_history_working_days"),
    "probation": (K.CEREMONY, "recognition_review_working_days"),
}
DOCUMENT: dict[StepKind, str] = {
    K.CELL_RESOLUTION: "NQ/CB",
    K.GRASSROOTS_RESOLUTION: "NQ/ĐU",
    K.DECISION: "QĐ/ĐU",
    K.UNION_INTRODUCTION: "NQ/ĐTN",
}
YOUTH_AGE = 30  # in the Youth Union's age the union's resolution introduces the candidate
PROGRESS = (
    "Tích cực tham gia các phong trào ở thôn, bản; gương mẫu chấp hành chủ trương của Đảng.",
    "Hoàn thành tốt nhiệm vụ được giao; đang nghiên cứu Điều lệ Đảng.",
    "Được quần chúng nơi cư trú tín nhiệm; cần tiếp tục rèn luyện tác phong.",
)


@dataclass
class Commune:
    """What the work of one commune is built from."""

    writer: DemoWriter
    rng: random.Random
    actor: Any
    cells: list[Organization]
    mix: dict[str, float]
    today: dt.date
    reported_until: dt.date


def build(writer: DemoWriter, today: dt.date) -> int:
    """The source and open cases of every demo commune present; returns the cases opened."""
    actor = loader_actor()
    opened = 0
    for code, mix, reported_until in COMMUNES:
        org = Organization.objects.filter(code=code).first()
        if org is None or _has_live_work(org):
            continue
        cells = _working_cells(org, today)
        if cells:
            commune = Commune(writer, random.Random(f"live:{code}"), actor, cells, mix, today, reported_until)
            _source(commune)
            opened += _cases(commune)
    return opened


def loader_actor() -> Any:
    """The loader acts as an administrator of the whole tree; unsaved, so the audit log
    records the demo's work without naming any login."""
    return get_user_model()(username="demo-loader", is_superuser=True, is_active=True)


def _has_live_work(commune: Organization) -> bool:
    return AdmissionCase.objects.filter(cell__path__startswith=commune.path).exists()


def _working_cells(commune: Organization, today: dt.date) -> list[Organization]:
    """Cells of the commune open today that had at least three official members a year ago."""
    cells = (
        Organization.objects.in_subtree(commune)
        .filter(kind__in=OrgKind.cells(), valid_from__lte=today - dt.timedelta(days=500))
        .exclude(valid_to__lte=today)
        .order_by("path")
    )
    return [c for c in cells if len(officials(c, today - dt.timedelta(days=400))) >= 3]


def officials(cell: Organization, on: dt.date) -> list[int]:
    return list(
        StatusPeriod.objects.as_of(on)
        .filter(organization=cell, status=Status.OFFICIAL.value)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )


def _candidates(commune: Commune, n: int) -> list[Person]:
    writer, rng, today = commune.writer, commune.rng, commune.today
    drafts = []
    for index in range(n):
        cell = rng.choice(commune.cells)
        born = day_between(rng, today - dt.timedelta(days=365 * 36), today - dt.timedelta(days=365 * 21))
        person = new_person(
            rng, cell, ethnicity=pick_ethnicity(rng, commune.mix), female=index % 3 == 0, born=born, reference=today
        )
        person.youth_union_member = _youth(person, today)
        # Candidates hold the lower secondary diploma the Charter asks for, most the upper one.
        person.education = Education.UPPER_SECONDARY if rng.random() < 0.7 else Education.LOWER_SECONDARY
        drafts.append(writer.person(person))
    writer.flush()
    return [draft.person for draft in drafts]


# --- The source --------------------------------------------------------------------------


def _source(commune: Commune) -> None:
    """Three outstanding mass members on the sympathiser list, each with a helper and
    monthly progress notes; the first one's awareness certificate runs out within weeks."""
    rng, actor, today = commune.rng, commune.actor, commune.today
    origins = (Origin.YOUTH_UNION, Origin.WOMEN_UNION, Origin.MILITARY_AGE_YOUTH)
    for index, person in enumerate(_candidates(commune, 3)):
        noted = today - dt.timedelta(days=rng.randint(90, 300))
        prospect = source.prospect_add(
            actor=actor, person=person, cell=person.organization, origin=origins[index], noted_on=noted
        )
        resolution = f"{rng.randint(1, 30)}-NQ/CB"
        source.sympathiser_list(actor=actor, prospect=prospect, on=noted, resolution=resolution)
        helper = Person.objects.get(pk=rng.choice(officials(person.organization, noted)))
        source.helper_assign(actor=actor, helper=helper, on=noted, resolution=resolution, prospect=prospect)
        expiring = add_months(today + dt.timedelta(days=rng.randint(9, 25)), -60)
        issued = expiring if index == 0 else today - dt.timedelta(days=rng.randint(200, 900))
        services.certificate_record(
            actor=actor,
            person=person,
            issued_on=issued,
            number=f"{rng.randint(100, 999)}/CN",
            issuer="Trung tâm Chính trị",
        )
        meeting = noted + dt.timedelta(days=30)
        while meeting <= today:
            source.progress_note_add(
                actor=actor, prospect=prospect, meeting_on=meeting, reported_by=helper, text=rng.choice(PROGRESS)
            )
            meeting += dt.timedelta(days=30)


# --- Open cases --------------------------------------------------------------------------


def _cases(commune: Commune) -> int:
    plans = [*PLANS, *([LATE_DECISION] if commune.rng.random() < 0.5 else [])]
    people = _candidates(commune, len(plans))
    calendar = working_calendar()
    opened = 0
    for plan, person in zip(plans, people, strict=True):
        dates = _dates(commune.rng, plan, commune.today, calendar)
        if _fits(person.organization, dates, commune.reported_until):
            _walk(commune.actor, person, dates)
            opened += 1
    return opened


def _dates(rng: random.Random, plan: Plan, today: dt.date, calendar: Calendar) -> dict[StepKind, dt.date]:
    """The date of every step up to ``plan.last``, placed so the next deadline falls as planned."""
    if not plan.rule:
        last = today - dt.timedelta(days=rng.randint(*plan.done_ago))
        start = last - dt.timedelta(days=OFFSET[plan.last])
    else:
        due = today + dt.timedelta(days=rng.randint(*plan.due_in))
        kind, span = ANCHOR[plan.rule]
        start = _anchor(due, span, calendar) - dt.timedelta(days=OFFSET[kind])
    wanted = ORDERED[: ORDERED.index(plan.last) + 1]
    return {kind: start + dt.timedelta(days=OFFSET[kind]) for kind in wanted}


def _anchor(due: dt.date, span: str, calendar: Calendar) -> dt.date:
    """The latest day from which the rule's span of working days ends on or before ``due``
    (for the recognition review, after the twelve months of probation)."""
    edition = deadlines.edition_on(due - dt.timedelta(days=120))
    working = deadlines.calendar_for(edition, calendar)
    days = int(getattr(edition.parameters, span))
    day = due - dt.timedelta(days=days * 7 // 5 + 20)
    while working.add_working_days(day + DAY, days) <= due:
        day += DAY
    if span == "recognition_review_working_days":
        return add_months(day, -edition.parameters.probation_months)
    return day


def _fits(cell: Organization, dates: dict[StepKind, dt.date], reported_until: dt.date) -> bool:
    """Opened while the cell existed, with no admission decision in a reported period."""
    decided = dates.get(K.DECISION)
    return dates[K.APPLICATION] >= cell.valid_from and (decided is None or decided > reported_until)


def _walk(actor: Any, person: Person, dates: dict[StepKind, dt.date]) -> None:
    cell = person.organization
    issued = dates[K.APPLICATION] - dt.timedelta(days=90 + person.pk % 400)
    services.certificate_record(
        actor=actor, person=person, issued_on=issued, number=f"{person.pk % 900 + 100}/CN", issuer="Trung tâm Chính trị"
    )
    case = services.case_open(actor=actor, person=person, cell=cell, opened_on=dates[K.APPLICATION])
    for kind, day in dates.items():
        if kind is K.GRASSROOTS_RESOLUTION and not under_grassroots_committee(cell):
            continue
        if kind is K.UNION_INTRODUCTION and not _youth(person, day):
            continue
        if kind is K.INTRODUCTION:
            _dossier_records(actor, case, dates)
        _record(actor, case, kind, day)


def _youth(person: Person, on: dt.date) -> bool:
    return add_months(person.birth_date, 12 * (YOUTH_AGE + 1)) > on


def _dossier_records(actor: Any, case: AdmissionCase, dates: dict[StepKind, dt.date]) -> None:
    """Both parents verified where they live, and two official members introducing."""
    sent = dates[K.HISTORY_STAMPED] + DAY
    family = case.person.family_name
    for name, relation in ((f"{family} Văn Thành", "father"), ("Lò Thị Lan", "mother")):
        relative = services.relative_add(
            actor=actor, case=case, full_name=name, relation=relation, residence=case.person.residence
        )
        request = services.verification_request_add(
            actor=actor, case=case, relative=relative, sent_on=sent, addressee="Đảng ủy xã nơi cư trú"
        )
        services.verification_reply_record(
            actor=actor,
            request=request,
            replied_on=sent + dt.timedelta(days=18),
            result="Lịch sử chính trị rõ ràng, chấp hành tốt chính sách.",
        )
    introduced = dates[K.INTRODUCTION]
    for member_id in officials(case.cell, introduced)[:2]:
        services.introducer_add(
            actor=actor,
            case=case,
            member=Person.objects.get(pk=member_id),
            basis="work",
            together_since=introduced - dt.timedelta(days=700),
            introduced_on=introduced,
        )


def _record(actor: Any, case: AdmissionCase, kind: StepKind, day: dt.date) -> None:
    data: dict[str, Any] = {}
    if kind is K.CELL_RESOLUTION:
        data = cell_roll(case.cell_id, day)
        data["in_favour"] = data["official_members"] - data["temporarily_away"] - data["exempted_absent"]
    elif kind is K.GRASSROOTS_RESOLUTION:
        data = {"members_total": 11, "in_favour": 11}
    elif kind is K.UNION_INTRODUCTION:
        data = {"organisation": "youth_union"}
    elif kind is K.CEREMONY:
        data = {"helper_id": officials(case.cell, day)[case.person_id % 2]}
    suffix = DOCUMENT.get(kind)
    number = f"{case.person_id % 90 + 1}-{suffix}" if suffix else ""
    services.step_record(actor=actor, case=case, kind=kind, occurred_on=day, document_number=number, data=data)
