"""The working calendar: the administrators' corrections move deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.admission import services
from ketnap.admission.calendar import calendar_day_set, working_calendar
from ketnap.admission.models import CalendarDay
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.factories import open_case, record_until, staff_cell
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import PermissionDenied
from ketnap.core.testing import build_world

D = dt.date


class CalendarTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)

    def test_statutory_holidays_and_weekends(self) -> None:
        calendar = working_calendar()
        assert not calendar.is_working_day(D(2025, 9, 2))  # National Day
        assert not calendar.is_working_day(D(2025, 9, 6))  # a Saturday
        assert calendar.is_working_day(D(2025, 9, 8))

    def test_a_working_saturday_brings_a_deadline_one_day_forward(self) -> None:
        case = record_until(open_case(self.w), StepKind.GRASSROOTS_RESOLUTION, actor=self.w.editor_a)
        resolution = D(2023, 3, 15)
        assert (case.due_code, case.due_on) == (
            "admission_decision.overdue",
            working_calendar().add_working_days(resolution, 60),
        )
        before = case.due_on
        assert before is not None
        calendar_day_set(actor=self.w.admin, date=D(2023, 5, 13), kind="working_day", name="Làm bù")
        case = services.case_refresh(case)
        assert case.due_on == working_calendar().add_working_days(before, -1)
        assert AuditEntry.objects.filter(action="calendar.set").exists()

    def test_an_extra_day_off_and_a_cancelled_holiday(self) -> None:
        monday = D(2030, 6, 3)
        assert working_calendar().is_working_day(monday)
        calendar_day_set(actor=self.w.admin, date=monday, kind="day_off", name="Nghỉ thêm")
        assert not working_calendar().is_working_day(monday)
        calendar_day_set(actor=self.w.admin, date=monday, kind="not_a_holiday", name="Không nghỉ")
        assert working_calendar().is_working_day(monday)
        assert CalendarDay.objects.count() == 1

    def test_cached_while_the_rows_do_not_change(self) -> None:
        assert working_calendar() is working_calendar()

    def test_only_an_administrator_of_the_whole_tree_corrects_it(self) -> None:
        with pytest.raises(PermissionDenied):
            calendar_day_set(actor=self.w.editor_a, date=D(2030, 6, 3), kind="day_off", name="Nghỉ")
        with pytest.raises(PermissionDenied):
            calendar_day_set(actor=self.w.outsider_b, date=D(2030, 6, 3), kind="day_off", name="Nghỉ")
