"""Meetings, dues, reviews: the services and the selectors behind the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from ketnap.audit.models import AuditEntry
from ketnap.cells import selectors, services
from ketnap.cells.models import Absence, Attendance, Meeting, ReviewState, ReviewTask
from ketnap.cells.services import Presence
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.testing import add_events, make_org
from ketnap.organizations.models import OrgKind
from ketnap.people.models import Position, PositionKind
from ketnap.rules.cell_life import MemberMonth

D = dt.date


def record(c, day, absent=(), excused=(), *, kind="regular"):
    lines = {r.person.pk: Presence() for r in selectors.roster(c.w.cell_a, day)}
    for m in absent:
        lines[m.pk] = Presence(Absence.UNEXCUSED)
    for m in excused:
        lines[m.pk] = Presence(Absence.EXCUSED, "Ốm")
    return services.meeting_record(
        actor=c.secretary, cell=c.w.cell_a, date=day, kind=kind, topic="Sinh hoạt tháng", attendance=lines
    )


def test_a_secretary_records_a_meeting_with_attendance_audited(cell):
    meeting = record(cell, D(2023, 11, 5), absent=[cell.members[0]], excused=[cell.members[1]])
    rows = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    assert rows[cell.members[0].pk].absence == Absence.UNEXCUSED
    assert rows[cell.members[1].pk].reason == "Ốm"
    assert rows[cell.members[2].pk].absence == Absence.PRESENT
    entry = AuditEntry.objects.get(action="cells.meeting_record")
    assert entry.after["attendance"][str(cell.members[0].pk)] == "unexcused"


def test_an_excused_absence_needs_its_reason_and_nothing_is_written(cell):
    lines = {m.pk: Presence() for m in cell.members}
    lines[cell.members[0].pk] = Presence(Absence.EXCUSED, " ")
    with pytest.raises(ValidationFailed) as error:
        services.meeting_record(
            actor=cell.secretary, cell=cell.w.cell_a, date=D(2023, 11, 5), kind="regular", topic="x", attendance=lines
        )
    assert error.value.field == "attendance"
    assert not Meeting.objects.exists()


def test_attendance_of_someone_outside_the_cell_is_refused(cell):
    from ketnap.core.testing import make_member

    stranger = make_member(cell.w.cell_b, given="Lạ")
    lines = {stranger.pk: Presence()}
    with pytest.raises(ValidationFailed):
        services.meeting_record(
            actor=cell.secretary, cell=cell.w.cell_a, date=D(2023, 11, 5), kind="regular", topic="x", attendance=lines
        )


def test_future_dates_and_non_cells_are_refused(cell):
    with pytest.raises(ValidationFailed) as error:
        record(cell, D(2023, 12, 16))
    assert error.value.field == "date"
    with pytest.raises(ValidationFailed) as error:
        services.meeting_record(
            actor=cell.w.admin, cell=cell.w.commune_a, date=D(2023, 11, 5), kind="regular", topic="x", attendance={}
        )
    assert error.value.field == "cell"


def test_a_viewer_cannot_record_and_an_outsider_does_not_see_the_cell(cell):
    with pytest.raises(PermissionDenied):
        services.meeting_record(
            actor=cell.viewer, cell=cell.w.cell_a, date=D(2023, 11, 5), kind="regular", topic="x", attendance={}
        )
    with pytest.raises(NotFound):
        services.meeting_record(
            actor=cell.w.outsider_b, cell=cell.w.cell_a, date=D(2023, 11, 5), kind="regular", topic="x", attendance={}
        )


def test_a_group_meeting_names_its_party_group(cell):
    with pytest.raises(ValidationFailed) as error:
        record(cell, D(2023, 11, 5), kind="group")
    assert error.value.field == "party_group"


def test_dues_grid_upserts_and_counts_the_share(cell):
    lines: dict[int, tuple[bool, int | None]] = {m.pk: (True, 5000) for m in cell.members[:3]}
    lines[cell.members[3].pk] = (False, None)
    assert services.dues_record(actor=cell.secretary, cell=cell.w.cell_a, month=D(2023, 11, 1), lines=lines) == 4
    assert services.dues_record(actor=cell.secretary, cell=cell.w.cell_a, month=D(2023, 11, 1), lines=lines) == 0
    grid = selectors.dues_grid(cell.w.cell_a, D(2023, 11, 1))
    assert [(r.paid, r.amount) for r in grid].count((True, 5000)) == 3
    share = selectors.dues_share(cell.w.commune_a, D(2023, 11, 1), D(2023, 11, 30))
    assert (share.members, share.paid) == (4, 3)


def test_regularity_flags_the_months_missed(cell):
    record(cell, D(2023, 9, 5))
    record(cell, D(2023, 11, 5))
    [row] = selectors.regularity(cell.w.commune_a, D(2023, 9, 1), D(2023, 11, 30))
    assert (row.months, row.held, row.missed) == (3, 2, [D(2023, 10, 1)])


def test_three_unexcused_months_raise_one_review_task_once(cell):
    lazy = cell.members[0]
    for month in (2, 4, 6):
        record(cell, D(2023, month, 5), absent=[lazy])
    record(cell, D(2023, 7, 5), excused=[lazy])
    assert services.review_sweep(org=cell.w.province_a, on=D(2023, 7, 31)) == 1
    assert services.review_sweep(org=cell.w.province_a, on=D(2023, 8, 31)) == 0  # safe to re-run
    task = ReviewTask.objects.get()
    assert (task.person, task.code, task.period) == (lazy, "removal.inactive", D(2023, 1, 1))


def test_two_months_and_an_exemption_month_raise_nothing(cell):
    lazy = cell.members[0]
    record(cell, D(2023, 2, 5), absent=[lazy])
    record(cell, D(2023, 4, 5), absent=[lazy])
    add_events(lazy, ("exempted", D(2023, 5, 20)))
    record(cell, D(2023, 6, 5), absent=[])  # exempted members are still on the roster
    assert services.review_sweep(org=cell.w.province_a, on=D(2023, 12, 1)) == 0


def test_presence_at_another_meeting_of_the_month_cures_the_absence(cell):
    lazy = cell.members[0]
    for month in (2, 4, 6):
        record(cell, D(2023, month, 5), absent=[lazy])
    record(cell, D(2023, 6, 20), kind="themed")
    assert selectors.removal_triggers(cell.w.province_a, D(2023, 7, 1)) == []


@override_settings(CELL_REMOVAL_COUNT="consecutive")
def test_the_consecutive_setting_needs_three_months_in_a_row(cell):
    lazy = cell.members[0]
    for month in (2, 4, 6):
        record(cell, D(2023, month, 5), absent=[lazy])
    assert selectors.removal_triggers(cell.w.province_a, D(2023, 7, 1)) == []
    assert selectors.cell_edition(D(2023, 7, 1)).parameters.removal_consecutive


def test_the_review_task_is_in_the_cell_queue_and_is_closed_by_the_cell(cell):
    from ketnap.admission.queue import work_queue

    lazy = cell.members[0]
    for month in (1, 2, 3):
        record(cell, D(2023, month, 5), absent=[lazy])
    services.review_sweep(org=cell.w.root, on=D(2023, 12, 1))
    items = [i for i in work_queue(cell.w.cell_a, D(2023, 12, 15)) if i.code == "removal.inactive"]
    assert len(items) == 1 and items[0].person_name.endswith("An")
    task = ReviewTask.objects.get()
    with pytest.raises(ValidationFailed):
        services.review_close(actor=cell.secretary, task=task, closed_on=D(2023, 12, 10), outcome=" ")
    services.review_close(actor=cell.secretary, task=task, closed_on=D(2023, 12, 10), outcome="Nhắc nhở")
    assert ReviewTask.objects.get().state == ReviewState.CLOSED


def test_dues_unpaid_three_months_trigger(cell):
    for month in (3, 5, 9):
        services.dues_record(
            actor=cell.secretary, cell=cell.w.cell_a, month=D(2023, month, 1), lines={cell.members[1].pk: (False, None)}
        )
    [trigger] = selectors.removal_triggers(cell.w.cell_a, D(2023, 10, 1))
    assert [f.code for f in trigger.findings] == ["removal.dues_unpaid"]


def test_composition_flags(cell):
    lonely = make_org(cell.w.commune_a, "chi-bo-nho", OrgKind.SUBORDINATE_CELL, name="Chi bộ nhỏ")
    flags = selectors.composition_flags(cell.w.commune_a, D(2023, 12, 1))
    assert [(f.cell.code, f.finding.code) for f in flags] == [("chi-bo-nho", "composition.too_few")]
    assert lonely.pk


def test_nine_officials_without_committee_flagged_until_one_is_elected(cell):
    from ketnap.core.testing import make_member

    for k in range(6):
        make_member(cell.w.cell_a, given=f"Thêm{k}")
    flags = selectors.composition_flags(cell.w.cell_a, D(2023, 12, 1))
    assert [f.finding.code for f in flags] == ["composition.no_committee"]
    Position.objects.create(
        person=cell.members[0], organization=cell.w.cell_a, kind=PositionKind.COMMITTEE_MEMBER, valid_from=D(2020, 1, 1)
    )
    assert selectors.composition_flags(cell.w.cell_a, D(2023, 12, 1)) == []


def test_away_members_are_flagged_and_excused(cell):
    away = cell.members[2]
    services.away_record(
        actor=cell.secretary,
        cell=cell.w.cell_a,
        person=away,
        valid_from=D(2023, 5, 1),
        place="Bình Dương",
        excused=True,
    )
    flags = selectors.away_flags(cell.w.commune_a, D(2023, 12, 1))
    assert [(f.person, f.finding.code) for f in flags] == [(away, "away.unsettled")]
    assert selectors.away_flags(cell.w.commune_a, D(2023, 7, 31)) == []
    assert MemberMonth(D(2023, 6, 1)).excused is False
    for month in (6, 7, 8):
        record(cell, D(2023, month, 5), absent=[away])
    assert selectors.removal_triggers(cell.w.cell_a, D(2023, 9, 1)) == []


def test_exemption_resolution_goes_to_the_ledger(cell):
    meeting = record(cell, D(2023, 11, 5))
    old = cell.members[0]
    with pytest.raises(ValidationFailed) as error:
        services.resolution_add(
            actor=cell.secretary,
            meeting=meeting,
            kind="exemption",
            text="Miễn",
            person=old,
            document_number="01-NQ/CB",
            reason="old_or_weak",
            application=False,
        )
    assert error.value.field == "application"
    resolution = services.resolution_add(
        actor=cell.secretary,
        meeting=meeting,
        kind="exemption",
        text="Miễn",
        person=old,
        document_number="01-NQ/CB",
        reason="old_or_weak",
        application=True,
    )
    assert resolution.ledger_event is not None and resolution.ledger_event.kind == "exempted"
    assert [r.status for r in selectors.roster(cell.w.cell_a, D(2023, 11, 6)) if r.person == old] == ["exempted"]


@override_settings(CELL_REMOVAL_YEAR="lunar")
def test_a_wrong_setting_is_reported_by_the_check():
    from ketnap.cells.checks import cell_removal_settings_check

    assert [e.id for e in cell_removal_settings_check()] == ["ketnap.E301"]
