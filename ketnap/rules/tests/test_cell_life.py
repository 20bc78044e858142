"""The rules of cell life at both sides of every boundary."""

import datetime as dt
from dataclasses import replace

import pytest

from ketnap.rules import cell_life as c
from ketnap.rules.cell_life_editions import EDITIONS, cell_edition_on

D = dt.date
CELL = cell_edition_on(D(2023, 6, 1))
ROLLING = replace(CELL, parameters=replace(CELL.parameters, removal_calendar_year=False))
CONSECUTIVE = replace(CELL, parameters=replace(CELL.parameters, removal_consecutive=True))


def absent(*months, excused=False):
    return [c.MemberMonth(D(y, m, 1), absent_unexcused=True, excused=excused) for y, m in months]


def codes(findings):
    return [f.code for f in findings]


def test_every_cell_edition_cites_every_rule_and_follows_the_admission_editions():
    assert [e.edition.code for e in EDITIONS] == ["QD29-2016", "QD24-2021", "QD232-2025", "QD294-2025"]
    assert cell_edition_on(D(2016, 1, 1)) is EDITIONS[0]
    assert cell_edition_on(D(2025, 7, 1)).edition.code == "QD294-2025"
    assert cell_edition_on(D(2025, 6, 30)).edition.code == "QD232-2025"


def test_two_months_absent_is_not_a_trigger_three_is():
    assert c.check_removal(absent((2023, 1), (2023, 3)), D(2023, 6, 30), CELL) == []
    found = c.check_removal(absent((2023, 1), (2023, 3), (2023, 5)), D(2023, 6, 30), CELL)
    assert codes(found) == ["removal.inactive"]
    assert found[0].params["months"] == "3"
    assert found[0].citation.document == "QĐ 24-QĐ/TW"


def test_an_excused_month_does_not_count():
    months = absent((2023, 1), (2023, 3)) + absent((2023, 5), excused=True)
    assert c.check_removal(months, D(2023, 6, 30), CELL) == []


def test_dues_and_absence_are_counted_apart():
    months = [
        *absent((2023, 1), (2023, 2)),
        c.MemberMonth(D(2023, 3, 1), dues_unpaid=True),
        c.MemberMonth(D(2023, 4, 1), dues_unpaid=True),
    ]
    assert c.check_removal(months, D(2023, 12, 31), CELL) == []
    months.append(c.MemberMonth(D(2023, 5, 1), dues_unpaid=True))
    assert codes(c.check_removal(months, D(2023, 12, 31), CELL)) == ["removal.dues_unpaid"]


def test_calendar_year_forgets_last_year_rolling_year_does_not():
    months = absent((2022, 11), (2022, 12), (2023, 1))
    assert c.check_removal(months, D(2023, 1, 31), CELL) == []
    assert codes(c.check_removal(months, D(2023, 1, 31), ROLLING)) == ["removal.inactive"]
    # The rolling window is 12 months: November 2022 leaves it in November 2023.
    assert codes(c.check_removal(months, D(2023, 10, 31), ROLLING)) == ["removal.inactive"]
    assert c.check_removal(months, D(2023, 11, 1), ROLLING) == []


def test_consecutive_needs_three_months_in_a_row():
    gap = absent((2023, 1), (2023, 2), (2023, 4))
    assert codes(c.check_removal(gap, D(2023, 6, 1), CELL)) == ["removal.inactive"]
    assert c.check_removal(gap, D(2023, 6, 1), CONSECUTIVE) == []
    row = absent((2023, 2), (2023, 3), (2023, 4))
    assert codes(c.check_removal(row, D(2023, 6, 1), CONSECUTIVE)) == ["removal.inactive"]


def test_months_after_the_date_do_not_count():
    months = absent((2023, 1), (2023, 2), (2023, 3))
    assert c.check_removal(months, D(2023, 2, 28), CELL) == []
    assert codes(c.check_removal(months, D(2023, 3, 1), CELL)) == ["removal.inactive"]


