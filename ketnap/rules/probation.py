"""From the decision to official membership (domain §11 rules 13–21).

Dates: probation runs 12 months from the ceremony; the member is official on
``ceremony + 12 months`` (the same day of the month, the month's last day when it has
none), whatever the delays of the cell or the committee. The 12 months end the day
before, so the cell's 30 working days are counted from that last day of probation.
"""

from __future__ import annotations

import datetime as dt

from ketnap.lib.workdays import Calendar
from ketnap.people.status import Status
from ketnap.rules.admission import DEADLINE_ACTS, check_cell_vote, deadline_findings
from ketnap.rules.base import Edition, Finding, add_months
from ketnap.rules.base import Severity as S
from ketnap.rules.facts import Ceremony, Helper, Probation, RecognitionDossier

# --- 13. Ceremony -------------------------------------------------------------------------


def ceremony_due_on(received_on: dt.date, edition: Edition, calendar: Calendar) -> dt.date:
    return calendar.add_working_days(received_on, edition.parameters.ceremony_working_days)


def check_ceremony(ceremony: Ceremony, on: dt.date, edition: Edition, calendar: Calendar) -> list[Finding]:
    """Within 30 working days of the cell receiving the decision; later only with the
    direct upper committee's agreement."""
    received, held = ceremony.decision_received_on, ceremony.held_on
    if received is None:
        if held is None:
            return []
        return [
            edition.finding(
                "ceremony",
                "ceremony.before_decision",
                S.BLOCKING,
                "Lễ kết nạp chỉ được tổ chức sau khi chi bộ nhận quyết định kết nạp.",
            )
        ]
    due = ceremony_due_on(received, edition, calendar)
    if held is not None and held < received:
        return [
            edition.finding(
                "ceremony",
                "ceremony.before_decision",
                S.BLOCKING,
                "Lễ kết nạp ({held}) trước ngày chi bộ nhận quyết định ({received}).",
                wording="ceremony.held_before_decision",
                held=held,
                received=received,
            )
        ]
    if held is not None and held > due:
        if ceremony.late_approved_by_upper:
            return [
                edition.finding(
                    "ceremony",
                    "ceremony.late_approved",
                    S.INFO,
                    "Lễ kết nạp muộn (hạn {due}) đã được cấp ủy cấp trên trực tiếp đồng ý.",
                    due_on=due,
                    due=due,
                )
            ]
        return [
            edition.finding(
                "ceremony",
                "ceremony.late_without_approval",
                S.BLOCKING,
                "Lễ kết nạp ngày {held} quá hạn {due} (30 ngày làm việc từ khi nhận quyết định); phải báo cáo "
                "và được cấp ủy cấp trên trực tiếp đồng ý.",
                due_on=due,
                held=held,
                due=due,
            )
        ]
    return deadline_findings("ceremony", "ceremony", due, held, on, edition, DEADLINE_ACTS["ceremony"])


# --- 14. Helper ---------------------------------------------------------------------------


def check_helper(helper: Helper | None, ceremony_on: dt.date, edition: Edition) -> list[Finding]:
    if helper is None or helper.assigned_on is None:
        return [
            edition.finding(
                "helper",
                "helper.missing",
                S.BLOCKING,
                "Chưa phân công đảng viên chính thức giúp đỡ đảng viên dự bị (từ lễ kết nạp {ceremony}).",
                ceremony=ceremony_on,
            )
        ]
    findings = []
    if helper.official_since is None or helper.official_since > helper.assigned_on:
        findings.append(
            edition.finding(
                "helper",
                "helper.not_official",
                S.BLOCKING,
                "Người giúp đỡ ({key}) phải là đảng viên chính thức.",
                key=helper.key,
            )
        )
    if helper.assigned_on > ceremony_on:
        findings.append(
            edition.finding(
                "helper",
                "helper.assigned_late",
                S.WARNING,
                "Người giúp đỡ được phân công ngày {assigned}, sau lễ kết nạp ({ceremony}).",
                assigned=helper.assigned_on,
                ceremony=ceremony_on,
            )
        )
    return findings


