"""Word drafts of what the committees sign: 6-KNĐ, 8-KNĐ, 9-KNĐ and the recognition
decision, filled from the case.

They are drafts for the committee to complete and sign: anything the case does not
hold yet (a vote, a number, a date) is printed as a visible "……", never refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from docx.document import Document

from ketnap.admission.documents import layout
from ketnap.admission.documents.layout import PLACEHOLDER, Closing, Heading, text
from ketnap.admission.facts import step_rows
from ketnap.admission.models import AdmissionCase
from ketnap.admission.selectors import competent_authority, under_grassroots_committee
from ketnap.admission.steps import StepKind
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.disclosure import MASKED, Disclosure
from ketnap.people.models import Person, Position, PositionKind
from ketnap.rules.admission import cell_vote_outcome
from ketnap.rules.editions import edition_on
from ketnap.rules.facts import Body, CellVote
from ketnap.rules.probation import official_date


@dataclass(frozen=True)
class Vote:
    """A vote as the draft prints it; ``denominator`` is the count the 2/3 is taken of."""

    total: int | None = None
    present: int | None = None  # optional on the step form
    in_favour: int | None = None
    denominator: int | None = None
    away: int = 0  # introduced to temporary activity elsewhere
    exempted_absent: int = 0

    def share(self) -> str:
        if not self.denominator or self.in_favour is None:
            return PLACEHOLDER
        return f"{100 * self.in_favour / self.denominator:.1f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class Recorded:
    """One step as the drafts use it; every field may be missing."""

    on: dt.date | None = None
    number: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


def _count(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _steps(case: AdmissionCase) -> dict[StepKind, Recorded]:
    """The steps in force (neither voided nor superseded), the latest of each kind."""
    return {row.kind: Recorded(row.occurred_on, row.document_number, row.data) for row in step_rows(case)}


def _cell_vote(step: Recorded, on: dt.date) -> Vote:
    """Official members, those away or exempted and absent, and the 2/3 denominator of the rules."""
    total, in_favour = _count(step.data, "official_members"), _count(step.data, "in_favour")
    away, exempted = _count(step.data, "temporarily_away") or 0, _count(step.data, "exempted_absent") or 0
    denominator = None
    if total is not None:
        vote = CellVote(step.on or dt.date.min, total, in_favour or 0, away, exempted)
        denominator = cell_vote_outcome(vote, edition_on(step.on or on)).denominator
    return Vote(total, _count(step.data, "present"), in_favour, denominator, away, exempted)


def _committee_vote(step: Recorded) -> Vote:
    total = _count(step.data, "members_total")
    return Vote(total, _count(step.data, "present"), _count(step.data, "in_favour"), total)


def _ancestors(org: Organization) -> list[Organization]:
    """The organization's ancestors, nearest first, in one query on the path prefixes."""
    paths = org.ancestor_paths()[:-1]
    return sorted(Organization.objects.filter(path__in=paths), key=lambda a: len(a.path), reverse=True)


def _nearest(org: Organization, kinds: tuple[str, ...]) -> Organization | None:
    return next((a for a in _ancestors(org) if a.kind in kinds), None)


def _parent_name(org: Organization | None) -> str:
    parents = _ancestors(org)[:1] if org is not None else []
    return parents[0].name if parents else PLACEHOLDER


def _place(org: Organization | None) -> str:
    if org is None:
        return PLACEHOLDER
    return layout.place_of([org.name, *(a.name for a in _ancestors(org))])


def _secretary(org: Organization | None, on: dt.date) -> str:
    if org is None:
        return ""
    position = (
        Position.objects.as_of(on)
        .filter(organization=org, kind=PositionKind.SECRETARY)
        .select_related("person")
        .first()
    )
    return position.person.full_name if position is not None else ""


def _grassroots(case: AdmissionCase) -> Organization | None:
    """The grassroots committee above the cell; none for a grassroots cell (no 8-KNĐ)."""
    if not under_grassroots_committee(case.cell):
        return None
    return _nearest(case.cell, (OrgKind.GRASSROOTS_COMMITTEE,))


