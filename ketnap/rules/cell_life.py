"""The rules of party-cell life as pure functions (domain §7; §11 rules 25–29).

No Django. Inputs are small frozen records built by ``ketnap.cells``; every function takes
the :class:`~ketnap.rules.cell_life_editions.CellEdition` in force on the date it judges and
returns findings, never raises.

* removal trigger (Charter art. 8.1; QĐ 29 8.1): a member who "bỏ sinh hoạt chi bộ hoặc không
  đóng đảng phí ba tháng trong năm mà không có lý do chính đáng". Absence and unpaid dues are
  counted **separately** (3 months of either, as the text says "or"), a month counts when the
  member missed the month's meetings without excuse (or the dues of the month are recorded
  unpaid) and no valid reason covers it (exemption, an excused stay away, temporary activity
  elsewhere). Year and counting follow the parameters (defaults: calendar year, cumulative);
* monthly meeting (Charter art. 24.2) with the party-group pilot (HD 03-HD/TW 2022);
* composition (Charter art. 24): fewer than 3 official members; 9 or more without a committee;
* exemption (HD 12-HD/BTCTW 2022 IV.1): application, cell resolution, reason of the date;
* members away for months without a temporary transfer or exemption (HD 01 10.3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ketnap.rules.base import Finding, months_between
from ketnap.rules.base import Severity as S
from ketnap.rules.cell_life_editions import CellEdition


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def shift_month(month: dt.date, by: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + by
    return dt.date(index // 12, index % 12 + 1, 1)


def months_in(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months from ``first``'s to ``last``'s, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = shift_month(month, 1)
    return months


# --- Removal trigger ----------------------------------------------------------------------


@dataclass(frozen=True)
class MemberMonth:
    """One member's month: missed the meetings without excuse, dues recorded unpaid, and
    whether a valid reason covers the month."""

    month: dt.date
    absent_unexcused: bool = False
    dues_unpaid: bool = False
    excused: bool = False


def removal_window(on: dt.date, cell: CellEdition) -> list[dt.date]:
    """The months judged on ``on``: January to ``on``'s month (calendar year) or the 12
    months ending with it (rolling year)."""
    last = month_start(on)
    first = last.replace(month=1) if cell.parameters.removal_calendar_year else shift_month(last, -11)
    return months_in(first, last)


def _count(flags: list[bool], consecutive: bool) -> int:
    if not consecutive:
        return sum(flags)
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def removal_counts(months: Iterable[MemberMonth], on: dt.date, cell: CellEdition) -> tuple[int, int]:
    """(months without activity, months without dues) counted in the window of ``on``."""
    by_month = {m.month: m for m in months}
    window = [by_month.get(month, MemberMonth(month)) for month in removal_window(on, cell)]
    consecutive = cell.parameters.removal_consecutive
    absent = _count([m.absent_unexcused and not m.excused for m in window], consecutive)
    unpaid = _count([m.dues_unpaid and not m.excused for m in window], consecutive)
    return absent, unpaid


def check_removal(
    months: Iterable[MemberMonth], on: dt.date, cell: CellEdition, *, probationary: bool = False
) -> list[Finding]:
    """The review task a cell must take up when a member reaches the removal trigger on ``on``."""
    absent, unpaid = removal_counts(months, on, cell)
    limit = cell.parameters.removal_months
    found: list[Finding] = []
    e = cell.edition
    if absent >= limit:
        found.append(
            e.finding(
                "removal",
                "removal.inactive",
                S.WARNING,
                "Đảng viên bỏ sinh hoạt chi bộ {months} tháng trong năm không có lý do chính đáng: "
                "chi bộ xem xét, đề nghị xóa tên.",
                months=absent,
            )
        )
    if unpaid >= limit:
        found.append(
            e.finding(
                "removal",
                "removal.dues_unpaid",
                S.WARNING,
                "Đảng viên không đóng đảng phí {months} tháng trong năm không có lý do chính đáng: "
                "chi bộ xem xét, đề nghị xóa tên.",
                months=unpaid,
            )
        )
    if found and probationary:
        found.append(
            e.finding(
                "probationary_limits",
                "removal.probationary",
                S.INFO,
                "Đảng viên dự bị: chi bộ xét không công nhận chính thức và đề nghị xóa tên, không xét kỷ luật.",
            )
        )
    return found


# --- Monthly meeting ----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthMeetings:
    """Meetings of one cell in one month: of the whole cell, and by party group."""

    month: dt.date
    cell_meetings: int = 0
    group_meetings: int = 0


def pilot_applies(on: dt.date, pilot_set: bool, members: int, cell: CellEdition) -> bool:
    """Whether group meetings may stand for the cell's meeting on ``on`` (HD 03-HD/TW 2022)."""
    p = cell.parameters
    return pilot_set and on >= p.group_pilot_from and members >= p.group_pilot_min_members


