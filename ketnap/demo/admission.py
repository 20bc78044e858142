"""Admission work in the demo: who decides, the calendar corrections, the source.

Built after the provinces, for those present, and only where missing, so the loader
stays idempotent. The historical source of Mường Ảng residential group 9 (May 2020) is
written here; the work in progress, dated relative to the load day, is ``live``'s.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from ketnap.admission.models import (
    AuthoritySetting,
    AwarenessCertificate,
    CalendarDay,
    CalendarDayKind,
    HelperAssignment,
    HelperPurpose,
    Origin,
    ProgressNote,
    Prospect,
    SympathiserListing,
)
from ketnap.demo import live
from ketnap.demo.builder import DemoWriter
from ketnap.demo.profiles import day_between, new_person, pick_ethnicity
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.people.status import EventKind, Status
from ketnap.rules.admission import deciding_body
from ketnap.rules.facts import UpperKind

REFORM = dt.date(2025, 7, 1)
FIRST_EDITION = dt.date(2016, 7, 25)  # QĐ 29-QĐ/TW: the oldest rules modelled
TDP_9 = "muong-ang-cb-09"
PROVINCES = ("lai-chau", "thanh-hoa", "dien-bien")
# The 2020 source of residential group 9 was reviewed when the next term began.
SOURCE_REVIEWED = dt.date(2021, 3, 15)

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
    _source(writer, rng)
    certificates = _recent_admits_certificates(rng)
    cases = live.build(writer, timezone.localdate())
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
    organizations under it; from then on the commune committees do (QĐ 294: no district
    level): in Mường Lát the new communes of the reform, elsewhere each commune committee
    of a district the demo keeps, and for the district's other grassroots organizations
    the province. Blocs keep their upper-grassroots powers."""
    provinces = Organization.objects.filter(code__in=PROVINCES, kind=OrgKind.PROVINCIAL)
    settings = []
    for province in provinces:
        under = Organization.objects.in_subtree(province).filter(depth=province.depth + 1)
        for org in under.exclude(authority_settings__isnull=False):
            settings.append(_setting(org))
        for district in under.filter(kind=OrgKind.UPPER, sector=Sector.OTHER).exclude(valid_to__lte=REFORM):
            settings += _after_reform(province, district)
    AuthoritySetting.objects.bulk_create(settings)


def _after_reform(province: Organization, district: Organization) -> list[AuthoritySetting]:
    """From 01/7/2025, for the grassroots organizations of a district still in the tree."""
    grassroots = Organization.objects.in_subtree(district).filter(depth=district.depth + 1)
    settings = []
    for org in grassroots.exclude(valid_to__lte=REFORM).exclude(authority_settings__isnull=False):
        commune = org.kind == OrgKind.GRASSROOTS_COMMITTEE and org.sector in Sector.communes()
        upper = UpperKind.COMMUNE if commune else UpperKind.PROVINCIAL
        settings.append(
            AuthoritySetting(
                organization=org,
                body=deciding_body(upper, False).value,
                deciding_organization=org if commune else province,
                upper_kind=upper.value,
                valid_from=max(org.valid_from, REFORM),
            )
        )
    return settings


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


def _officials(cell: Organization, on: dt.date) -> list[int]:
    rows = StatusPeriod.objects.as_of(on).filter(organization=cell, status=Status.OFFICIAL)
    return list(rows.values_list("person_id", flat=True)[:20])


# --- The source: Mường Ảng residential group 9, May 2020 ----------------------------------

PROSPECT_NOTES = (
    "Tích cực tham gia phong trào tổ dân phố, gương mẫu chấp hành chủ trương của Đảng.",
    "Hoàn thành tốt nhiệm vụ được giao; cần tiếp tục nghiên cứu Điều lệ Đảng.",
    "Gia đình chấp hành tốt quy định nơi cư trú; được quần chúng tín nhiệm.",
)


def _source(writer: DemoWriter, rng: random.Random) -> None:
    """Four sent to the awareness class in 2020 and four proposed for admission in 2020,
    each on the sympathiser list with a helper and monthly progress notes; the list was
    reviewed when the next term began (``SOURCE_REVIEWED``), so it is history today."""
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
        person=person, cell=cell, origin=origin, noted_on=dt.date(2019, 3, 12), note=note, left_on=SOURCE_REVIEWED
    )
    SympathiserListing.objects.create(
        prospect=prospect,
        added_by_resolution="05-NQ/CB",
        removed_by_resolution="02-NQ/CB",
        valid_from=dt.date(2019, 3, 12),
        valid_to=SOURCE_REVIEWED,
    )
    issued = dt.date(2019, 6, 21) if proposed else dt.date(2020, 4, 24)
    AwarenessCertificate.objects.create(person=person, issued_on=issued, number=f"{40 + index}/CN",
                                        issuer="Trung tâm Chính trị huyện Mường Ảng")  # fmt: skip
    if helper is None:
        return
    HelperAssignment.objects.create(prospect=prospect, helper_id=helper, purpose=HelperPurpose.SOURCE,
                                    resolution="05-NQ/CB", valid_from=dt.date(2019, 3, 12),
                                    valid_to=SOURCE_REVIEWED)  # fmt: skip
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
