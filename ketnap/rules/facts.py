"""The facts of a case, as small frozen dataclasses the rules read (no ORM objects).

The Django layer builds a :class:`CaseFacts` from its rows; a date left ``None`` means
"has not happened yet". Membership statuses reuse :class:`ketnap.people.status.Status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ketnap.people.status import Status
from ketnap.rules.base import Education, ReadmissionBar

__all__ = [
    "Basis",
    "Body",
    "Candidate",
    "CardIssue",
    "CaseFacts",
    "CellVote",
    "Ceremony",
    "CommitteeVote",
    "Decision",
    "Education",
    "Helper",
    "HistoryFacts",
    "Introducer",
    "Introduction",
    "LeaveReason",
    "Probation",
    "Readmission",
    "RecognitionDossier",
    "Relation",
    "Relative",
    "Status",
    "UpperKind",
]


@dataclass(frozen=True)
class Candidate:
    birth_date: dt.date
    education: Education
    # Lives in a mountainous, border, island, ethnic-minority or especially difficult area.
    hardship_area: bool = False
    fisherman_at_sea: bool = False  # ngư dân thường xuyên làm việc trên biển, đảo
    village_elder: bool = False  # già làng, trưởng bản, người có uy tín
    education_exception_approved: bool = False
    youth_union_member: bool = False
    # Over-60 conditions (HD 01-HD/TW 2021 1.1).
    health_and_prestige: bool = False
    base_condition: bool = False  # no party organisation or member at the base, or a special need
    over_60_approved_on: dt.date | None = None  # written agreement of the standing committee


@dataclass(frozen=True)
class HistoryFacts:
    """The candidate's personal-history form (2-KNĐ) through verification."""

    stamped_on: dt.date | None = None  # đóng dấu giáp lai
    sent_for_verification_on: dt.date | None = None
    verification_concluded_on: dt.date | None = None
    cell_commented_on: dt.date | None = None
    certified_on: dt.date | None = None  # grassroots committee certifies, signs, stamps


class Relation(StrEnum):
    FATHER = "father"
    MOTHER = "mother"
    RAISER = "raiser"  # người trực tiếp nuôi dưỡng
    SIBLING = "sibling"
    SPOUSE = "spouse"
    SPOUSE_FATHER = "spouse_father"
    SPOUSE_MOTHER = "spouse_mother"
    SPOUSE_SIBLING = "spouse_sibling"
    CHILD = "child"


@dataclass(frozen=True)
class Relative:
    key: str
    relation: Relation
    party_member: bool = False
    fully_declared: bool = True  # declared fully, clearly and truthfully on the form
    full_civil_capacity: bool = True
    abroad: bool = False
    verified_on: dt.date | None = None


class Basis(StrEnum):
    """How the introducer knows the candidate."""

    WORK = "work"  # cùng công tác, lao động
    STUDY = "study"  # cùng học tập
    RESIDENCE = "residence"  # cùng sinh hoạt nơi cư trú (from QĐ 24)


@dataclass(frozen=True)
class Introducer:
    key: str
    official_since: dt.date | None  # None: not an official member
    together_since: dt.date | None
    basis: Basis = Basis.WORK
    replacement: bool = False  # assigned by the cell to replace an introducer who left
    expected_official_on: dt.date | None = None  # a probationary introducer's ceremony + 12 months
    introduced_on: dt.date | None = None


@dataclass(frozen=True)
class Introduction:
    introducers: tuple[Introducer, ...] = ()
    youth_union_organisation_exists: bool = False
    youth_union_resolution_on: dt.date | None = None
    trade_union_resolution_on: dt.date | None = None
    introduced_on: dt.date | None = None


@dataclass(frozen=True)
class CellVote:
    """A cell vote on one candidate or one probationary member.

    ``official_members`` counts the official members on the cell's rolls (exempted ones
    included); ``in_favour`` counts only official members' agreement. Ballots of
    probationary members never count (they cannot vote) and are reported if recorded.
    """

    held_on: dt.date
    official_members: int
    in_favour: int
    temporarily_away: int = 0  # introduced to temporary activity elsewhere
    exempted_absent: int = 0  # exempted from activity and absent
    probationary_in_favour: int = 0


@dataclass(frozen=True)
class CommitteeVote:
    held_on: dt.date
    members_total: int  # tổng số cấp ủy viên
    in_favour: int


class UpperKind(StrEnum):
    """Kind of the direct upper committee of the grassroots party organisation."""

    DISTRICT = "district"  # huyện ủy, quận ủy, thị ủy, thành ủy thuộc tỉnh và tương đương
    COMMUNE = "commune"  # đảng ủy xã, phường, đặc khu (from 01/7/2025, pilot)
    UPPER_POWERS = "upper_powers"  # đảng ủy được giao quyền cấp trên cơ sở
    PROVINCIAL = "provincial"  # tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương
    ARMY = "army"
    PUBLIC_SECURITY = "public_security"