# From this day the district level is gone (QĐ 294): the committee above a grassroots
# organisation can no longer be guessed from the tree, so a draft without a setting leaves
# the issuer blank ("……") for the committee to fill in.
REFORM = dt.date(2025, 7, 1)


def _decider(case: AdmissionCase, on: dt.date) -> tuple[Organization | None, str]:
    """The deciding committee and its body; without a setting, before 01/7/2025 the direct
    upper committee of the grassroots organisation through its standing committee (QĐ 29
    4.3.2 b), from then on none (the rules report ``authority.not_configured``)."""
    setting = competent_authority(case.cell, on)
    organization = getattr(setting, "deciding_organization", None)
    if organization is not None:
        return organization, str(getattr(setting, "body", "") or Body.UPPER_STANDING_COMMITTEE)
    if on >= REFORM:
        return None, Body.UPPER_STANDING_COMMITTEE
    fallback = _nearest(case.cell, (OrgKind.UPPER, OrgKind.PROVINCIAL)) or _nearest(
        case.cell, (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.PARTIAL_COMMITTEE)
    )
    return fallback, Body.UPPER_STANDING_COMMITTEE


def _acting_body(committee: str, body: str) -> tuple[str, str]:
    """('Ban Thường vụ Huyện ủy Mường Lát', 'T/M BAN THƯỜNG VỤ') for the body that decides."""
    if body == Body.GRASSROOTS_COMMITTEE:
        return committee, "T/M ĐẢNG ỦY"
    return f"Ban Thường vụ {committee}", "T/M BAN THƯỜNG VỤ"


def _residence(person: Person) -> str:
    """Where the person lives: as written on the record, else the village, hamlet or
    residential group recorded, with its commune."""
    if person.residence:
        return person.residence
    locality = person.residence_locality
    if locality is None:
        return PLACEHOLDER
    return f"{locality.get_kind_display()} {locality.name}, {layout.committee_place(locality.commune.name)}"


def _particulars(case: AdmissionCase, disclosure: Disclosure) -> list[tuple[str, str]]:
    """The candidate's particulars; ethnicity and religion as ``disclosure`` allows."""
    person = case.person
    ethnicity, religion = disclosure.field(person, "ethnicity"), disclosure.field(person, "religion")
    return [
        ("Họ và tên", f"{person.full_name}; giới tính: {person.get_gender_display()}"),
        ("Sinh ngày", text(person.birth_date)),
        ("Quê quán", text(person.hometown)),
        ("Nơi cư trú", _residence(person)),
        ("Dân tộc", f"{ethnicity}; tôn giáo: {religion}"),
        ("Trình độ học vấn", str(person.get_education_display())),
        ("Nghề nghiệp", str(person.get_occupation_display())),
    ]


_UNION_BODIES = {"youth_union": "Ban Chấp hành Đoàn cơ sở", "trade_union": "Ban Chấp hành Công đoàn cơ sở"}


def _introducers(case: AdmissionCase, on: dt.date, union: Recorded | None = None) -> str:
    """Who introduces the candidate on ``on`` (the day of the resolution): the members,
    those replaced before it giving way to their replacement, and the Youth Union's or
    trade union's executive committee when its resolution (4-KNĐ) is recorded; nobody
    recorded is a blank."""
    names = [
        f"đồng chí {i.member.full_name}"
        for i in case.introducers.select_related("member").order_by("introduced_on", "id")
        if i.withdrawn_on is None or i.withdrawn_on > on
    ]
    if union is not None:
        body = _UNION_BODIES.get(str(union.data.get("organisation") or "youth_union"), _UNION_BODIES["youth_union"])
        names.insert(0, f"{body} (Nghị quyết số {union.number or PLACEHOLDER}, {layout.date_words(union.on)})")
    return " và ".join(names) if names else f"đồng chí {PLACEHOLDER}"


