"""The working-day calendar used for every admission deadline.

The statutory holidays come from ``ketnap.lib.workdays.vietnam_calendar``; the Prime
Minister's yearly decisions (extra days off, swapped working Saturdays, a holiday that
does not apply) are ``CalendarDay`` rows an administrator corrects. Building the
calendar converts lunar dates for a range of years, so it is cached per process and
rebuilt when the rows change: the cache key is the corrections themselves (a few
dozen small rows a year, one query), so a change made by another process, or rolled
back, can never leave a stale calendar behind the way a timestamp key could.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.admission.models import CalendarDay, CalendarDayKind
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import PermissionDenied, ValidationFailed
from ketnap.lib.workdays import Calendar, vietnam_calendar
from ketnap.organizations.models import Organization

# Deadlines of cases opened since 2016 (QĐ 29) can reach a few years past today.
FIRST_YEAR = 2010
YEARS_AHEAD = 5

_cache: dict[tuple[Any, ...], Calendar] = {}


def _rows() -> tuple[tuple[dt.date, str], ...]:
    return tuple(CalendarDay.objects.order_by("date").values_list("date", "kind"))


def _build(rows: tuple[tuple[dt.date, str], ...], last_year: int) -> Calendar:
    by_kind: dict[str, list[dt.date]] = {kind.value: [] for kind in CalendarDayKind}
    for day, kind in rows:
        by_kind[kind].append(day)
    return vietnam_calendar(
        range(FIRST_YEAR, last_year + 1),
        extra_days_off=by_kind[CalendarDayKind.DAY_OFF],
        working_weekends=by_kind[CalendarDayKind.WORKING_DAY],
        cancelled_holidays=by_kind[CalendarDayKind.NOT_A_HOLIDAY],
    )


def working_calendar() -> Calendar:
    """The Vietnamese working-day calendar with the administrators' corrections applied."""
    rows = _rows()
    key = (policy.today().year, rows)
    calendar = _cache.get(key)
    if calendar is None:
        calendar = _build(rows, policy.today().year + YEARS_AHEAD)
        _cache.clear()  # only the current rows matter; older entries are stale
        _cache[key] = calendar
    return calendar


def calendar_clear_cache() -> None:
    """Forget the cached calendar (to free memory; correctness never depends on it)."""
    _cache.clear()


@transaction.atomic
def calendar_day_set(*, actor: Any, date: dt.date, kind: str, name: str, document: str = "") -> CalendarDay:
    """Record (or change) the correction for one date; only an administrator of the whole
    tree may, since the calendar applies to every deadline everywhere."""
    roots = list(Organization.objects.filter(depth=1))
    if not roots or not all(policy.can(actor, policy.Action.ADMINISTER, root) for root in roots):
        raise PermissionDenied()
    if kind not in CalendarDayKind.values:
        raise ValidationFailed({"kind": [_("Loại ngày không hợp lệ.")]})
    row = CalendarDay.objects.select_for_update().filter(date=date).first()
    before = snapshot(row) if row else None
    row = row or CalendarDay(date=date)
    row.kind, row.name, row.document = kind, name, document
    try:
        row.full_clean()
    except Exception as error:  # Django's ValidationError, mapped to the domain error
        raise ValidationFailed(getattr(error, "message_dict", {"date": [str(error)]})) from error
    row.save()
    audit_log(actor=actor, action="calendar.set", obj=row, before=before, after=snapshot(row))
    return row
