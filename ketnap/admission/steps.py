"""The catalogue of admission steps: order, stage, the rules checked before each.

One table read by the services, the forms, the pages, the API and the documents,
so the procedure is described once (domain §4–§5). ``checks`` names the step of
``ketnap.rules.check`` whose findings must be clear before the step is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ketnap.rules import Step as RuleStep


class Stage(models.TextChoices):
    """Columns of the candidate board, in procedure order."""

    DOSSIER = "dossier", _("Hoàn thiện hồ sơ")
    CELL = "cell", _("Chi bộ xét")
    COMMITTEE = "committee", _("Đảng ủy xét")
    DECISION = "decision", _("Chờ quyết định")
    CEREMONY = "ceremony", _("Chờ lễ kết nạp")
    PROBATION = "probation", _("Dự bị")
    RECOGNITION = "recognition", _("Xét chuyển chính thức")
    CARD = "card", _("Phát thẻ")
    CLOSED = "closed", _("Đã kết thúc")


class StepKind(StrEnum):
    APPLICATION = "application"
    PERSONAL_HISTORY = "personal_history"
    HISTORY_STAMPED = "history_stamped"
    VERIFICATION_CONCLUDED = "verification_concluded"
    HISTORY_CERTIFIED = "history_certified"
    INTRODUCTION = "introduction"
    UNION_INTRODUCTION = "union_introduction"
    ORGANISATION_COMMENTS = "organisation_comments"
    RESIDENCE_COMMENT = "residence_comment"
    COMMENTS_SUMMARY = "comments_summary"
    CELL_RESOLUTION = "cell_resolution"
    SUBCOMMITTEE_APPRAISAL = "subcommittee_appraisal"
    GRASSROOTS_RESOLUTION = "grassroots_resolution"
    DECISION_EXTENSION = "decision_extension"
    DECISION = "decision"
    DECISION_RECEIVED = "decision_received"
    CEREMONY = "ceremony"
    NEW_MEMBER_CLASS = "new_member_class"
    MEMBER_HISTORY = "member_history"
    SELF_REVIEW = "self_review"
    HELPER_COMMENT = "helper_comment"
    PROBATION_COMMENTS = "probation_comments"
    RECOGNITION_RESOLUTION = "recognition_resolution"
    RECOGNITION_GRASSROOTS_RESOLUTION = "recognition_grassroots_resolution"
    ESCALATION = "escalation"
    RECOGNITION_DECISION = "recognition_decision"
    REMOVAL_DECISION = "removal_decision"
    PARTY_CARD = "party_card"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class StepSpec:
    kind: StepKind
    label: Promise
    stage: Stage
    form: str  # the form code of HD 12-HD/BTCTW 2022 / HD 09 2017 where one exists
    checks: RuleStep | None = None
    needs_document: bool = False  # a numbered resolution or decision
    closes: bool = False
    optional: bool = False
    repeatable: bool = False  # several of them belong in one dossier (two introducers' letters…)


_S = StepSpec
CATALOGUE: tuple[StepSpec, ...] = (
    _S(StepKind.APPLICATION, _("Đơn xin vào Đảng"), Stage.DOSSIER, "1-KNĐ"),
    _S(StepKind.PERSONAL_HISTORY, _("Lý lịch của người xin vào Đảng"), Stage.DOSSIER, "2-KNĐ"),
    _S(StepKind.HISTORY_STAMPED, _("Đóng dấu giáp lai lý lịch, gửi thẩm tra"), Stage.DOSSIER, ""),
    _S(StepKind.VERIFICATION_CONCLUDED, _("Kết luận thẩm tra lý lịch"), Stage.DOSSIER, ""),
    _S(StepKind.HISTORY_CERTIFIED, _("Chứng nhận lý lịch"), Stage.DOSSIER, "2-KNĐ"),
    _S(StepKind.INTRODUCTION, _("Giấy giới thiệu người vào Đảng"), Stage.DOSSIER, "3-KNĐ", repeatable=True),
    _S(
        StepKind.UNION_INTRODUCTION,
        _("Nghị quyết giới thiệu của Đoàn, Công đoàn"),
        Stage.DOSSIER,
        "4-KNĐ",
        optional=True,
        needs_document=True,
    ),
    _S(
        StepKind.ORGANISATION_COMMENTS,
        _("Nhận xét của đoàn thể chính trị - xã hội"),
        Stage.DOSSIER,
        "5-KNĐ",
        repeatable=True,
    ),
    _S(StepKind.RESIDENCE_COMMENT, _("Nhận xét của chi ủy nơi cư trú"), Stage.DOSSIER, "5-KNĐ"),
    _S(StepKind.COMMENTS_SUMMARY, _("Tổng hợp ý kiến nhận xét"), Stage.DOSSIER, "5-KNĐ"),
    _S(
        StepKind.CELL_RESOLUTION,
        _("Nghị quyết chi bộ đề nghị kết nạp"),
        Stage.CELL,
        "6-KNĐ",
        RuleStep.CELL_REVIEW,
        True,
    ),
    _S(
        StepKind.SUBCOMMITTEE_APPRAISAL,
        _("Báo cáo thẩm định của đảng ủy bộ phận"),
        Stage.COMMITTEE,
        "7-KNĐ",
        optional=True,
        needs_document=True,
    ),
    _S(
        StepKind.GRASSROOTS_RESOLUTION,
        _("Nghị quyết đảng ủy cơ sở đề nghị kết nạp"),
        Stage.COMMITTEE,
        "8-KNĐ",
        RuleStep.GRASSROOTS_REVIEW,
        True,
        optional=True,
    ),
    _S(
        StepKind.DECISION_EXTENSION,
        _("Cấp ủy có thẩm quyền gia hạn thời hạn ra quyết định"),
        Stage.DECISION,
        "",
        optional=True,
        needs_document=True,
        repeatable=True,  # once before the admission decision, once before the recognition decision
    ),
    _S(StepKind.DECISION, _("Quyết định kết nạp đảng viên"), Stage.DECISION, "9-KNĐ", RuleStep.DECISION, True),
    _S(StepKind.DECISION_RECEIVED, _("Chi bộ nhận quyết định kết nạp"), Stage.CEREMONY, ""),
    _S(StepKind.CEREMONY, _("Lễ kết nạp, phân công đảng viên giúp đỡ"), Stage.CEREMONY, "", RuleStep.CEREMONY),
    _S(StepKind.NEW_MEMBER_CLASS, _("Giấy chứng nhận lớp bồi dưỡng đảng viên mới"), Stage.PROBATION, ""),
    _S(StepKind.MEMBER_HISTORY, _("Lý lịch đảng viên, phiếu đảng viên"), Stage.PROBATION, "", RuleStep.PROBATION),
    _S(StepKind.SELF_REVIEW, _("Bản tự kiểm điểm của đảng viên dự bị"), Stage.RECOGNITION, "10-KNĐ"),
    _S(StepKind.HELPER_COMMENT, _("Nhận xét của đảng viên giúp đỡ"), Stage.RECOGNITION, "11-KNĐ"),
    _S(StepKind.PROBATION_COMMENTS, _("Tổng hợp nhận xét của đoàn thể và nơi cư trú"), Stage.RECOGNITION, "12-KNĐ"),
    _S(
        StepKind.RECOGNITION_RESOLUTION,
        _("Nghị quyết chi bộ đề nghị công nhận chính thức"),
        Stage.RECOGNITION,
        "13-KNĐ",
        RuleStep.RECOGNITION_REVIEW,
        True,
        # Each vote is recorded; three that reach 2/3 neither way go up (QĐ 29 4.2c).
        repeatable=True,
    ),
    _S(
        StepKind.RECOGNITION_GRASSROOTS_RESOLUTION,
        _("Nghị quyết đảng ủy cơ sở đề nghị công nhận"),
        Stage.RECOGNITION,
        "15-KNĐ",
        RuleStep.RECOGNITION_GRASSROOTS_REVIEW,
        True,
        optional=True,
    ),
    _S(
        StepKind.ESCALATION,
        _("Báo cáo cấp ủy cấp trên quyết định sau 3 lần biểu quyết không đạt"),
        Stage.RECOGNITION,
        "",
        optional=True,
        needs_document=True,
    ),
    _S(
        StepKind.RECOGNITION_DECISION,
        _("Quyết định công nhận đảng viên chính thức"),
        Stage.CARD,
        "",
        RuleStep.RECOGNITION_DECISION,
        True,
    ),
    _S(
        StepKind.REMOVAL_DECISION,
        _("Quyết định xóa tên trong danh sách đảng viên dự bị"),
        Stage.CLOSED,
        "",
        RuleStep.REMOVAL_DECISION,
        True,
        closes=True,
    ),
    _S(StepKind.PARTY_CARD, _("Phát thẻ đảng viên"), Stage.CLOSED, "", RuleStep.CARD, True, closes=True),
    _S(StepKind.WITHDRAWN, _("Dừng xem xét kết nạp"), Stage.CLOSED, "", closes=True),
)

SPECS: dict[StepKind, StepSpec] = {spec.kind: spec for spec in CATALOGUE}
ORDER: dict[StepKind, int] = {spec.kind: index for index, spec in enumerate(CATALOGUE)}


def spec(kind: str | StepKind) -> StepSpec:
    return SPECS[StepKind(kind)]


K = StepKind
# What must already be on record before a step (legal order, not the rules' findings:
# a missing certificate is a finding an approver may override; a ceremony without a
# decision is impossible). The grassroots resolutions are required only for a cell under
# a grassroots committee (see ``requirements``).
REQUIRES: dict[StepKind, tuple[StepKind, ...]] = {
    K.HISTORY_STAMPED: (K.PERSONAL_HISTORY,),
    K.VERIFICATION_CONCLUDED: (K.HISTORY_STAMPED,),
    # The grassroots committee certifies the history only after verification (HD 01 3.3).
    K.HISTORY_CERTIFIED: (K.VERIFICATION_CONCLUDED,),
    K.CELL_RESOLUTION: (K.APPLICATION, K.PERSONAL_HISTORY),
    K.SUBCOMMITTEE_APPRAISAL: (K.CELL_RESOLUTION,),
    K.GRASSROOTS_RESOLUTION: (K.CELL_RESOLUTION,),
    K.DECISION_EXTENSION: (K.CELL_RESOLUTION,),
    K.DECISION: (K.CELL_RESOLUTION,),
    K.DECISION_RECEIVED: (K.DECISION,),
    K.CEREMONY: (K.DECISION,),
    K.NEW_MEMBER_CLASS: (K.CEREMONY,),
    K.MEMBER_HISTORY: (K.CEREMONY,),
    K.SELF_REVIEW: (K.CEREMONY,),
    K.HELPER_COMMENT: (K.CEREMONY,),
    K.PROBATION_COMMENTS: (K.CEREMONY,),
    K.RECOGNITION_RESOLUTION: (K.CEREMONY,),
    K.RECOGNITION_GRASSROOTS_RESOLUTION: (K.RECOGNITION_RESOLUTION,),
    K.ESCALATION: (K.RECOGNITION_RESOLUTION,),
    K.RECOGNITION_DECISION: (K.RECOGNITION_RESOLUTION,),
    K.REMOVAL_DECISION: (K.RECOGNITION_RESOLUTION,),
    K.PARTY_CARD: (K.RECOGNITION_DECISION,),
}
# Needed before the step only where the cell sits under a grassroots committee.
REQUIRES_UNDER_COMMITTEE: dict[StepKind, tuple[StepKind, ...]] = {
    K.DECISION: (K.GRASSROOTS_RESOLUTION,),
    K.RECOGNITION_DECISION: (K.RECOGNITION_GRASSROOTS_RESOLUTION,),
    K.REMOVAL_DECISION: (K.RECOGNITION_GRASSROOTS_RESOLUTION,),
}
# Steps that can no longer be recorded once any of the given steps is on record.
# The dossier is what the cell reviews: once the cell has resolved, it is closed (a
# mistake in it is a correction of the step). A case stops being considered only before
# the decision; afterwards it ends by recognition or removal (Charter art. 5). The cell
# votes on recognition again only until the decision, or until three failed votes went up
# to the upper committee (QĐ 29 4.2c).
NOT_AFTER: dict[StepKind, tuple[StepKind, ...]] = {
    **{s.kind: (K.CELL_RESOLUTION,) for s in CATALOGUE if s.stage is Stage.DOSSIER},
    K.WITHDRAWN: (K.DECISION,),
    K.RECOGNITION_RESOLUTION: (K.ESCALATION, K.RECOGNITION_DECISION, K.REMOVAL_DECISION),
    K.RECOGNITION_GRASSROOTS_RESOLUTION: (K.ESCALATION, K.RECOGNITION_DECISION, K.REMOVAL_DECISION),
    K.ESCALATION: (K.RECOGNITION_DECISION, K.REMOVAL_DECISION),
}


def requirements(kind: str | StepKind, *, under_committee: bool, escalated: bool = False) -> tuple[StepKind, ...]:
    """The steps that must be on record before ``kind``. After an escalation the upper
    committee decides on the cell's report, without a grassroots resolution (QĐ 29 4.2c)."""
    kind = StepKind(kind)
    waived = escalated and kind in (K.RECOGNITION_DECISION, K.REMOVAL_DECISION)
    extra = REQUIRES_UNDER_COMMITTEE.get(kind, ()) if under_committee and not waived else ()
    return REQUIRES.get(kind, ()) + extra


def dossier_kinds() -> tuple[StepKind, ...]:
    """The steps that make the admission dossier complete before the cell reviews it."""
    return tuple(s.kind for s in CATALOGUE if s.stage is Stage.DOSSIER and not s.optional)
