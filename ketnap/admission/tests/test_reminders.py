"""Reminders 30/15/7 days ahead and once overdue, built from the work queue's items (case
deadlines, probationary members without a case, awareness certificates); the digest
mail to each user of the items of their scope; re-runs send nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from ketnap.admission import deadlines
from ketnap.admission.calendar import working_calendar
from ketnap.admission.models import AdmissionCase, AwarenessCertificate, CaseStep, Prospect, Reminder
from ketnap.admission.queue import work_queue
from ketnap.admission.reminders import (
    Digest,
    digest_run,
    digests,
    lead_reached,
    recipients,
    reminders_claim,
    reminders_due,
)
from ketnap.admission.steps import Stage, StepKind
from ketnap.core.testing import World, build_world, make_member, make_person
from ketnap.people.models import Person

pytestmark = pytest.mark.django_db
D = dt.date
DUE = D(2025, 3, 31)


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    for user in (world.admin, world.editor_a, world.viewer_commune_a, world.outsider_b, world.nobody):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return world


def case_in(world: World, cell_name: str = "cell_a", *, due_on: dt.date = DUE, given: str = "An") -> AdmissionCase:
    cell = getattr(world, cell_name)
    return AdmissionCase.objects.create(
        person=make_person(cell, given=given),
        cell=cell,
        opened_on=D(2024, 1, 1),
        due_on=due_on,
        due_code="ceremony.due",
    )


def digest(*args: str) -> str:
    out = StringIO()
    call_command("digest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    ("days_before", "lead"),
    [(31, None), (30, 30), (16, 30), (15, 15), (8, 15), (7, 7), (0, 7), (-1, 0)],
)
def test_lead_reached_at_both_sides_of_each_threshold(days_before: int, lead: int | None) -> None:
    assert lead_reached(DUE, DUE - dt.timedelta(days=days_before)) == lead


def test_dry_run_prints_and_writes_nothing(world: World) -> None:
    case_in(world)
    text = digest("--as-of", "2025-03-01")
    assert "editor_a" in text and "còn 30 ngày" in text and "31/03/2025" in text
    assert "Sẽ gửi 3 thư, 1 lời nhắc." in text  # admin, editor of A, viewer of commune A
    assert Reminder.objects.count() == 0
    assert mail.outbox == []


def test_send_one_mail_per_user_in_scope_and_rerun_sends_nothing(world: World) -> None:
    case_in(world)
    case_in(world, "cell_a", given="Bình")
    case_in(world, "cell_b", given="Khuê")
    digest("--as-of", "2025-03-01", "--send")
    by_user = {m.to[0].split("@")[0]: m for m in mail.outbox}
    assert sorted(by_user) == ["admin", "editor_a", "outsider_b", "viewer_xa_a"]
    assert "Bình" in by_user["editor_a"].body and "Khuê" not in by_user["editor_a"].body
    assert "Khuê" in by_user["outsider_b"].body and "Bình" not in by_user["outsider_b"].body
    assert "Khuê" in by_user["admin"].body and "Bình" in by_user["admin"].body
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3
    mail.outbox.clear()
    assert "Đã gửi 0 thư" in digest("--as-of", "2025-03-01", "--send")
    assert "Đã gửi 0 thư" in digest("--as-of", "2025-03-10", "--send")  # still the 30-day lead
    assert mail.outbox == []


def test_each_lead_and_the_overdue_day_send_once(world: World) -> None:
    case_in(world)
    sent, bodies = [], []
    for day in (D(2025, 3, 1), D(2025, 3, 16), D(2025, 3, 24), D(2025, 3, 31), D(2025, 4, 1), D(2025, 4, 2)):
        mail.outbox.clear()
        digest("--as-of", day.isoformat(), "--org", "tinh-a", "--send")
        sent.append(len(mail.outbox))
        bodies.append(mail.outbox[0].body if mail.outbox else "")
    assert sent == [3, 3, 3, 0, 3, 0]
    assert sorted(Reminder.objects.values_list("days_before", flat=True)) == [0, 7, 15, 30]
    assert "còn 15 ngày" in bodies[1] and "còn 7 ngày" in bodies[2]
    assert "đã quá hạn ngày 31/03/2025" in bodies[4] and "Quá hạn tổ chức lễ kết nạp" in bodies[4]


def test_org_limits_the_run(world: World) -> None:
    case_in(world, "cell_b")
    assert "Sẽ gửi 0 thư" in digest("--as-of", "2025-03-01", "--org", "tinh-a")


def test_a_claim_is_won_once(world: World) -> None:
    case_in(world)
    dues = reminders_due(D(2025, 3, 1))
    assert len(reminders_claim(dues)) == 1
    assert reminders_claim(dues) == []  # a second runner holding the same list loses


def test_a_moved_deadline_is_not_reminded_under_its_old_date(world: World) -> None:
    case = case_in(world)
    dues = reminders_due(D(2025, 3, 1))
    AdmissionCase.objects.filter(pk=case.pk).update(due_on=D(2025, 5, 30))
    assert reminders_claim(dues) == []


def test_a_case_removed_later_keeps_its_reminders_under_the_person(world: World) -> None:
    case = case_in(world)
    digest("--as-of", "2025-03-01", "--send")
    case.delete()
    (row,) = Reminder.objects.all()
    assert (row.person.given_name, row.case, row.due_code, row.days_before) == ("An", None, "ceremony", 30)


# --- Items without a case: probationary members, certificates ------------------------------

# Probation from 10/01/2023 ends 09/01/2024; the cell's review is due 30 working days later.
CEREMONY = D(2023, 1, 10)


def probationer(world: World, cell_name: str = "cell_a", given: str = "Páo") -> Person:
    return make_member(getattr(world, cell_name), ceremony=CEREMONY, official=False, given=given)


def prospect_with_certificate(world: World, issued_on: dt.date, cell_name: str = "cell_a") -> Person:
    cell = getattr(world, cell_name)
    person = make_person(cell, given="Mai")
    Prospect.objects.create(person=person, cell=cell, origin="youth_union", noted_on=D(2019, 1, 1))
    AwarenessCertificate.objects.create(person=person, issued_on=issued_on)
    return person


def test_probationary_members_without_case_are_reminded_once_overdue(world: World) -> None:
    probationer(world)
    (item,) = work_queue(world.root, D(2024, 6, 1))
    assert item.case_id is None and item.overdue
    digest("--as-of", "2024-06-01", "--send")
    by_user = {m.to[0].split("@")[0]: m for m in mail.outbox}
    assert sorted(by_user) == ["admin", "editor_a", "viewer_xa_a"]
    assert "Páo" in by_user["editor_a"].body and item.message in by_user["editor_a"].body
    (row,) = Reminder.objects.all()
    assert (row.case, row.due_code, row.due_on, row.days_before) == (None, "probation", item.due_on, 0)
    mail.outbox.clear()
    assert "Đã gửi 0 thư, 0 lời nhắc." in digest("--as-of", "2024-06-01", "--send")
    assert "Đã gửi 0 thư, 0 lời nhắc." in digest("--as-of", "2024-07-01", "--send")
    assert mail.outbox == []


def test_certificate_expiry_is_reminded_30_15_and_7_days_ahead_and_once_expired(world: World) -> None:
    person = prospect_with_certificate(world, D(2020, 2, 29))
    expires = deadlines.certificate_expires(D(2020, 2, 29), D(2025, 1, 1))
    assert expires == D(2025, 2, 28)
    sent = []
    for days in (31, 30, 20, 15, 7, 3, 0, -1, -10):
        mail.outbox.clear()
        digest("--as-of", (expires - dt.timedelta(days=days)).isoformat(), "--org", "chi-bo-a", "--send")
        sent.append(len(mail.outbox))
        if days == 15:
            assert "còn 15 ngày (hạn 28/02/2025)" in mail.outbox[0].body
            assert "Giấy chứng nhận bồi dưỡng nhận thức về Đảng" in mail.outbox[0].body
    assert sent == [0, 3, 0, 3, 3, 0, 0, 3, 0]  # admin, editor of province A, viewer of commune A
    rows = Reminder.objects.filter(person=person).order_by("-days_before")
    assert list(rows.values_list("due_code", "due_on", "days_before")) == [
        ("certificate", expires, 30),
        ("certificate", expires, 15),
        ("certificate", expires, 7),
        ("certificate", expires, 0),
    ]
    assert all(row.sent_at is not None and row.case is None for row in rows)


# --- Scope: the one policy ------------------------------------------------------------------


def given(digest: Digest) -> list[str]:
    return [item.person_name.split()[-1] for item in digest.items]


def test_scope_three_ways(world: World) -> None:
    probationer(world, given="Páo")
    probationer(world, "cell_b", given="Khuê")
    by_user = {d.user.username: d for d in digests(reminders_due(D(2024, 6, 1)), [world.nobody, *recipients()])}
    assert "nobody" not in by_user  # no role: nothing
    assert given(by_user["viewer_xa_a"]) == ["Páo"]  # in scope: the items
    assert given(by_user["outsider_b"]) == ["Khuê"]  # the sibling's only
    assert sorted(given(by_user["admin"])) == ["Khuê", "Páo"]


def test_a_sibling_province_sees_nothing_of_another(world: World) -> None:
    probationer(world)
    assert [d.user.username for d in digest_run(D(2024, 6, 1))] == ["admin", "editor_a", "viewer_xa_a"]
    assert digest_run(D(2024, 6, 1), world.province_b) == []


def test_digest_items_equal_the_work_queue_of_each_users_scope(world: World) -> None:
    as_of = D(2025, 2, 13)
    probationer(world)
    probationer(world, "cell_b", given="Khuê")
    prospect_with_certificate(world, D(2020, 3, 10))  # expires 09/03/2025: 24 days ahead
    prospect_with_certificate(world, D(2020, 3, 20), "cell_b")  # 34 days ahead: not yet
    case_in(world, due_on=D(2025, 2, 20))
    case_in(world, "cell_b", due_on=D(2025, 1, 20), given="Lan")
    scope = {
        "admin": world.root,
        "editor_a": world.province_a,
        "viewer_xa_a": world.commune_a,
        "outsider_b": world.province_b,
    }
    mails = {d.user.username: d for d in digests(reminders_due(as_of))}
    assert sorted(mails) == sorted(scope)
    for username, org in scope.items():
        assert mails[username].items == work_queue(org, as_of), username
    assert len(mails["admin"].items) == 5
    # With --org, the same items inside that subtree.
    (admin,) = [d for d in digest_run(as_of, world.commune_a) if d.user.username == "admin"]
    assert admin.items == work_queue(world.commune_a, as_of)


# --- ketnap sweep -------------------------------------------------------------------------


def sweep(as_of: str) -> str:
    out = StringIO()
    call_command("sweep", "--as-of", as_of, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_sweep_stores_the_next_deadline_and_is_safe_to_rerun(world: World) -> None:
    case = case_in(world, due_on=D(2000, 1, 1))
    CaseStep.objects.create(case=case, kind=StepKind.DECISION, occurred_on=D(2025, 3, 3), document_number="1-QĐ/HU")
    CaseStep.objects.create(case=case, kind=StepKind.DECISION_RECEIVED, occurred_on=D(2025, 3, 5))
    assert "1 thay đổi" in sweep("2025-03-10")
    case.refresh_from_db()
    due = working_calendar().add_working_days(D(2025, 3, 5), 30)
    assert (case.stage, case.due_on, case.due_code) == (Stage.CEREMONY, due, "ceremony.due")
    assert "0 thay đổi" in sweep("2025-03-10")
    sweep((due + dt.timedelta(days=1)).isoformat())
    case.refresh_from_db()
    assert case.due_code == "ceremony.overdue"


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        ("2016-07-24", "Ngày 24/07/2016 trước văn bản quy định sớm nhất"),
        ("0001-01-01", "nằm ngoài khoảng ngày được hỗ trợ"),
        ("2025-02-30", "Ngày 2025-02-30 không tồn tại"),
    ],
)
def test_sweep_refuses_a_date_it_cannot_judge_before_touching_a_case(world: World, as_of: str, said: str) -> None:
    case_in(world, due_on=D(2000, 1, 1))
    with pytest.raises(CommandError, match=said):
        sweep(as_of)
    assert AdmissionCase.objects.get().due_on == D(2000, 1, 1)


def test_sweep_leaves_closed_cases_alone(world: World) -> None:
    case_in(world, due_on=D(2000, 1, 1))
    AdmissionCase.objects.update(closed_on=D(2024, 6, 1))
    assert "0 hồ sơ" in sweep("2025-03-10")
    assert AdmissionCase.objects.get().due_on == D(2000, 1, 1)