def _ref(recorded: Recorded, kind: str, symbol: str) -> str:
    return f"{layout.document_number(recorded.number, kind, symbol)}, {layout.date_words(recorded.on)}"


def _committee_line(vote: Vote) -> str:
    absent = vote.total - vote.present if vote.total is not None and vote.present is not None else None
    return (
        f"Tổng số cấp ủy viên: {text(vote.total)} đồng chí; có mặt: {text(vote.present)} đồng chí; "
        f"vắng mặt: {text(absent)} đồng chí."
    )


def _members_line(vote: Vote) -> str:
    absent = vote.total - vote.present if vote.total is not None and vote.present is not None else None
    line = (
        f"Tổng số đảng viên chính thức: {text(vote.total)} đồng chí; có mặt: {text(vote.present)} đồng chí; "
        f"vắng mặt: {text(absent)} đồng chí."
    )
    if vote.away or vote.exempted_absent:
        line += (
            f" Không tính vào số biểu quyết: {vote.away} đồng chí giới thiệu sinh hoạt tạm thời nơi khác, "
            f"{vote.exempted_absent} đồng chí miễn sinh hoạt vắng mặt."
        )
    return line


def cell_resolution_docx(case: AdmissionCase, on: dt.date, disclosure: Disclosure = MASKED) -> bytes:
    """Mẫu 6-KNĐ: the cell's resolution proposing admission."""
    with translation.override("vi"):
        cell, step = case.cell, _steps(case).get(StepKind.CELL_RESOLUTION, Recorded())
        vote, name, upper = _cell_vote(step, on), case.person.full_name, layout.committee_name(_parent_name(cell))
        doc = layout.document()
        number = layout.document_number(step.number, "NQ", "CB")
        layout.heading(doc, Heading(_parent_name(cell), cell.name, number, _place(cell), step.on or on))
        layout.title(doc, "Nghị quyết", "Đề nghị kết nạp đảng viên")
        layout.body(doc, f"Ngày {text(step.on)}, {cell.name} đã họp xét đề nghị kết nạp quần chúng {name} vào Đảng.")
        layout.body(doc, _members_line(vote))
        layout.body(doc, "Sau khi xem xét hồ sơ, chi bộ nhận xét về quần chúng:")
        for label, value in _particulars(case, disclosure):
            layout.body(doc, value, label=f"{label}:", indent=False)
        union = _steps(case).get(StepKind.UNION_INTRODUCTION)
        layout.body(doc, f"Người giới thiệu: {_introducers(case, step.on or on, union)}.")
        layout.body(doc, f"Ưu điểm: {PLACEHOLDER}")
        layout.body(doc, f"Khuyết điểm: {PLACEHOLDER}")
        layout.body(
            doc,
            f"Số đảng viên chính thức tán thành kết nạp: {text(vote.in_favour)}/{text(vote.denominator)} đồng chí "
            f"(đạt {vote.share()}).",
        )
        layout.body(
            doc,
            f"Chi bộ đề nghị {upper} xem xét, đề nghị cấp có thẩm quyền quyết định kết nạp quần chúng "
            f"{name} vào Đảng Cộng sản Việt Nam.",
        )
        signer = _secretary(cell, step.on or on)
        layout.closing(doc, Closing([f"- {upper},", "- Lưu chi bộ."], "T/M CHI BỘ", "BÍ THƯ", signer))
        return layout.to_bytes(doc)


