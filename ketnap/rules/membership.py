"""Party age, party card, readmission (domain §11 rules 22–24), and the membership
ledger: which status allows which event, temporary activity and the transfer deadlines
(rules 27–29).

Party age itself is computed from the membership events in
:mod:`ketnap.people.status` (pure Python too); it is re-exported here so the rule can be
read beside its citation, not duplicated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ketnap.lib.workdays import Calendar
from ketnap.people.status import MEMBER_STATUSES, PartyAge, Status, party_age
from ketnap.rules.admission import deadline_findings
from ketnap.rules.base import Edition, Finding, add_months, months_between
from ketnap.rules.base import Severity as S
from ketnap.rules.facts import CardIssue, LeaveReason, Readmission

__all__ = [
    "LedgerEvent",
    "LedgerState",
    "PartyAge",
    "check_ledger_event",
    "check_party_card",
    "check_readmission",
    "check_readmission_consent",
    "check_temporary_stay",
    "check_transfer_arrival",
    "check_transfer_start",
    "party_age",
    "readmission_possible_from",
    "transfer_arrival_due",
    "transfer_start_due",
]


# --- 23. Party card -----------------------------------------------------------------------


def check_party_card(card: CardIssue, edition: Edition) -> list[Finding]:
    findings = []
    if card.status is not Status.OFFICIAL:
        findings.append(
            edition.finding(
                "party_card",
                "card.not_official",
                S.BLOCKING,
                "Thẻ đảng viên chỉ phát cho đảng viên chính thức.",
            )
        )
    if not card.decided_by_upper_committee:
        findings.append(
            edition.finding(
                "party_card",
                "card.wrong_issuer",
                S.BLOCKING,
                "Việc phát thẻ do cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng quyết định (đảng viên ở ngoài "
                "nước: Đảng ủy Ngoài nước).",
            )
        )
    return findings


# --- 24. Readmission ----------------------------------------------------------------------


def readmission_possible_from(facts: Readmission, edition: Edition) -> dt.date:
    """The first date time alone allows: 36 months after leaving, or 60 months after a
    less serious conviction was expunged, whichever is later."""
    p = edition.parameters
    dates = [add_months(facts.left_on, p.readmission_wait_months)]
    if facts.less_serious_conviction and facts.conviction_expunged_on is not None:
        dates.append(add_months(facts.conviction_expunged_on, p.readmission_after_expungement_months))
    return max(dates)


def check_readmission(facts: Readmission, review_on: dt.date, edition: Edition) -> list[Finding]:
    p = edition.parameters
    findings = []
    barred = facts.reason.value in {bar.value for bar in p.readmission_bars}
    if facts.reason is LeaveReason.APPLIED_TO_LEAVE and facts.family_hardship:
        barred = False
    if barred:
        findings.append(
            edition.finding(
                "readmission",
                "readmission.barred_reason",
                S.BLOCKING,
                "Không xem xét kết nạp lại người đã ra khỏi Đảng vì lý do: {reason}.",
                reason=REASONS[facts.reason],
            )
        )
    if facts.times_readmitted_before >= p.readmission_max_times:
        findings.append(
            edition.finding("readmission", "readmission.once_only", S.BLOCKING, "Chỉ được kết nạp lại một lần.")
        )
    if facts.less_serious_conviction and facts.conviction_expunged_on is None:
        findings.append(
            edition.finding(
                "readmission",
                "readmission.conviction_not_expunged",
                S.BLOCKING,
                "Án tích chưa được xóa; chỉ xem xét sau {months} tháng kể từ ngày xóa án tích.",
                months=p.readmission_after_expungement_months,
            )
        )
    possible = readmission_possible_from(facts, edition)
    if review_on < possible:
        findings.append(
            edition.finding(
                "readmission",
                "readmission.too_soon",
                S.BLOCKING,
                "Chưa đủ thời gian để xem xét kết nạp lại: từ ngày {possible}.",
                satisfiable_on=possible,
                possible=possible,
            )
        )
    if not facts.with_probation:
        findings.append(
            edition.finding(
                "readmission",
                "readmission.probation_required",
                S.BLOCKING,
                "Người được kết nạp lại phải trải qua thời kỳ dự bị.",
            )
        )
    return findings


# Why a person left the party, as ``readmission.barred_reason`` words it
# (``messages_en.PHRASES`` words each in English).
REASONS = {
    LeaveReason.REMOVED: "bị xóa tên",
    LeaveReason.EXPELLED: "bị khai trừ",
    LeaveReason.ABANDONED_ACTIVITY: "bỏ sinh hoạt đảng",
    LeaveReason.APPLIED_TO_LEAVE: "tự ý xin ra khỏi Đảng",
    LeaveReason.SERIOUS_DISUNITY: "gây mất đoàn kết nội bộ nghiêm trọng",
    LeaveReason.CORRUPTION_CONVICTION: "bị kết án về tội tham nhũng",
    LeaveReason.SERIOUS_CRIME_CONVICTION: "bị kết án về tội nghiêm trọng trở lên",
}


# --- 27–29. The ledger: which status allows which event -----------------------------------


class LedgerEvent(StrEnum):
    """What a committee records by decision or resolution in a member's ledger."""

    TRANSFER_OUT = "transfer_out"  # thư giới thiệu chuyển sinh hoạt đảng chính thức
    TRANSFER_IN = "transfer_in"  # tiếp nhận sinh hoạt đảng chính thức
    TEMPORARY_OUT = "temporary_out"  # sinh hoạt đảng tạm thời nơi khác
    TEMPORARY_RETURN = "temporary_return"
    EXEMPTION = "exemption"  # miễn công tác và sinh hoạt đảng
    EXEMPTION_END = "exemption_end"
    REMOVAL = "removal"  # xóa tên
    EXPULSION = "expulsion"  # khai trừ
    LEAVING = "leaving"  # xin ra khỏi Đảng
    DEATH = "death"
    READMISSION = "readmission"