# --- 15. Member personal history ----------------------------------------------------------


def check_member_history(
    ceremony_on: dt.date, done_on: dt.date | None, on: dt.date, edition: Edition, calendar: Calendar
) -> list[Finding]:
    due = calendar.add_working_days(ceremony_on, edition.parameters.member_history_working_days)
    return deadline_findings(
        "member_history", "member_history", due, done_on, on, edition, DEADLINE_ACTS["member_history"]
    )


# --- 16, 19. Probation and the official date ----------------------------------------------


def official_date(ceremony_on: dt.date, edition: Edition) -> dt.date:
    """Ceremony + 12 months: the official date whatever the delays (QĐ 4.2b)."""
    return add_months(ceremony_on, edition.parameters.probation_months)


def recognition_review_due_on(ceremony_on: dt.date, edition: Edition, calendar: Calendar) -> dt.date:
    last_day_of_probation = official_date(ceremony_on, edition) - dt.timedelta(days=1)
    return calendar.add_working_days(last_day_of_probation, edition.parameters.recognition_review_working_days)


def check_probation(
    ceremony_on: dt.date, resolution_on: dt.date | None, on: dt.date, edition: Edition, calendar: Calendar
) -> list[Finding]:
    """The cell reviews from the day after probation ends; "overdue at cell" once 30
    working days have passed without a resolution."""
    official = official_date(ceremony_on, edition)
    due = recognition_review_due_on(ceremony_on, edition, calendar)
    if resolution_on is not None and resolution_on < official:
        return [
            edition.finding(
                "probation",
                "probation.review_too_early",
                S.BLOCKING,
                "Chi bộ chỉ xét công nhận đảng viên chính thức sau khi hết 12 tháng dự bị (từ ngày {official}).",
                satisfiable_on=official,
                official=official,
            )
        ]
    if resolution_on is None and on < official:
        return [
            edition.finding(
                "probation",
                "probation.in_progress",
                S.INFO,
                "Đang trong thời kỳ dự bị; chi bộ xét từ ngày {official}, hạn ngày {due}.",
                satisfiable_on=official,
                due_on=due,
                official=official,
                due=due,
            )
        ]
    return deadline_findings(
        "probation", "probation.review", due, resolution_on, on, edition, DEADLINE_ACTS["probation"]
    )


def check_official_date(ceremony_on: dt.date, recorded: dt.date | None, edition: Edition) -> list[Finding]:
    expected = official_date(ceremony_on, edition)
    if recorded is None or recorded == expected:
        return []
    return [
        edition.finding(
            "official_date",
            "official_date.mismatch",
            S.BLOCKING,
            "Ngày chính thức phải là {expected} (đủ 12 tháng kể từ lễ kết nạp {ceremony}), không phải {recorded}.",
            expected=expected,
            ceremony=ceremony_on,
            recorded=recorded,
        )
    ]


# --- 17. Recognition dossier --------------------------------------------------------------

# What a recognition dossier may lack, as ``recognition.missing_*`` findings word it
# (``messages_en.PHRASES`` words each in English).
DOSSIER_ITEMS = (
    (
        "new_member_certificate",
        "recognition.missing_certificate",
        "giấy chứng nhận bồi dưỡng lý luận chính trị cho đảng viên mới",
    ),
    ("helper_comment", "recognition.missing_helper_comment", "bản nhận xét của đảng viên được phân công giúp đỡ"),
    (
        "comments_summary",
        "recognition.missing_comments_summary",
        "tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
    ),
    (
        "cell_resolution",
        "recognition.missing_cell_resolution",
        "nghị quyết của chi bộ đề nghị công nhận đảng viên chính thức",
    ),
)

SELF_REVIEW = "bản tự kiểm điểm của đảng viên dự bị"
GRASSROOTS_RESOLUTION = "nghị quyết của đảng ủy cơ sở"