def missed_months(
    meetings: Mapping[dt.date, MonthMeetings], months: Iterable[dt.date], *, pilot: bool, cell: CellEdition
) -> list[dt.date]:
    """The months without a meeting that counts: a cell meeting, or (under the pilot) a group
    meeting, at most ``group_pilot_max_per_year`` of those a calendar year."""
    missed: list[dt.date] = []
    replaced: dict[int, int] = {}
    for month in months:
        held = meetings.get(month, MonthMeetings(month))
        if held.cell_meetings:
            continue
        used = replaced.get(month.year, 0)
        if pilot and held.group_meetings and used < cell.parameters.group_pilot_max_per_year:
            replaced[month.year] = used + 1
            continue
        missed.append(month)
    return missed


def check_monthly_meetings(missed: list[dt.date], cell: CellEdition) -> list[Finding]:
    return [
        cell.edition.finding(
            "monthly_meeting",
            "meeting.missed_month",
            S.WARNING,
            "Chi bộ không sinh hoạt thường kỳ tháng {month}.",
            month=f"{month.month:02d}/{month.year}",
        )
        for month in missed
    ]


# --- Composition --------------------------------------------------------------------------


def check_composition(official: int, has_committee: bool, cell: CellEdition) -> list[Finding]:
    """Fewer than 3 official members; 9 or more official members without a cell committee."""
    p, e = cell.parameters, cell.edition
    if official < p.min_official_members:
        return [
            e.finding(
                "composition",
                "composition.too_few",
                S.WARNING,
                "Chi bộ chỉ có {official} đảng viên chính thức (dưới {minimum}): cần củng cố, kiện toàn.",
                official=official,
                minimum=p.min_official_members,
            )
        ]
    if official >= p.committee_from_official_members and not has_committee:
        return [
            e.finding(
                "composition",
                "composition.no_committee",
                S.WARNING,
                "Chi bộ có {official} đảng viên chính thức nhưng chưa có chi ủy.",
                official=official,
            )
        ]
    return []


# --- Exemption ----------------------------------------------------------------------------


class ExemptionReason(StrEnum):
    OLD_OR_WEAK = "old_or_weak"  # tuổi cao, sức yếu
    LONG_TREATMENT = "long_treatment"  # điều trị dài ngày, xa nơi cư trú
    ABROAD_PRIVATE = "abroad_private"  # ra nước ngoài việc riêng một mình
    REMOTE_WORK = "remote_work"  # làm việc một mình nơi chưa có tổ chức đảng
    MOBILE_WORK = "mobile_work"  # lưu động dưới 1 năm, việc không ổn định
    MATERNITY = "maternity"  # nghỉ thai sản theo chế độ


@dataclass(frozen=True)
class Exemption:
    reason: ExemptionReason
    application: bool
    cell_resolution: bool
    medical_certificate: bool = False


def check_exemption(facts: Exemption, on: dt.date, cell: CellEdition) -> list[Finding]:
    """What an exemption from work and activity decided on ``on`` needs."""
    e, found = cell.edition, []
    if facts.reason is not ExemptionReason.OLD_OR_WEAK and on < cell.parameters.exemption_other_reasons_from:
        found.append(
            e.finding(
                "exemption",
                "exemption.reason_not_yet",
                S.BLOCKING,
                "Trước ngày {since} chỉ miễn sinh hoạt cho đảng viên tuổi cao, sức yếu.",
                since=cell.parameters.exemption_other_reasons_from,
            )
        )
    if not facts.application:
        found.append(e.finding("exemption", "exemption.no_application", S.BLOCKING, "Thiếu đơn của đảng viên."))
    if not facts.cell_resolution:
        found.append(
            e.finding("exemption", "exemption.no_resolution", S.BLOCKING, "Miễn sinh hoạt phải do chi bộ nghị quyết.")
        )
    if facts.reason is ExemptionReason.LONG_TREATMENT and not facts.medical_certificate:
        found.append(
            e.finding("exemption", "exemption.no_certificate", S.BLOCKING, "Thiếu giấy xác nhận của cơ sở y tế.")
        )
    return found


# --- Members away -------------------------------------------------------------------------


def check_away(
    away_from: dt.date, on: dt.date, *, transferred: bool, exempted: bool, cell: CellEdition
) -> list[Finding]:
    """A member away from ``away_from`` for ``away_flag_months`` or more on ``on``, with
    neither a temporary transfer nor an exemption: the cell should settle one of them."""
    months = _whole_months(away_from, on)
    if transferred or exempted or months < cell.parameters.away_flag_months:
        return []
    return [
        cell.edition.finding(
            "away",
            "away.unsettled",
            S.WARNING,
            "Đảng viên đi làm ăn xa từ {since} ({months} tháng) "
            "chưa chuyển sinh hoạt tạm thời hoặc được miễn sinh hoạt.",
            since=away_from,
            months=months,
        )
    ]


def _whole_months(start: dt.date, end: dt.date) -> int:
    return months_between(start, end) if end >= start else 0