@dataclass(frozen=True)
class LedgerState:
    """The person's ledger on the event's date: ``status`` None when not on the rolls."""

    status: Status | None
    temporary_elsewhere: bool = False
    ever_member: bool = False
    last_event_on: dt.date | None = None
    transfer_open: bool = False


_ON_ROLLS = frozenset(MEMBER_STATUSES)
# Which status allows the event; None in a set means "not on the rolls".
ALLOWED: dict[LedgerEvent, frozenset[Status | None]] = {
    LedgerEvent.TRANSFER_OUT: _ON_ROLLS,
    LedgerEvent.TRANSFER_IN: frozenset({None}),
    LedgerEvent.TEMPORARY_OUT: frozenset({Status.PROBATIONARY, Status.OFFICIAL}),
    LedgerEvent.TEMPORARY_RETURN: _ON_ROLLS,
    LedgerEvent.EXEMPTION: frozenset({Status.PROBATIONARY, Status.OFFICIAL}),
    LedgerEvent.EXEMPTION_END: frozenset({Status.EXEMPTED}),
    LedgerEvent.REMOVAL: _ON_ROLLS,
    LedgerEvent.EXPULSION: _ON_ROLLS,
    LedgerEvent.LEAVING: _ON_ROLLS,
    LedgerEvent.DEATH: _ON_ROLLS | {Status.CANDIDATE},
    LedgerEvent.READMISSION: frozenset({None}),
}
# How each status is named in a finding (``messages_en.PHRASES`` words them in English).
STATUS_NAMES = {
    Status.CANDIDATE: "người đã có quyết định kết nạp nhưng chưa làm lễ",
    Status.PROBATIONARY: "đảng viên dự bị",
    Status.OFFICIAL: "đảng viên chính thức",
    Status.EXEMPTED: "đảng viên được miễn công tác và sinh hoạt",
}


