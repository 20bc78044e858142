"""The work queue: every kind of item at both sides of its due date, scoping, order."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.admission import deadlines
from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import AdmissionCase, AwarenessCertificate, CaseStep, Prospect
from ketnap.admission.queue import as_dict, work_queue
from ketnap.admission.steps import Stage, StepKind
from ketnap.core.testing import World, add_events, build_world, make_member, make_person
from ketnap.lib.workdays import Calendar
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.rules import edition_on
from ketnap.rules import probation as probation_rules
from ketnap.rules.base import add_months

pytestmark = pytest.mark.django_db
D = dt.date
# Probation ends 09/01/2024; the 30 working days run across Tết Giáp Thìn (08–14/02/2024).
CEREMONY_ACROSS_TET = D(2023, 1, 10)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def calendar() -> Calendar:
    return working_calendar()


def probationer(cell: Organization, ceremony: dt.date, **fields: object) -> Person:
    return make_member(cell, ceremony=ceremony, official=False, **fields)


def open_case(person: Person, cell: Organization, *, due_on: dt.date, due_code: str, **fields: object) -> AdmissionCase:
    return AdmissionCase.objects.create(
        person=person, cell=cell, opened_on=D(2020, 1, 1), due_on=due_on, due_code=due_code, **fields
    )


def codes(items: list) -> list[tuple[str, bool]]:
    return [(i.code, i.overdue) for i in items]


# --- Probationary members with no case (imported history) ---------------------------------


def test_review_deadline_counts_30_working_days_across_tet(calendar: Calendar) -> None:
    due = deadlines.probation_review_due(CEREMONY_ACROSS_TET, calendar)
    last_day = D(2024, 1, 9)
    assert calendar.working_days_between(last_day, due) == 30
    assert any(not calendar.is_working_day(D(2024, 2, d)) for d in range(8, 15) if D(2024, 2, d).weekday() < 5)
    assert due > Calendar().add_working_days(last_day, 30)  # Tết pushes it back
    assert due == probation_rules.recognition_review_due_on(CEREMONY_ACROSS_TET, edition_on(due), calendar)


def test_probationer_is_due_on_working_day_30_and_overdue_on_31(world: World, calendar: Calendar) -> None:
    probationer(world.cell_a, CEREMONY_ACROSS_TET)
    due = deadlines.probation_review_due(CEREMONY_ACROSS_TET, calendar)
    day_31 = calendar.add_working_days(due, 1)
    assert codes(work_queue(world.province_a, due)) == [("probation.review.due", False)]
    assert codes(work_queue(world.province_a, day_31)) == [("probation.review.overdue", True)]


def test_probationer_enters_the_horizon_30_days_before(world: World, calendar: Calendar) -> None:
    probationer(world.cell_a, CEREMONY_ACROSS_TET)
    due = deadlines.probation_review_due(CEREMONY_ACROSS_TET, calendar)
    assert work_queue(world.province_a, due - dt.timedelta(days=31)) == []
    (item,) = work_queue(world.province_a, due - dt.timedelta(days=30))
    assert (item.code, item.due_on, item.overdue) == ("probation.review.due", due, False)
    assert item.case_id is None
    assert item.person_name == "Nguyễn Văn An"
    assert "4.2" in item.citation


def test_recognized_member_and_member_with_open_case_are_not_derived(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2021, 5, 4))  # recognized in 2022
    followed = probationer(world.cell_a, D(2021, 5, 4), given="Bình")
    open_case(followed, world.cell_a, due_on=D(2099, 1, 1), due_code="probation.in_progress")
    assert work_queue(world.province_a, D(2023, 1, 15)) == []


def test_ceremony_anchors_probation_even_after_a_transfer(world: World) -> None:
    person = probationer(world.cell_b, D(2021, 5, 4))
    add_events(
        person,
        ("transferred_out", D(2022, 3, 1), {"organization": world.cell_b, "other_organization": world.cell_a}),
        ("transferred_in", D(2022, 3, 1), {"organization": world.cell_a}),
    )
    (item,) = work_queue(world.province_a, D(2023, 1, 15))
    assert (item.code, item.organization_code) == ("probation.review.overdue", "chi-bo-a")
    assert work_queue(world.province_b, D(2023, 1, 15)) == []


# --- Open cases: deadlines stored by the case service -------------------------------------


CASE_DEADLINES = [
    # (due_code stored while pending, rule, working days, anchor)
    ("admission_decision.due", "admission_decision", "admission_decision_working_days"),
    ("ceremony.due", "ceremony", "ceremony_working_days"),
    ("member_history.due", "member_history", "member_history_working_days"),
    ("recognition_decision.due", "recognition_decision", "recognition_decision_working_days"),
]


@pytest.mark.parametrize(("due_code", "rule", "parameter"), CASE_DEADLINES)
def test_case_deadline_due_on_its_last_working_day_overdue_the_next(
    world: World, calendar: Calendar, due_code: str, rule: str, parameter: str
) -> None:
    anchor = D(2024, 1, 2)
    edition = edition_on(anchor)
    due = calendar.add_working_days(anchor, getattr(edition.parameters, parameter))
    case = open_case(make_person(world.cell_a), world.cell_a, due_on=due, due_code=due_code)
    (on_time,) = work_queue(world.commune_a, due)
    (late,) = work_queue(world.commune_a, calendar.add_working_days(due, 1))
    prefix = due_code.removesuffix(".due")
    assert (on_time.code, on_time.overdue, on_time.case_id) == (due_code, False, case.pk)
    assert (late.code, late.overdue) == (f"{prefix}.overdue", True)
    assert str(edition.cite(rule)) == on_time.citation
    assert f"{due:%d/%m/%Y}" in late.message


def test_decision_deadline_across_tet(world: World, calendar: Calendar) -> None:
    resolution = D(2024, 1, 5)
    due = calendar.add_working_days(resolution, 60)
    assert calendar.working_days_between(resolution, due) == 60
    assert due > Calendar().add_working_days(resolution, 60)
    open_case(make_person(world.cell_a), world.cell_a, due_on=due, due_code="admission_decision.due")
    assert codes(work_queue(world.province_a, due)) == [("admission_decision.due", False)]
    assert codes(work_queue(world.province_a, calendar.add_working_days(due, 1))) == [
        ("admission_decision.overdue", True)
    ]


def test_closed_far_and_sibling_cases_are_left_out(world: World) -> None:
    as_of = D(2025, 3, 3)
    open_case(make_person(world.cell_a), world.cell_a, due_on=as_of, due_code="ceremony.due", closed_on=D(2025, 3, 1))
    open_case(make_person(world.cell_a, given="Bình"), world.cell_a, due_on=D(2025, 4, 3), due_code="ceremony.due")
    open_case(make_person(world.cell_b), world.cell_b, due_on=as_of, due_code="ceremony.due")
    assert work_queue(world.province_a, as_of) == []
    assert work_queue(world.province_a, as_of, horizon_days=31) != []
    assert len(work_queue(world.root, as_of)) == 1


# --- Awareness certificates ---------------------------------------------------------------


def test_certificate_of_a_candidate_expires_after_60_months(world: World) -> None:
    person = make_person(world.cell_a)
    AwarenessCertificate.objects.create(person=person, issued_on=D(2020, 2, 29))
    open_case(person, world.cell_a, due_on=D(2099, 1, 1), due_code="dossier.due", stage=Stage.DOSSIER)
    last_valid = add_months(D(2020, 2, 29), 60)
    assert last_valid == D(2025, 2, 28)
    (valid,) = work_queue(world.province_a, last_valid)
    (expired,) = work_queue(world.province_a, last_valid + dt.timedelta(days=1))
    assert (valid.code, valid.overdue, valid.due_on) == ("certificate.expiring", False, last_valid)
    assert (expired.code, expired.overdue) == ("certificate.expired", True)
    assert work_queue(world.province_a, last_valid - dt.timedelta(days=31)) == []


def test_a_leap_day_certificate_is_listed_from_30_days_before_it_expires(world: World) -> None:
    person = make_person(world.cell_a)
    AwarenessCertificate.objects.create(person=person, issued_on=D(2020, 2, 29))
    open_case(person, world.cell_a, due_on=D(2099, 1, 1), due_code="dossier.due", stage=Stage.DOSSIER)
    (item,) = work_queue(world.province_a, D(2025, 1, 29))  # the horizon ends on the last valid day
    assert (item.code, item.due_on) == ("certificate.expiring", D(2025, 2, 28))
    assert work_queue(world.province_a, D(2025, 1, 28)) == []


def test_newer_certificate_and_cell_resolution_end_the_watch(world: World) -> None:
    renewed, resolved = make_person(world.cell_a), make_person(world.cell_a, given="Bình")
    AwarenessCertificate.objects.create(person=renewed, issued_on=D(2018, 1, 1))
    AwarenessCertificate.objects.create(person=renewed, issued_on=D(2022, 1, 1))
    AwarenessCertificate.objects.create(person=resolved, issued_on=D(2018, 1, 1))
    open_case(renewed, world.cell_a, due_on=D(2099, 1, 1), due_code="dossier.due")
    case = open_case(resolved, world.cell_a, due_on=D(2099, 1, 1), due_code="dossier.due", stage=Stage.CELL)
    CaseStep.objects.create(case=case, kind=StepKind.CELL_RESOLUTION, occurred_on=D(2022, 12, 1))
    assert work_queue(world.province_a, D(2023, 6, 1)) == []


def test_certificate_of_a_prospect_without_case(world: World) -> None:
    person = make_person(world.cell_a)
    Prospect.objects.create(person=person, cell=world.cell_a, origin="youth_union", noted_on=D(2019, 1, 1))
    AwarenessCertificate.objects.create(person=person, issued_on=D(2019, 6, 1))
    (item,) = work_queue(world.commune_a, D(2024, 6, 2))
    assert (item.code, item.overdue, item.case_id, item.organization_code) == (
        "certificate.expired",
        True,
        None,
        "chi-bo-a",
    )
    assert work_queue(world.province_b, D(2024, 6, 2)) == []


def test_a_prospect_with_an_open_case_is_watched_through_the_case_only(world: World) -> None:
    watched = make_person(world.cell_a)
    moved_on = make_person(world.cell_a, given="Bình")
    for person in (watched, moved_on):
        Prospect.objects.create(person=person, cell=world.cell_a, origin="youth_union", noted_on=D(2019, 1, 1))
        AwarenessCertificate.objects.create(person=person, issued_on=D(2019, 6, 1))
    # A case further on, even in another province's cell, ends the watch of the prospect.
    open_case(moved_on, world.cell_b, due_on=D(2099, 1, 1), due_code="probation.in_progress", stage=Stage.COMMITTEE)
    items = work_queue(world.province_a, D(2024, 6, 2))
    assert [(i.person_id, i.code) for i in items] == [(watched.pk, "certificate.expired")]


# --- Order and shape ----------------------------------------------------------------------


def test_overdue_first_then_by_due_date(world: World) -> None:
    as_of = D(2024, 6, 3)
    open_case(make_person(world.cell_a, given="Cúc"), world.cell_a, due_on=D(2024, 6, 20), due_code="ceremony.due")
    open_case(make_person(world.cell_a, given="Bình"), world.cell_a, due_on=D(2024, 6, 10), due_code="ceremony.due")
    open_case(make_person(world.cell_a), world.cell_a, due_on=D(2024, 5, 2), due_code="ceremony.due")
    probationer(world.cell_a, D(2022, 1, 10), given="Dung")
    items = work_queue(world.province_a, as_of)
    assert [i.person_name.split()[-1] for i in items] == ["Dung", "An", "Bình", "Cúc"]
    assert [i.overdue for i in items] == [True, True, False, False]
    assert as_dict(items[0])["due_on"] == items[0].due_on.isoformat()


def test_citation_follows_the_edition_of_the_anchor_not_of_the_due_date(world: World) -> None:
    # Decision received in June 2025 (QĐ 232), ceremony due in July (QĐ 294 in force).
    due = D(2025, 7, 15)
    case = open_case(make_person(world.cell_a), world.cell_a, due_on=due, due_code="ceremony.due")
    (item,) = work_queue(world.province_a, due)
    assert item.citation.startswith("QĐ 232-QĐ/TW")
    AdmissionCase.objects.filter(pk=case.pk).update(pinned_editions={"decision": "QD294-2025"})
    (item,) = work_queue(world.province_a, due)
    assert item.citation.startswith("QĐ 294-QĐ/TW")


# --- Asked as of a past date ----------------------------------------------------------------


def test_queue_of_a_past_date_shows_the_deadline_of_the_steps_recorded_by_then(world: World) -> None:
    from ketnap.admission.tests.factories import open_case as open_walked_case
    from ketnap.admission.tests.factories import record_until, step_date

    case = record_until(open_walked_case(world), StepKind.DECISION, actor=world.editor_a)
    decided = step_date(case, StepKind.DECISION)
    assert case.due_code.startswith("ceremony")  # stored today: the decision moved it on
    before = decided - dt.timedelta(days=1)

    (item,) = [i for i in work_queue(world.province_a, before, horizon_days=90) if i.case_id == case.pk]

    assert item.code == "admission_decision.due"
    assert item.due_on != case.due_on and item.due_on > decided
    (today,) = [i for i in work_queue(world.province_a, decided, horizon_days=90) if i.case_id == case.pk]
    assert (today.code, today.due_on) == ("ceremony.due", case.due_on)


def test_queue_of_a_date_before_the_case_closed_still_lists_it(world: World) -> None:
    from ketnap.admission.tests.factories import open_case as open_walked_case
    from ketnap.admission.tests.factories import record_until, step_date

    case = record_until(open_walked_case(world), StepKind.CELL_RESOLUTION, actor=world.editor_a)
    resolved = step_date(case, StepKind.CELL_RESOLUTION)
    AdmissionCase.objects.filter(pk=case.pk).update(closed_on=resolved + dt.timedelta(days=20), due_on=None)

    on = resolved + dt.timedelta(days=5)
    assert [i.case_id for i in work_queue(world.province_a, on, horizon_days=120) if i.case_id] == [case.pk]
    after = resolved + dt.timedelta(days=25)
    assert not [i for i in work_queue(world.province_a, after, horizon_days=120) if i.case_id]