def test_a_probationary_member_is_told_the_recognition_route():
    found = c.check_removal(absent((2023, 1), (2023, 2), (2023, 3)), D(2023, 3, 31), CELL, probationary=True)
    assert codes(found) == ["removal.inactive", "removal.probationary"]
    assert c.check_removal([], D(2023, 3, 31), CELL, probationary=True) == []


def month(m, cell=0, group=0):
    return c.MonthMeetings(D(2023, m, 1), cell, group)


def test_a_month_without_meeting_is_missed():
    held = {m.month: m for m in [month(1, 1), month(3, 2)]}
    months = c.months_in(D(2023, 1, 1), D(2023, 3, 1))
    assert c.missed_months(held, months, pilot=False, cell=CELL) == [D(2023, 2, 1)]
    assert codes(c.check_monthly_meetings([D(2023, 2, 1)], CELL)) == ["meeting.missed_month"]


def test_group_meetings_stand_for_the_cell_three_times_a_year_under_the_pilot():
    held = {m.month: m for m in [month(k, 0, 1) for k in range(1, 5)]}
    months = c.months_in(D(2023, 1, 1), D(2023, 4, 1))
    assert c.missed_months(held, months, pilot=True, cell=CELL) == [D(2023, 4, 1)]
    assert len(c.missed_months(held, months, pilot=False, cell=CELL)) == 4


def test_the_pilot_needs_fifty_members_and_its_start_date():
    assert c.pilot_applies(D(2022, 12, 27), True, 50, CELL)
    assert not c.pilot_applies(D(2022, 12, 26), True, 50, CELL)
    assert not c.pilot_applies(D(2023, 1, 1), True, 49, CELL)
    assert not c.pilot_applies(D(2023, 1, 1), False, 80, CELL)


@pytest.mark.parametrize(
    ("official", "committee", "expected"),
    [
        (2, False, ["composition.too_few"]),
        (3, False, []),
        (8, False, []),
        (9, False, ["composition.no_committee"]),
        (9, True, []),
    ],
)
def test_composition(official, committee, expected):
    assert codes(c.check_composition(official, committee, CELL)) == expected


def test_exemption_other_reasons_only_from_hd12():
    facts = c.Exemption(c.ExemptionReason.MATERNITY, application=True, cell_resolution=True)
    assert codes(c.check_exemption(facts, D(2022, 1, 17), CELL)) == ["exemption.reason_not_yet"]
    assert c.check_exemption(facts, D(2022, 1, 18), CELL) == []
    old = c.Exemption(c.ExemptionReason.OLD_OR_WEAK, application=True, cell_resolution=True)
    assert c.check_exemption(old, D(2020, 1, 1), CELL) == []


def test_exemption_needs_application_resolution_and_certificate():
    facts = c.Exemption(c.ExemptionReason.LONG_TREATMENT, application=False, cell_resolution=False)
    assert codes(c.check_exemption(facts, D(2023, 1, 1), CELL)) == [
        "exemption.no_application",
        "exemption.no_resolution",
        "exemption.no_certificate",
    ]
    ok = replace(facts, application=True, cell_resolution=True, medical_certificate=True)
    assert c.check_exemption(ok, D(2023, 1, 1), CELL) == []


def test_away_flagged_from_three_months():
    assert c.check_away(D(2023, 1, 15), D(2023, 4, 14), transferred=False, exempted=False, cell=CELL) == []
    found = c.check_away(D(2023, 1, 15), D(2023, 4, 15), transferred=False, exempted=False, cell=CELL)
    assert codes(found) == ["away.unsettled"]
    assert c.check_away(D(2023, 1, 15), D(2023, 9, 1), transferred=True, exempted=False, cell=CELL) == []
    assert c.check_away(D(2023, 1, 15), D(2023, 9, 1), transferred=False, exempted=True, cell=CELL) == []