def check_readmission_consent(facts: Readmission, decided_on: dt.date, edition: Edition) -> list[Finding]:
    """The provincial standing committee agrees in writing before the readmission is decided
    (judged at the decision: the cell and the grassroots committee propose before it)."""
    consent = facts.provincial_consent_on
    if not edition.parameters.readmission_requires_provincial_consent:
        return []
    if consent is not None and consent <= decided_on:
        return []
    return [
        edition.finding(
            "readmission",
            "readmission.provincial_consent_missing",
            S.BLOCKING,
            "Chưa có văn bản đồng ý của Ban Thường vụ Tỉnh ủy, Thành ủy (hoặc tương đương) "
            "trước ngày quyết định kết nạp lại ({decided_on}).",
            decided_on=decided_on,
        )
    ]


def check_ledger_event(
    event: LedgerEvent, on: dt.date, state: LedgerState, today: dt.date, edition: Edition
) -> list[Finding]:
    """Every reason the ledger refuses ``event`` dated ``on`` for a person in ``state``."""
    findings = _date_findings(on, state, today, edition)
    findings += _status_findings(event, on, state, edition)
    findings += _situation_findings(event, state, edition)
    return findings


def _date_findings(on: dt.date, state: LedgerState, today: dt.date, edition: Edition) -> list[Finding]:
    findings = []
    if on > today:
        findings.append(
            edition.finding(
                "membership_events", "ledger.in_future", S.BLOCKING, "Ngày của sự kiện không được sau ngày hôm nay."
            )
        )
    if state.last_event_on is not None and on < state.last_event_on:
        findings.append(
            edition.finding(
                "membership_events",
                "ledger.before_last_event",
                S.BLOCKING,
                "Ngày của sự kiện phải từ ngày {last} trở đi (sự kiện gần nhất đã ghi nhận); sửa sự kiện cũ "
                "bằng một bản ghi sửa, không chèn vào trước.",
                last=state.last_event_on,
            )
        )
    return findings


def _status_findings(event: LedgerEvent, on: dt.date, state: LedgerState, edition: Edition) -> list[Finding]:
    if state.status in ALLOWED[event]:
        return []
    if state.status is None:
        return [
            edition.finding(
                "membership_events",
                "ledger.not_on_rolls",
                S.BLOCKING,
                "Người này không có tên trong danh sách đảng viên vào ngày {date}.",
                date=on,
            )
        ]
    if None in ALLOWED[event]:
        return [
            edition.finding(
                "membership_events",
                "ledger.on_rolls",
                S.BLOCKING,
                "Người này đang có tên trong danh sách đảng viên vào ngày {date}.",
                date=on,
            )
        ]
    return [
        edition.finding(
            "membership_events",
            "ledger.status",
            S.BLOCKING,
            "Không ghi nhận được sự kiện này cho {status} (ngày {date}).",
            status=STATUS_NAMES[state.status],
            date=on,
        )
    ]


def _situation_findings(event: LedgerEvent, state: LedgerState, edition: Edition) -> list[Finding]:
    rule = "membership_events"
    findings = []
    if event is LedgerEvent.TEMPORARY_OUT and state.temporary_elsewhere:
        findings.append(
            edition.finding(
                rule,
                "ledger.already_temporary",
                S.BLOCKING,
                "Đảng viên đang sinh hoạt tạm thời nơi khác; ghi nhận trở về trước.",
            )
        )
    if event is LedgerEvent.TEMPORARY_RETURN and not state.temporary_elsewhere:
        findings.append(
            edition.finding(rule, "ledger.not_temporary", S.BLOCKING, "Đảng viên không sinh hoạt tạm thời nơi khác.")
        )
    if event is LedgerEvent.TRANSFER_IN and state.ever_member and state.status is None:
        findings.append(
            edition.finding(
                rule,
                "ledger.former_member_returns_by_readmission",
                S.BLOCKING,
                "Người đã từng là đảng viên ở đây chỉ trở lại bằng kết nạp lại (hoặc tiếp nhận chuyển sinh hoạt).",
            )
        )
    if event is LedgerEvent.READMISSION and not state.ever_member:
        findings.append(
            edition.finding(rule, "ledger.never_member", S.BLOCKING, "Chỉ kết nạp lại người đã từng là đảng viên.")
        )
    if event is LedgerEvent.TRANSFER_OUT and state.transfer_open:
        findings.append(
            edition.finding(
                "transfer",
                "ledger.transfer_open",
                S.BLOCKING,
                "Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc.",
            )
        )
    return findings