class Body(StrEnum):
    """The kind of body that decides admission and recognition."""

    GRASSROOTS_COMMITTEE = "grassroots_committee"  # tập thể đảng ủy cơ sở được ủy quyền
    UPPER_STANDING_COMMITTEE = "upper_standing_committee"  # ban thường vụ cấp ủy cấp trên trực tiếp
    PROVINCIAL_STANDING = "provincial_standing"  # thường trực + ủy viên BTV là trưởng các ban đảng
    SEPARATE_RULES = "separate_rules"  # Quân đội, Công an: quy định riêng của Bộ Chính trị
    # Ban thường vụ đảng ủy cơ sở: reported for 2026 (QĐ 20-QĐ/TW, text not read); only ever
    # the body of a dated setting an administrator enters, never derived by the rules.
    GRASSROOTS_STANDING = "grassroots_standing"


@dataclass(frozen=True)
class Decision:
    decided_on: dt.date | None = None
    extension_working_days: int = 0
    extension_reason: str = ""
    body: Body | None = None
    # The deciding standing committee's own vote, when recorded (members, in favour).
    standing_vote: CommitteeVote | None = None


@dataclass(frozen=True)
class Helper:
    key: str
    official_since: dt.date | None
    assigned_on: dt.date | None


@dataclass(frozen=True)
class Ceremony:
    decision_received_on: dt.date | None
    held_on: dt.date | None = None
    late_approved_by_upper: bool = False
    helper: Helper | None = None


@dataclass(frozen=True)
class RecognitionDossier:
    new_member_certificate: bool = False
    self_review_on: dt.date | None = None
    helper_comment: bool = False
    comments_summary: bool = False
    cell_resolution: bool = False
    grassroots_resolution_required: bool = False
    grassroots_resolution: bool = False


@dataclass(frozen=True)
class Probation:
    member_history_on: dt.date | None = None  # lý lịch đảng viên completed
    recognition_resolution_on: dt.date | None = None
    recognition_vote: CellVote | None = None
    failed_votes: int = 0  # votes reaching 2/3 neither to recognise nor to remove
    qualified: bool | None = None  # the cell's conclusion; False → propose removal
    dossier: RecognitionDossier = field(default_factory=RecognitionDossier)
    committee_vote: CommitteeVote | None = None  # the grassroots committee's vote on the proposal
    escalated_on: dt.date | None = None  # the upper committee decided after the failed votes (QĐ 29 4.2c)
    decision: Decision | None = None  # the recognition decision, or the removal decision
    official_date_recorded: dt.date | None = None


@dataclass(frozen=True)
class CardIssue:
    status: Status
    issued_on: dt.date | None = None
    decided_by_upper_committee: bool = True  # direct upper committee (or Overseas Party Committee)


class LeaveReason(StrEnum):
    """How a former member left the party (for readmission)."""

    REMOVED = "removed"  # xóa tên, other than for abandoning activity
    EXPELLED = "expelled"  # khai trừ
    ABANDONED_ACTIVITY = ReadmissionBar.ABANDONED_ACTIVITY.value
    APPLIED_TO_LEAVE = ReadmissionBar.APPLIED_TO_LEAVE.value
    SERIOUS_DISUNITY = ReadmissionBar.SERIOUS_DISUNITY.value
    CORRUPTION_CONVICTION = ReadmissionBar.CORRUPTION_CONVICTION.value
    SERIOUS_CRIME_CONVICTION = ReadmissionBar.SERIOUS_CRIME_CONVICTION.value


@dataclass(frozen=True)
class Readmission:
    left_on: dt.date
    reason: LeaveReason
    family_hardship: bool = False  # excuses APPLIED_TO_LEAVE
    less_serious_conviction: bool = False
    conviction_expunged_on: dt.date | None = None
    times_readmitted_before: int = 0
    with_probation: bool = True
    # The written agreement of the provincial standing committee (ban thường vụ tỉnh ủy,
    # thành ủy hoặc tương đương), which must come before the competent committee decides.
    provincial_consent_on: dt.date | None = None


@dataclass(frozen=True)
class CaseFacts:
    """Everything known about one admission case, step by step."""

    candidate: Candidate | None = None
    cell_review_on: dt.date | None = None
    certificate_issued_on: dt.date | None = None
    application_on: dt.date | None = None
    personal_history_on: dt.date | None = None
    history: HistoryFacts = field(default_factory=HistoryFacts)
    relatives: tuple[Relative, ...] = ()
    introduction: Introduction = field(default_factory=Introduction)
    residence_comment_on: dt.date | None = None
    organisations_summary_on: dt.date | None = None
    cell_vote: CellVote | None = None
    cell_resolution_on: dt.date | None = None
    committee_vote: CommitteeVote | None = None
    upper: UpperKind | None = None
    grassroots_authorised: bool = False
    configured_body: Body | None = None  # the body of the dated authority setting
    decision: Decision | None = None
    ceremony: Ceremony | None = None
    probation: Probation | None = None
    card: CardIssue | None = None
    readmission: Readmission | None = None
    pinned_editions: tuple[tuple[str, str], ...] = ()  # (step, edition code) stored on the case