def committee_resolution_docx(case: AdmissionCase, on: dt.date, disclosure: Disclosure = MASKED) -> bytes:
    """Mẫu 8-KNĐ: the grassroots committee's resolution proposing admission."""
    with translation.override("vi"):
        grassroots, steps = _grassroots(case), _steps(case)
        committee = layout.committee_name(grassroots.name) if grassroots else PLACEHOLDER
        step = steps.get(StepKind.GRASSROOTS_RESOLUTION, Recorded())
        cell_step = steps.get(StepKind.CELL_RESOLUTION, Recorded())
        decider, body = _decider(case, on)
        acting, _ = _acting_body(layout.committee_name(decider.name) if decider else PLACEHOLDER, body)
        vote, name = _committee_vote(step), case.person.full_name
        doc = layout.document()
        number = layout.document_number(step.number, "NQ", "ĐU")
        layout.heading(doc, Heading(_parent_name(grassroots), committee, number, _place(grassroots), step.on or on))
        layout.title(doc, "Nghị quyết", "Đề nghị kết nạp đảng viên")
        layout.body(
            doc,
            f"Ngày {text(step.on)}, {committee} đã họp xét đề nghị kết nạp đảng viên của {case.cell.name} "
            f"({_ref(cell_step, 'NQ', 'CB')}) đối với quần chúng {name}.",
        )
        layout.body(doc, _committee_line(vote))
        for label, value in _particulars(case, disclosure):
            layout.body(doc, value, label=f"{label}:", indent=False)
        introducers = _introducers(case, cell_step.on or step.on or on, steps.get(StepKind.UNION_INTRODUCTION))
        layout.body(doc, f"Người giới thiệu: {introducers}.")
        layout.body(
            doc,
            f"Số cấp ủy viên tán thành kết nạp: {text(vote.in_favour)}/{text(vote.total)} đồng chí "
            f"(đạt {vote.share()}).",
        )
        layout.body(doc, f"{committee} đề nghị {acting} xem xét, quyết định kết nạp quần chúng {name} vào Đảng.")
        recipients = [f"- {acting},", f"- {case.cell.name},", "- Lưu Đảng ủy."]
        layout.closing(doc, Closing(recipients, "T/M ĐẢNG ỦY", "BÍ THƯ", _secretary(grassroots, step.on or on)))
        return layout.to_bytes(doc)


def _decision_frame(case: AdmissionCase, on: dt.date, step: Recorded, subject: str) -> tuple[Document, str, Closing]:
    """Heading, title and grounds of a decision of the competent committee; returns the
    document, the committee's name and its closing block."""
    decider, body = _decider(case, step.on or on)  # who decides on the decision's own date
    committee = layout.committee_name(decider.name) if decider else PLACEHOLDER
    acting, on_behalf = _acting_body(committee, body)
    doc = layout.document()
    number = layout.document_number(step.number, "QĐ", layout.committee_symbol(committee))
    layout.heading(doc, Heading(_parent_name(decider), committee, number, _place(decider), step.on or on))
    layout.title(doc, "Quyết định", subject)
    layout.centred(doc, acting.upper())
    edition = edition_on(step.on or on)
    layout.body(doc, "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", indent=True)
    layout.body(doc, f"Căn cứ {edition.title.split(';')[0]};")
    signer = _secretary(decider, step.on or on)
    closing = Closing(["- Như Điều 3,", "- Lưu Văn phòng."], on_behalf, "BÍ THƯ", signer)
    return doc, committee, closing


