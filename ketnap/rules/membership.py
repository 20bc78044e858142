"""Party age, party card, readmission (domain §11 rules 22–24).

Party age itself is computed from the membership events in
:mod:`ketnap.people.status` (pure Python too); it is re-exported here so the rule can be
read beside its citation, not duplicated.
"""

from __future__ import annotations

import datetime as dt

from ketnap.people.status import PartyAge, Status, party_age
from ketnap.rules.base import Edition, Finding, add_months
from ketnap.rules.base import Severity as S
from ketnap.rules.facts import CardIssue, LeaveReason, Readmission

__all__ = ["PartyAge", "check_party_card", "check_readmission", "party_age", "readmission_possible_from"]


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
