"""The membership ledger's rules (domain §11 rules 27–29): which status allows which
event, the dates, temporary activity and the transfer deadlines, each at both sides."""

import datetime as dt

import pytest

from ketnap.lib.workdays import default_calendar
from ketnap.people.status import Status
from ketnap.rules import membership as m
from ketnap.rules.editions import QD24, QD294
from ketnap.rules.membership import LedgerEvent as E
from ketnap.rules.membership import LedgerState

D = dt.date
VN = default_calendar()
TODAY = D(2026, 6, 1)
OFFICIAL = LedgerState(Status.OFFICIAL, ever_member=True, last_event_on=D(2020, 1, 1))
GONE = LedgerState(None, ever_member=True, last_event_on=D(2020, 1, 1))


def codes(findings):
    return [f.code for f in findings]


MAY_1 = D(2026, 5, 1)


def check(event, state, on=MAY_1):
    return codes(m.check_ledger_event(event, on, state, TODAY, QD294))


@pytest.mark.parametrize(
    ("event", "allowed", "refused"),
    [
        (E.TRANSFER_OUT, Status.EXEMPTED, Status.CANDIDATE),
        (E.TEMPORARY_OUT, Status.PROBATIONARY, Status.EXEMPTED),
        (E.EXEMPTION, Status.OFFICIAL, Status.EXEMPTED),
        (E.EXEMPTION_END, Status.EXEMPTED, Status.OFFICIAL),
        (E.REMOVAL, Status.PROBATIONARY, Status.CANDIDATE),
        (E.EXPULSION, Status.OFFICIAL, Status.CANDIDATE),
        (E.LEAVING, Status.OFFICIAL, Status.CANDIDATE),
    ],
)
def test_each_event_needs_its_status(event, allowed, refused):
    assert check(event, LedgerState(allowed, last_event_on=D(2020, 1, 1))) == []
    assert check(event, LedgerState(refused, last_event_on=D(2020, 1, 1))) == ["ledger.status"]


def test_leaving_events_need_someone_on_the_rolls():
    for event in (E.REMOVAL, E.EXPULSION, E.LEAVING, E.DEATH, E.TRANSFER_OUT, E.EXEMPTION):
        assert check(event, GONE) == ["ledger.not_on_rolls"]
    assert check(E.DEATH, LedgerState(Status.CANDIDATE)) == []


def test_readmission_and_transfer_in_need_someone_off_the_rolls():
    assert check(E.READMISSION, GONE) == []
    assert check(E.READMISSION, OFFICIAL) == ["ledger.on_rolls"]
    assert check(E.READMISSION, LedgerState(None)) == ["ledger.never_member"]
    assert check(E.TRANSFER_IN, LedgerState(None)) == []
    assert check(E.TRANSFER_IN, OFFICIAL) == ["ledger.on_rolls"]
    # Regression: someone expelled, struck off, resigned or dead here does not come back
    # by a transfer in (an editor's form): only by readmission, an approver's decision.
    assert check(E.TRANSFER_IN, GONE) == ["ledger.former_member_returns_by_readmission"]


def test_temporary_activity_in_and_back():
    away = LedgerState(Status.OFFICIAL, temporary_elsewhere=True)
    assert check(E.TEMPORARY_OUT, away) == ["ledger.already_temporary"]
    assert check(E.TEMPORARY_RETURN, away) == []
    assert check(E.TEMPORARY_RETURN, OFFICIAL) == ["ledger.not_temporary"]


def test_an_open_transfer_blocks_another():
    assert check(E.TRANSFER_OUT, LedgerState(Status.OFFICIAL, transfer_open=True)) == ["ledger.transfer_open"]


def test_the_date_is_not_after_today_and_not_before_the_last_event():
    state = LedgerState(Status.OFFICIAL, last_event_on=D(2026, 3, 10))
    assert check(E.EXEMPTION, state, on=TODAY) == []
    assert check(E.EXEMPTION, state, on=TODAY + dt.timedelta(days=1)) == ["ledger.in_future"]
    assert check(E.EXEMPTION, state, on=D(2026, 3, 10)) == []
    assert check(E.EXEMPTION, state, on=D(2026, 3, 9)) == ["ledger.before_last_event"]


@pytest.mark.parametrize("edition", [QD24, QD294], ids=lambda e: e.code)
def test_temporary_stay_from_3_months_to_under_a_year(edition):
    start = D(2026, 1, 15)
    assert codes(m.check_temporary_stay(start, D(2026, 4, 14), False, edition)) == ["temporary.too_short"]
    assert m.check_temporary_stay(start, D(2026, 4, 15), False, edition) == []
    assert m.check_temporary_stay(start, D(2027, 1, 14), False, edition) == []
    assert codes(m.check_temporary_stay(start, D(2027, 1, 15), False, edition)) == ["temporary.too_long"]


def test_temporary_study_up_to_two_years():
    start = D(2026, 1, 15)
    assert m.check_temporary_stay(start, D(2028, 1, 15), True, QD294) == []
    assert codes(m.check_temporary_stay(start, D(2028, 2, 15), True, QD294)) == ["temporary.too_long"]


def test_transfer_start_within_60_working_days_of_the_decision():
    decided = D(2026, 3, 2)
    due = m.transfer_start_due(decided, VN, QD294)
    assert VN.working_days_between(decided, due) == 60
    assert m.check_transfer_start(decided, due, due, VN, QD294) == []
    late = VN.next_working_day(due + dt.timedelta(days=1))
    assert codes(m.check_transfer_start(decided, late, late, VN, QD294)) == ["transfer.start.late"]
    assert codes(m.check_transfer_start(decided, None, due, VN, QD294)) == ["transfer.start.due"]
    assert codes(m.check_transfer_start(decided, None, due + dt.timedelta(days=1), VN, QD294)) == [
        "transfer.start.overdue"
    ]


def test_arrival_within_30_working_days_and_late_arrivals_report_why():
    letter = D(2026, 3, 2)
    due = m.transfer_arrival_due(letter, VN, QD294)
    assert VN.working_days_between(letter, due) == 30
    assert m.check_transfer_arrival(letter, due, due, "", VN, QD294) == []
    late = due + dt.timedelta(days=1)
    assert codes(m.check_transfer_arrival(letter, late, late, "", VN, QD294)) == [
        "transfer.arrival.late",
        "transfer.arrival.reason_missing",
    ]
    assert codes(m.check_transfer_arrival(letter, late, late, "Ốm", VN, QD294)) == ["transfer.arrival.late"]
    assert codes(m.check_transfer_arrival(letter, None, late, "", VN, QD294)) == ["transfer.arrival.overdue"]
