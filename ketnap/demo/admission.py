"""Admission work in the demo: who decides, the calendar corrections, open cases, the source.

Built after the provinces, for those present, and only where missing, so the loader
stays idempotent. Cases are written in bulk with steps consistent with their stage;
their stage and next deadline come from the case service's ``case_refresh``, as if
every step had gone through the pages. Cases outside Mường Lát are seen on 16/6/2025,
before the reform; those of the new Mường Lát communes on 15/12/2025, after it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from ketnap.admission.models import (
    AdmissionCase,
    AuthoritySetting,
    AwarenessCertificate,
    CalendarDay,
    CalendarDayKind,
    CaseStep,
    HelperAssignment,
    HelperPurpose,
    Origin,
    ProgressNote,
    Prospect,
    SympathiserListing,
)
from ketnap.admission.services import case_refresh
from ketnap.admission.steps import Stage, StepKind, dossier_kinds
from ketnap.demo.builder import DemoWriter, EventDraft
from ketnap.demo.profiles import day_between, new_person, pick_ethnicity
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.people.status import EventKind, Status
from ketnap.rules.admission import deciding_body
from ketnap.rules.facts import UpperKind

K = StepKind
REFORM = dt.date(2025, 7, 1)
BEFORE_REFORM = dt.date(2025, 6, 16)
AFTER_REFORM = dt.date(2025, 12, 15)
FIRST_EDITION = dt.date(2016, 7, 25)  # QĐ 29-QĐ/TW: the oldest rules modelled
TDP_9 = "muong-ang-cb-09"
PROVINCES = ("lai-chau", "thanh-hoa", "dien-bien")

# (subtree code, cells taken from, seen on, ethnic mix)
AREAS = (
    ("xa-muong-ly", "xa-muong-ly", AFTER_REFORM, {"thai": 0.5, "hmong": 0.4, "kinh": 0.1}),
    ("xa-trung-ly", "xa-trung-ly", AFTER_REFORM, {"thai": 0.5, "hmong": 0.4, "kinh": 0.1}),
    ("tho-xuan", "tho-xuan", BEFORE_REFORM, {"kinh": 0.92, "muong": 0.08}),
    ("muong-ang", "muong-ang", BEFORE_REFORM, {"thai": 0.45, "kinh": 0.45, "hmong": 0.1}),
    ("lai-chau", "lc-muong-te-xa-bum-to", BEFORE_REFORM, {"hanhi": 0.5, "lahu": 0.3, "kinh": 0.2}),
)
STAGES = (
    Stage.DOSSIER,
    Stage.CELL,
    Stage.COMMITTEE,
    Stage.DECISION,
    Stage.CEREMONY,
    Stage.PROBATION,
    Stage.RECOGNITION,
)

# The Prime Minister's Tết decisions as corrections an administrator can change. The
# statutory days already come from the holidays package; these rows record the decision.
# Tết 2025 (Công văn 8726/VPCP-KGVX of 26/11/2024): civil servants off from Saturday 25/01
# to Sunday 02/02, Monday 27/01 being swapped for the make-up working Saturday 15/02.
# The Tết 2026 rows are sample data, to be checked against the decision for that year.
_TET_2025 = "Công văn 8726/VPCP-KGVX ngày 26/11/2024"
_SAMPLE = "Dữ liệu mẫu: đối chiếu quyết định của Thủ tướng"
_OFF, _WORKING = CalendarDayKind.DAY_OFF, CalendarDayKind.WORKING_DAY
TET = (
    (dt.date(2025, 1, 27), _OFF, "Tết Ất Tỵ (28 tháng Chạp), nghỉ hoán đổi", _TET_2025),
    (dt.date(2025, 1, 28), _OFF, "Tết Ất Tỵ (29 tháng Chạp)", _TET_2025),
    (dt.date(2025, 1, 29), _OFF, "Tết Ất Tỵ (mùng 1)", _TET_2025),
    (dt.date(2025, 1, 30), _OFF, "Tết Ất Tỵ (mùng 2)", _TET_2025),
    (dt.date(2025, 1, 31), _OFF, "Tết Ất Tỵ (mùng 3)", _TET_2025),
    (dt.date(2025, 2, 15), _WORKING, "Làm bù ngày 27/01/2025 (Tết Ất Tỵ)", _TET_2025),
    (dt.date(2026, 2, 16), _OFF, "Tết Bính Ngọ (giao thừa)", _SAMPLE),
    (dt.date(2026, 2, 17), _OFF, "Tết Bính Ngọ (mùng 1)", _SAMPLE),
    (dt.date(2026, 2, 18), _OFF, "Tết Bính Ngọ (mùng 2)", _SAMPLE),
    (dt.date(2026, 2, 19), _OFF, "Tết Bính Ngọ (mùng 3)", _SAMPLE),
    (dt.date(2026, 2, 20), _OFF, "Tết Bính Ngọ (mùng 4)", _SAMPLE),
)


def build(writer: DemoWriter) -> None:
    """Everything admission-related for the demo provinces present, where still missing."""
    _calendar()
    _authority()
    rng = random.Random("2021:admission")
    cases = 0
    for code, cells_under, seen_on, mix in AREAS:
        cases += _area_cases(writer, rng, code, cells_under, seen_on, mix)
    _source(writer, rng)
    certificates = _recent_admits_certificates(rng)
    writer.echo(f"  Kết nạp: {cases} hồ sơ đang mở, {certificates} giấy chứng nhận nhận thức về Đảng")


# --- Calendar and authority --------------------------------------------------------------


def _calendar() -> None:
    for day, kind, name, document in TET:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "name": name, "document": document})


def _upper_kind(org: Organization) -> UpperKind:
    if org.sector in (Sector.BORDER_GUARD, Sector.ARMED_FORCES):
        return UpperKind.ARMY
    if org.sector == Sector.POLICE:
        return UpperKind.PUBLIC_SECURITY
    return UpperKind.DISTRICT if org.sector == Sector.OTHER else UpperKind.UPPER_POWERS


def _authority() -> None:
    """Before 01/7/2025 the district standing committee decides for the grassroots
    organizations under it; from then on, in Thanh Hóa, the new commune committees do
    (QĐ 294: no district level). Blocs keep their upper-grassroots powers."""
    provinces = Organization.objects.filter(code__in=PROVINCES, kind=OrgKind.PROVINCIAL)
    settings = []
    for province in provinces:
        under = Organization.objects.in_subtree(province).filter(depth=province.depth + 1)
        for org in under.exclude(authority_settings__isnull=False):
            settings.append(_setting(org))
    AuthoritySetting.objects.bulk_create(settings)


def _setting(org: Organization) -> AuthoritySetting:
    if org.kind == OrgKind.GRASSROOTS_COMMITTEE and org.valid_from >= REFORM:
        upper = UpperKind.COMMUNE  # a new commune committee directly under the province
        start, end = org.valid_from, None
    else:
        upper = _upper_kind(org)
        start = max(org.valid_from, FIRST_EDITION)
        end = org.valid_to or (REFORM if upper is UpperKind.DISTRICT else None)
    return AuthoritySetting(
        organization=org,
        body=deciding_body(upper, False).value,
        deciding_organization=org,
        upper_kind=upper.value,
        valid_from=start,
        valid_to=end,
    )


# --- Open cases ---------------------------------------------------------------------------

# Steps done before each stage (the stage is that of the next step, as the board shows it).
DOSSIER = tuple(dossier_kinds())
DONE: dict[Stage, tuple[StepKind, ...]] = {
    Stage.DOSSIER: (K.APPLICATION, K.PERSONAL_HISTORY),
    Stage.CELL: DOSSIER,
    Stage.COMMITTEE: (*DOSSIER, K.CELL_RESOLUTION),
    Stage.DECISION: (*DOSSIER, K.CELL_RESOLUTION, K.GRASSROOTS_RESOLUTION),
    Stage.CEREMONY: (*DOSSIER, K.CELL_RESOLUTION, K.GRASSROOTS_RESOLUTION, K.DECISION, K.DECISION_RECEIVED),
    Stage.PROBATION: (*DOSSIER, K.CELL_RESOLUTION, K.GRASSROOTS_RESOLUTION, K.DECISION, K.DECISION_RECEIVED,
                      K.CEREMONY),
    Stage.RECOGNITION: (*DOSSIER, K.CELL_RESOLUTION, K.GRASSROOTS_RESOLUTION, K.DECISION, K.DECISION_RECEIVED,
                        K.CEREMONY, K.NEW_MEMBER_CLASS, K.MEMBER_HISTORY),
}  # fmt: skip
# Days before "seen on" of the last step done: the wide ranges leave some cases overdue.
LAST_STEP_AGE: dict[Stage, tuple[int, int]] = {
    Stage.DOSSIER: (5, 40),
    Stage.CELL: (3, 30),
    Stage.COMMITTEE: (5, 45),
    Stage.DECISION: (20, 110),
    Stage.CEREMONY: (10, 60),
    Stage.PROBATION: (20, 120),
    Stage.RECOGNITION: (360, 400),  # the member history, 18 days after a ceremony over a year ago
}
STEP_GAP = dt.timedelta(days=9)


def _area_cases(
    writer: DemoWriter, rng: random.Random, code: str, cells_under: str, seen_on: dt.date, mix: dict[str, float]
) -> int:
    root = Organization.objects.filter(code=cells_under).first()
    if root is None or AdmissionCase.objects.filter(cell__path__startswith=root.path).exists():
        return 0
    cells = list(
        Organization.objects.in_subtree(root)
        .filter(kind__in=OrgKind.cells(), valid_from__lte=seen_on)
        .exclude(valid_to__lte=seen_on)
        .order_by("path")
    )
    cells = [c for c in cells if _officials(c, seen_on)]
    if not cells:
        return 0
    stages = list(STAGES)
    if root.valid_from >= REFORM:
        # The new communes' figures are those moved in by the reform (Mường Lát demo): their
        # cases have not reached the ceremony yet, so nobody joins their rolls in 2025.
        stages = [s for s in STAGES if s not in (Stage.PROBATION, Stage.RECOGNITION)]
    plans = [(stage, rng.choice(cells)) for stage in stages for _ in range(2)]
    drafts = [_case_draft(writer, rng, cell, stage, seen_on, mix) for stage, cell in plans]
    writer.flush()
    cases = AdmissionCase.objects.bulk_create([case for case, _ in drafts])
    CaseStep.objects.bulk_create([step for case, timeline in drafts for step in _steps(case, timeline)])
    _helpers_and_certificates(rng, drafts)
    for case in cases:
        case_refresh(case, seen_on)
    return len(cases)


def _officials(cell: Organization, on: dt.date) -> list[int]:
    rows = StatusPeriod.objects.as_of(on).filter(organization=cell, status=Status.OFFICIAL)
    return list(rows.values_list("person_id", flat=True)[:20])


def _case_draft(
    writer: DemoWriter, rng: random.Random, cell: Organization, stage: Stage, seen_on: dt.date, mix: dict[str, float]
) -> tuple[AdmissionCase, list[tuple[StepKind, dt.date]]]:
    done = DONE[stage]
    if stage is Stage.PROBATION and rng.random() < 0.5:
        done = (*done, K.NEW_MEMBER_CLASS, K.MEMBER_HISTORY)
    timeline = _timeline(rng, done, stage, seen_on, cell.valid_from)
    dates = dict(timeline)
    born = day_between(rng, dt.date(1985, 1, 1), dt.date(2005, 1, 1))
    person = new_person(rng, cell, ethnicity=pick_ethnicity(rng, mix), female=rng.random() < 0.45, born=born,
                        reference=seen_on)  # fmt: skip
    events = []
    if K.CEREMONY in dates:
        events = [
            EventDraft(EventKind.ADMITTED, dates[K.DECISION], cell.pk, document_number=f"{rng.randint(1, 400)}-QĐ/ĐU"),
            EventDraft(EventKind.CEREMONY, dates[K.CEREMONY], cell.pk),
        ]
    draft = writer.person(person, events)
    case = AdmissionCase(person=draft.person, cell=cell, opened_on=timeline[0][1], stage=stage)
    return case, timeline


def _timeline(
    rng: random.Random, done: tuple[StepKind, ...], stage: Stage, seen_on: dt.date, floor: dt.date
) -> list[tuple[StepKind, dt.date]]:
    """Dates for the steps done, the last one ``LAST_STEP_AGE`` days before ``seen_on``,
    closer together when the cell is younger than the usual pace allows."""
    low, high = LAST_STEP_AGE[stage]
    last = seen_on - dt.timedelta(days=rng.randint(low, high))
    gaps = len(done) - 1
    gap = STEP_GAP if gaps == 0 or last - STEP_GAP * gaps >= floor else max((last - floor) // gaps, dt.timedelta(0))
    return [(kind, last - gap * (gaps - i)) for i, kind in enumerate(done)]


def _steps(case: AdmissionCase, timeline: list[tuple[StepKind, dt.date]]) -> Iterable[CaseStep]:
    roll = len(_officials(case.cell, timeline[-1][1])) or 3
    for kind, day in timeline:
        data: dict[str, object] = {}
        number = ""
        if kind is K.CELL_RESOLUTION:
            data = {"official_members": roll, "in_favour": roll, "temporarily_away": 0, "exempted_absent": 0}
            number = f"{case.person_id % 90 + 1}-NQ/CB"
        elif kind is K.GRASSROOTS_RESOLUTION:
            data, number = {"members_total": 9, "in_favour": 9}, f"{case.person_id % 90 + 1}-NQ/ĐU"
        elif kind is K.DECISION:
            number = f"{case.person_id % 400 + 1}-QĐ/HU"
        yield CaseStep(case=case, kind=kind.value, occurred_on=day, document_number=number, data=data)


def _helpers_and_certificates(
    rng: random.Random, drafts: list[tuple[AdmissionCase, list[tuple[StepKind, dt.date]]]]
) -> None:
    """An official member helps each probationary member from the ceremony; every candidate
    has an awareness certificate from before the application, two of them about to expire."""
    helpers, certificates = [], []
    for index, (case, timeline) in enumerate(drafts):
        dates = dict(timeline)
        if K.CEREMONY in dates:
            helper = rng.choice(_officials(case.cell, dates[K.CEREMONY]) or [case.person_id])
            helpers.append(HelperAssignment(case=case, helper_id=helper, purpose=HelperPurpose.PROBATION,
                                            resolution="Nghị quyết chi bộ", valid_from=dates[K.CEREMONY]))  # fmt: skip
        age = dt.timedelta(days=rng.randint(1790, 1840) if index in (0, 3) else rng.randint(60, 500))
        certificates.append(
            AwarenessCertificate(
                person_id=case.person_id,
                issued_on=timeline[0][1] - age,
                number=f"{rng.randint(100, 999)}/CN",
                issuer="Trung tâm Chính trị",
            )
        )
    HelperAssignment.objects.bulk_create(helpers)
    AwarenessCertificate.objects.bulk_create(certificates)


# --- The source: Mường Ảng residential group 9, May 2020 ----------------------------------

PROSPECT_NOTES = (
    "Tích cực tham gia phong trào tổ dân phố, gương mẫu chấp hành chủ trương của Đảng.",
    "Hoàn thành tốt nhiệm vụ được giao; cần tiếp tục nghiên cứu Điều lệ Đảng.",
    "Gia đình chấp hành tốt quy định nơi cư trú; được quần chúng tín nhiệm.",
)


def _source(writer: DemoWriter, rng: random.Random) -> None:
    """Four sent to the awareness class in 2020 and four proposed for admission in 2020,
    each on the sympathiser list with a helper and monthly progress notes."""
    cell = Organization.objects.filter(code=TDP_9).first()
    if cell is None or Prospect.objects.filter(cell=cell).exists():
        return
    helpers: list[int | None] = [*_officials(cell, dt.date(2020, 5, 14))] or [None]
    drafts = []
    for index in range(8):
        born = day_between(rng, dt.date(1990, 1, 1), dt.date(2001, 12, 31))
        person = new_person(rng, cell, ethnicity=pick_ethnicity(rng, {"thai": 0.5, "kinh": 0.5}),
                            female=index % 2 == 0, born=born, reference=dt.date(2020, 5, 14))  # fmt: skip
        drafts.append(writer.person(person))
    writer.flush()
    for index, draft in enumerate(drafts):
        _prospect(rng, cell, draft.person, index, helpers[index % len(helpers)])


def _prospect(rng: random.Random, cell: Organization, person: Person, index: int, helper: int | None) -> None:
    proposed = index < 4
    origin = (Origin.YOUTH_UNION, Origin.WOMEN_UNION, Origin.MILITARY_AGE_YOUTH, Origin.AGENCY)[index % 4]
    note = "Đề nghị kết nạp trong năm 2020." if proposed else "Cử đi học lớp bồi dưỡng nhận thức về Đảng năm 2020."
    prospect = Prospect.objects.create(
        person=person, cell=cell, origin=origin, noted_on=dt.date(2019, 3, 12), note=note
    )
    SympathiserListing.objects.create(
        prospect=prospect, added_by_resolution="05-NQ/CB", valid_from=dt.date(2019, 3, 12)
    )
    issued = dt.date(2019, 6, 21) if proposed else dt.date(2020, 4, 24)
    AwarenessCertificate.objects.create(person=person, issued_on=issued, number=f"{40 + index}/CN",
                                        issuer="Trung tâm Chính trị huyện Mường Ảng")  # fmt: skip
    if helper is None:
        return
    HelperAssignment.objects.create(prospect=prospect, helper_id=helper, purpose=HelperPurpose.SOURCE,
                                    resolution="05-NQ/CB", valid_from=dt.date(2019, 3, 12))  # fmt: skip
    for month in range(1, 6):
        ProgressNote.objects.create(prospect=prospect, meeting_on=dt.date(2020, month, 5), reported_by_id=helper,
                                    text=rng.choice(PROSPECT_NOTES))  # fmt: skip


# --- Certificates of recent admits --------------------------------------------------------


def _recent_admits_certificates(rng: random.Random) -> int:
    """Members admitted from 2022 had attended the awareness class within the 60 months before."""
    admitted = (
        MembershipEvent.objects.filter(kind=EventKind.ADMITTED.value, date__gte=dt.date(2022, 1, 1))
        .exclude(person__certificates__isnull=False)
        .values_list("person_id", "date")
    )
    rows = [
        AwarenessCertificate(
            person_id=person_id, issued_on=day - dt.timedelta(days=rng.randint(120, 700)), issuer="Trung tâm Chính trị"
        )
        for person_id, day in admitted
    ]
    AwarenessCertificate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