def check_recognition_dossier(dossier: RecognitionDossier, ceremony_on: dt.date, edition: Edition) -> list[Finding]:
    findings = []
    missing = [(code, what) for attr, code, what in DOSSIER_ITEMS if not getattr(dossier, attr)]
    if dossier.self_review_on is None:
        missing.insert(1, ("recognition.missing_self_review", SELF_REVIEW))
    if dossier.grassroots_resolution_required and not dossier.grassroots_resolution:
        missing.append(("recognition.missing_grassroots_resolution", GRASSROOTS_RESOLUTION))
    for code, what in missing:
        findings.append(
            edition.finding(
                "recognition_dossier",
                code,
                S.BLOCKING,
                "Hồ sơ công nhận chưa có {what}.",
                wording="recognition.missing",
                what=what,
            )
        )
    official = official_date(ceremony_on, edition)
    if dossier.self_review_on is not None and dossier.self_review_on < official:
        findings.append(
            edition.finding(
                "recognition_dossier",
                "recognition.self_review_too_early",
                S.WARNING,
                "Bản tự kiểm điểm viết sau khi hết 12 tháng dự bị (từ ngày {official}).",
                satisfiable_on=official,
                official=official,
            )
        )
    return findings


# --- 20. Failure path ---------------------------------------------------------------------


def check_failure_path(probation: Probation, edition: Edition) -> list[Finding]:
    findings = []
    limit = edition.parameters.failed_votes_before_escalation
    if probation.failed_votes >= limit and probation.escalated_on is None:
        findings.append(
            edition.finding(
                "failure_path",
                "recognition.escalate",
                S.WARNING,
                "Đã {n} lần biểu quyết không đủ 2/3 để công nhận hoặc xóa tên: báo cáo cấp ủy cấp trên trực tiếp "
                "và cấp ủy có thẩm quyền xem xét, quyết định.",
                n=probation.failed_votes,
            )
        )
    if probation.qualified is False:
        findings.append(
            edition.finding(
                "failure_path",
                "recognition.propose_removal",
                S.INFO,
                "Không đủ điều kiện công nhận: chi bộ đề nghị cấp có thẩm quyền quyết định xóa tên trong danh "
                "sách đảng viên dự bị.",
            )
        )
    return findings


def check_decision_vote(probation: Probation, edition: Edition) -> list[Finding]:
    """The competent committee decides on a resolution the cell passed by 2/3; after the
    failed votes went up to the upper committee, on that committee's decision instead
    (Charter art. 5.2; QĐ 29 4.2c)."""
    if probation.escalated_on is not None:
        return [
            edition.finding(
                "failure_path",
                "recognition.escalated",
                S.INFO,
                "Sau {n} lần biểu quyết không đủ 2/3, cấp ủy cấp trên đã quyết định ngày {on}; quyết định theo đó.",
                n=probation.failed_votes,
                on=probation.escalated_on,
            )
        ]
    vote = probation.recognition_vote
    if vote is None:
        return []
    return [f for f in check_cell_vote(vote, edition) if f.code == "cell_vote.not_passed"]


# --- 21. Probationary members' rights -----------------------------------------------------

ACTIONS = {
    "vote": "biểu quyết",
    "stand": "ứng cử",
    "elect": "bầu cử",
    "introduce": "giới thiệu người vào Đảng",
    "help": "giúp đỡ đảng viên dự bị",
}


def may(action: str, status: Status) -> bool:
    """Whether a member of ``status`` may take ``action``: probationary members have every
    right except voting, standing and electing; introducing and helping need an official
    member in activity. Pass an exempted member's underlying status when it is known: an
    exempted official member who attends may still vote."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if action in ("introduce", "help"):
        return status is Status.OFFICIAL
    return status in (Status.OFFICIAL, Status.EXEMPTED)


def check_member_action(action: str, status: Status, edition: Edition) -> list[Finding]:
    if may(action, status):
        return []
    return [
        edition.finding(
            "probationary_rights",
            f"rights.cannot_{action}",
            S.BLOCKING,
            "Chỉ đảng viên chính thức được {what}.",
            wording="rights.official_only",
            what=ACTIONS[action],
        )
    ]