# --- 28. Temporary activity elsewhere -------------------------------------------------------


def check_temporary_stay(start: dt.date, until: dt.date, study: bool, edition: Edition) -> list[Finding]:
    """QĐ 29/24/294 6.3.2: a temporary transfer is for a stay of 3 months to under 1 year
    (full-time study in the country: 3 months to 2 years); shorter needs none, longer is
    an official transfer."""
    p = edition.parameters
    months = months_between(start, until)
    if months < p.temporary_min_months:
        return [
            edition.finding(
                "transfer",
                "temporary.too_short",
                S.BLOCKING,
                "Sinh hoạt tạm thời áp dụng cho thời gian từ {months} tháng trở lên.",
                months=p.temporary_min_months,
            )
        ]
    too_long = months > p.temporary_study_max_months if study else months >= p.temporary_work_max_months
    if too_long:
        limit = p.temporary_study_max_months if study else p.temporary_work_max_months
        return [
            edition.finding(
                "transfer",
                "temporary.too_long",
                S.BLOCKING,
                "Quá thời gian sinh hoạt tạm thời ({months} tháng); chuyển sinh hoạt chính thức.",
                months=limit,
            )
        ]
    return []


# --- 28. Official transfer deadlines -----------------------------------------------------------

TRANSFER_ACTS = {
    "transfer.start": "bắt đầu chuyển sinh hoạt đảng",
    "transfer.arrival": "nộp thư giới thiệu tại nơi chuyển đến",
}


def transfer_start_due(decided_on: dt.date, calendar: Calendar, edition: Edition) -> dt.date:
    """The member starts the transfer within 60 working days of the decision or the change
    of residence taking effect."""
    return calendar.add_working_days(decided_on, edition.parameters.transfer_start_working_days)


def transfer_arrival_due(letter_on: dt.date, calendar: Calendar, edition: Edition) -> dt.date:
    """The member presents the introduction letter within 30 working days of it."""
    return calendar.add_working_days(letter_on, edition.parameters.transfer_arrival_working_days)


def check_transfer_start(
    decided_on: dt.date, letter_on: dt.date | None, on: dt.date, calendar: Calendar, edition: Edition
) -> list[Finding]:
    due = transfer_start_due(decided_on, calendar, edition)
    return deadline_findings("transfer", "transfer.start", due, letter_on, on, edition, TRANSFER_ACTS["transfer.start"])


def check_transfer_arrival(
    letter_on: dt.date, arrived_on: dt.date | None, on: dt.date, reason: str, calendar: Calendar, edition: Edition
) -> list[Finding]:
    """The deadline of the letter; arriving late needs the reason reported."""
    due = transfer_arrival_due(letter_on, calendar, edition)
    what = TRANSFER_ACTS["transfer.arrival"]
    findings = deadline_findings("transfer", "transfer.arrival", due, arrived_on, on, edition, what)
    if arrived_on is not None and arrived_on > due and not reason.strip():
        findings.append(
            edition.finding(
                "transfer",
                "transfer.arrival.reason_missing",
                S.BLOCKING,
                "Đến nơi chuyển sinh hoạt sau hạn ngày {due}: phải báo cáo lý do.",
                due=due,
            )
        )
    return findings