def admission_decision_docx(case: AdmissionCase, on: dt.date, disclosure: Disclosure = MASKED) -> bytes:
    """Mẫu 9-KNĐ: the competent committee's decision to admit."""
    with translation.override("vi"):
        steps, grassroots, person = _steps(case), _grassroots(case), case.person
        step = steps.get(StepKind.DECISION, Recorded())
        doc, committee, closing = _decision_frame(case, on, step, "Kết nạp đảng viên")
        proposer = layout.committee_name(grassroots.name) if grassroots else case.cell.name
        proposal = steps.get(StepKind.GRASSROOTS_RESOLUTION if grassroots else StepKind.CELL_RESOLUTION, Recorded())
        layout.body(doc, f"Xét đề nghị của {proposer} ({_ref(proposal, 'NQ', 'ĐU' if grassroots else 'CB')}),")
        layout.centred(doc, "QUYẾT ĐỊNH")
        layout.body(
            doc,
            f"Kết nạp quần chúng {person.full_name}, sinh ngày {text(person.birth_date)}, "
            f"quê quán: {text(person.hometown)}, nơi cư trú: {_residence(person)}, "
            f"vào Đảng Cộng sản Việt Nam.",
            label="Điều 1.",
        )
        days = edition_on(step.on or on).parameters.ceremony_working_days
        layout.body(
            doc,
            f"{case.cell.name} tổ chức lễ kết nạp cho đồng chí {person.full_name} trong thời hạn {days} ngày "
            f"làm việc kể từ ngày nhận được quyết định này và phân công đảng viên chính thức giúp đỡ. "
            f"Thời gian dự bị là 12 tháng, tính từ ngày tổ chức lễ kết nạp.",
            label="Điều 2.",
        )
        layout.body(
            doc,
            f"Ban Tổ chức {committee}, {proposer}, {case.cell.name} và đồng chí {person.full_name} "
            f"chịu trách nhiệm thi hành Quyết định này.",
            label="Điều 3.",
        )
        layout.closing(doc, closing)
        return layout.to_bytes(doc)


def _official_date(decision: Recorded, ceremony: Recorded) -> dt.date | None:
    """The date recorded on the decision, else ceremony + 12 months (QĐ 29 4.2b)."""
    recorded = decision.data.get("official_date")
    if isinstance(recorded, str) and recorded:
        try:
            return dt.date.fromisoformat(recorded)
        except ValueError:
            pass
    return official_date(ceremony.on, edition_on(ceremony.on)) if ceremony.on else None


def recognition_decision_docx(case: AdmissionCase, on: dt.date, disclosure: Disclosure = MASKED) -> bytes:
    """The competent committee's decision recognising a probationary member as official:
    official from the ceremony date plus 12 months, whatever the delays (QĐ 29 4.2b)."""
    with translation.override("vi"):
        steps, grassroots, person = _steps(case), _grassroots(case), case.person
        step, ceremony = steps.get(StepKind.RECOGNITION_DECISION, Recorded()), steps.get(StepKind.CEREMONY, Recorded())
        admission = steps.get(StepKind.DECISION, Recorded())
        doc, committee, closing = _decision_frame(case, on, step, "Công nhận đảng viên chính thức")
        if grassroots is not None:
            proposer = layout.committee_name(grassroots.name)
            proposal = _ref(steps.get(StepKind.RECOGNITION_GRASSROOTS_RESOLUTION, Recorded()), "NQ", "ĐU")
        else:
            proposer, proposal = (
                case.cell.name,
                _ref(steps.get(StepKind.RECOGNITION_RESOLUTION, Recorded()), "NQ", "CB"),
            )
        layout.body(doc, f"Xét đề nghị của {proposer} ({proposal}),")
        layout.centred(doc, "QUYẾT ĐỊNH")
        layout.body(
            doc,
            f"Công nhận đồng chí {person.full_name}, sinh ngày {text(person.birth_date)}, quê quán: "
            f"{text(person.hometown)}, kết nạp vào Đảng ngày {text(ceremony.on)}, là đảng viên chính thức "
            f"kể từ ngày {text(_official_date(step, ceremony))}.",
            label="Điều 1.",
        )
        # Charter art. 5.4: party age counts from the date written in the admission decision.
        number = layout.document_number(admission.number, "QĐ", layout.committee_symbol(committee))
        layout.body(
            doc,
            f"Tuổi đảng của đồng chí {person.full_name} được tính từ ngày {text(admission.on)}, ngày ghi trong "
            f"quyết định kết nạp ({number}).",
            label="Điều 2.",
        )
        layout.body(
            doc,
            f"Ban Tổ chức {committee}, {', '.join(filter(None, [proposer if grassroots else '', case.cell.name]))} "
            f"và đồng chí {person.full_name} chịu trách nhiệm thi hành Quyết định này.",
            label="Điều 3.",
        )
        layout.closing(doc, closing)
        return layout.to_bytes(doc)
