"""The demo's admission data: who decides, open cases, the source, and the Mường Lát queue.

Thanh Hóa and Điện Biên are built once for this module (Lai Châu is left out to stay
fast) and rolled back afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import (
    AdmissionCase,
    AuthoritySetting,
    CalendarDay,
    CalendarDayKind,
    CaseStep,
    HelperAssignment,
    ProgressNote,
    Prospect,
    Reminder,
    SympathiserListing,
)
from ketnap.admission.queue import work_queue
from ketnap.admission.reminders import digest_run
from ketnap.admission.selectors import competent_authority, stage_of
from ketnap.admission.steps import Stage
from ketnap.demo import admission, live
from ketnap.demo.tests import alive
from ketnap.demo.tests.loaded import loaded_demo
from ketnap.organizations.models import Organization
from ketnap.people.models import StatusPeriod

D = dt.date


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with loaded_demo(django_db_blocker, "--only", "thanh-hoa", "--only", "dien-bien") as out:
        yield out


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def open_cases(code: str) -> list[AdmissionCase]:
    return list(AdmissionCase.objects.filter(closed_on__isnull=True, cell__path__startswith=org(code).path))


@pytest.mark.django_db
def test_muong_lat_queue_lists_the_members_overdue_for_recognition() -> None:
    out = StringIO()
    call_command("queue", "--org", "muong-lat", "--as-of", "2023-01-15", "--format", "json", stdout=out)
    items = json.loads(out.getvalue())["items"]
    overdue = [i for i in items if i["code"] == "probation.review.overdue"]
    assert len(overdue) == 4
    assert all(i["overdue"] and i["case_id"] is None for i in overdue)
    assert all(i["due_on"] < "2023-01-15" for i in overdue)
    text = StringIO()
    call_command("queue", "--org", "muong-lat", "--as-of", "2023-01-15", stdout=text)
    assert all(i["person_name"] in text.getvalue() for i in overdue)


@pytest.mark.django_db
def test_muong_lat_digest_reminds_what_the_queue_lists() -> None:
    as_of, muong_lat = D(2023, 1, 15), org("muong-lat")
    queue = work_queue(muong_lat, as_of)
    overdue = [i for i in queue if i.code == "probation.review.overdue"]
    assert len(overdue) == 4
    mails = {d.user.username: d for d in digest_run(as_of, muong_lat)}
    assert mails["admin"].items == queue  # the administrator of the whole tree: every item
    out = StringIO()
    call_command("digest", "--org", "muong-lat", "--as-of", "2023-01-15", stdout=out)
    assert f"Sẽ gửi {len(mails)} thư, {len(queue)} lời nhắc." in out.getvalue()
    assert all(i.person_name in out.getvalue() and i.message in out.getvalue() for i in overdue)
    sent = StringIO()
    call_command("digest", "--org", "muong-lat", "--as-of", "2023-01-15", "--send", stdout=sent, stderr=StringIO())
    assert f"{len(queue)} lời nhắc." in sent.getvalue()
    reminded = Reminder.objects.filter(due_code="probation", days_before=0, case__isnull=True)
    assert sorted(reminded.values_list("person_id", flat=True)) == sorted(i.person_id for i in overdue)
    again = StringIO()
    call_command("digest", "--org", "muong-lat", "--as-of", "2023-01-16", "--send", stdout=again, stderr=StringIO())
    assert "Đã gửi 0 thư, 0 lời nhắc." in again.getvalue()


LIVE_STAGES = {
    Stage.DOSSIER,
    Stage.CELL,
    Stage.COMMITTEE,
    Stage.DECISION,
    Stage.CEREMONY,
    Stage.PROBATION,
    Stage.RECOGNITION,
}


@pytest.mark.django_db
def test_open_cases_in_every_stage_with_stored_deadlines() -> None:
    cases = open_cases("thanh-hoa") + open_cases("dien-bien")
    assert {c.stage for c in cases} == LIVE_STAGES
    assert open_cases("xa-muong-ly") and open_cases("tho-xuan") and open_cases("muong-ang")
    waiting = [c for c in cases if c.stage in (Stage.COMMITTEE, Stage.DECISION, Stage.CEREMONY, Stage.RECOGNITION)]
    assert all(c.due_on and c.due_code for c in waiting)
    overdue = [c for c in cases if c.due_code.endswith(".overdue")]
    assert overdue and len(overdue) * 4 < len(cases)


@pytest.mark.django_db
def test_steps_are_consistent_with_the_stage_and_went_through_the_rules() -> None:
    today = timezone.localdate()
    for case in open_cases("thanh-hoa") + open_cases("dien-bien"):
        assert stage_of(case, today) == case.stage, case.pk
        steps = list(CaseStep.objects.filter(case=case).order_by("pk"))
        days = [step.occurred_on for step in steps]
        assert days == sorted(days) and days[-1] <= today and days[0] >= case.cell.valid_from
        assert all(step.edition and not step.override_reason for step in steps)


@pytest.mark.django_db
def test_every_demo_commune_has_a_source_and_work_due_on_time_soon_and_overdue_today() -> None:
    communes = [c for c in alive.demo_communes() if c.path.startswith((org("thanh-hoa").path, org("dien-bien").path))]
    assert len(communes) == 7
    for commune in communes:
        assert Prospect.objects.filter(cell__path__startswith=commune.path, left_on__isnull=True).count() == 3
        alive.assert_alive(commune, timezone.localdate())


@pytest.mark.django_db
def test_no_case_waits_for_a_deciding_authority() -> None:
    alive.assert_nothing_waits_for_an_authority(timezone.localdate())


@pytest.mark.django_db
def test_no_admission_in_the_reported_periods() -> None:
    """The work in progress leaves every historical figure as the source reports it."""
    for commune in alive.demo_communes():
        reported_until = next(until for code, _mix, until in live.COMMUNES if code == commune.code)
        decisions = CaseStep.objects.filter(kind="decision", case__cell__path__startswith=commune.path)
        assert not decisions.filter(occurred_on__lte=reported_until).exists(), commune.code


@pytest.mark.django_db
def test_probationary_cases_have_the_member_status_and_a_helper() -> None:
    for case in [c for c in open_cases("thanh-hoa") if c.stage == Stage.PROBATION]:
        assert StatusPeriod.objects.filter(person=case.person, status="probationary", organization=case.cell).exists()
        assert HelperAssignment.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_district_decides_before_the_reform_and_the_commune_after() -> None:
    old_cell = Organization.objects.in_subtree(org("muong-ly")).filter(depth=org("muong-ly").depth + 1).first()
    new_cell = Organization.objects.in_subtree(org("xa-muong-ly")).filter(depth=org("xa-muong-ly").depth + 1).first()
    assert competent_authority(old_cell, D(2025, 6, 30)).deciding_organization.code == "muong-lat"
    assert competent_authority(new_cell, D(2025, 7, 1)).deciding_organization.code == "xa-muong-ly"
    tho_xuan = AuthoritySetting.objects.get(organization=org("tho-xuan"))
    assert (tho_xuan.body, tho_xuan.upper_kind, tho_xuan.valid_to) == (
        "upper_standing_committee",
        "district",
        admission.REFORM,
    )


@pytest.mark.django_db
def test_after_the_reform_the_communes_of_a_kept_district_decide_and_the_province_for_the_rest() -> None:
    village = org("tx-xuan-bai-cb-01")
    assert competent_authority(village, D(2025, 6, 30)).deciding_organization.code == "tho-xuan"
    setting = competent_authority(village, D(2025, 7, 1))
    assert (setting.deciding_organization.code, setting.upper_kind) == ("tx-xuan-bai", "commune")
    school = competent_authority(org("tx-cq-04"), D(2026, 1, 1))
    assert (school.deciding_organization.code, school.upper_kind, school.body) == (
        "thanh-hoa",
        "provincial",
        "provincial_standing",
    )


@pytest.mark.django_db
def test_tet_corrections_are_rows_an_administrator_can_change() -> None:
    assert CalendarDay.objects.filter(date__year=2025).count() == 6
    assert "8726/VPCP-KGVX" in CalendarDay.objects.get(date=D(2025, 1, 29)).document
    assert CalendarDay.objects.filter(date__year=2026).exists()
    assert all("mẫu" in day.document for day in CalendarDay.objects.filter(date__year=2026))


@pytest.mark.django_db
def test_tet_2025_swap_makes_saturday_15_february_a_working_day() -> None:
    swap = CalendarDay.objects.get(date=D(2025, 2, 15))
    assert swap.kind == CalendarDayKind.WORKING_DAY and "8726/VPCP-KGVX" in swap.document
    assert CalendarDay.objects.get(date=D(2025, 1, 27)).kind == CalendarDayKind.DAY_OFF
    # 30 working days from Friday 10/01/2025 end on Thursday 27/02 with the make-up
    # Saturday, on Friday 28/02 without it.
    assert working_calendar().add_working_days(D(2025, 1, 10), 30) == D(2025, 2, 27)
    swap.delete()
    assert working_calendar().add_working_days(D(2025, 1, 10), 30) == D(2025, 2, 28)


@pytest.mark.django_db
def test_residential_group_9_source_in_may_2020() -> None:
    prospects = Prospect.objects.filter(cell=org(admission.TDP_9), noted_on__year=2019)
    assert prospects.count() == 8
    assert set(prospects.values_list("left_on", flat=True)) == {admission.SOURCE_REVIEWED}
    assert SympathiserListing.objects.filter(prospect__in=prospects).count() == 8
    assert HelperAssignment.objects.filter(prospect__in=prospects).count() == 8
    assert ProgressNote.objects.filter(prospect__in=prospects, meeting_on__year=2020).count() == 40
    sent = prospects.filter(person__certificates__issued_on__year=2020)
    assert sent.count() == 4
    assert prospects.filter(note__contains="năm 2020").count() == 8


@pytest.mark.django_db
def test_loading_again_changes_nothing() -> None:
    counts = (AdmissionCase.objects.count(), Prospect.objects.count(), AuthoritySetting.objects.count())
    call_command("demo", "--only", "thanh-hoa", "--only", "dien-bien", stdout=StringIO())
    assert (AdmissionCase.objects.count(), Prospect.objects.count(), AuthoritySetting.objects.count()) == counts
