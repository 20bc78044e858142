"""Writes of the admission procedure: opening a case, recording, correcting and voiding
its steps, and the records the rules read (relatives, verification, introducers,
certificates, the competent authority).

Each step is one service that locks the case row, checks the step is legal now (its
place in the procedure, then every rule of ``ketnap.rules`` for it), writes, audits in
the same transaction and refreshes the derived ``stage``/``due_on``. Pages, the API,
the admin and commands all call these functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.admission.calendar import working_calendar
from ketnap.admission.errors import OverrideNotAllowed, StaleCase, StepBlocked, StepOutOfOrder
from ketnap.admission.facts import (
    DATA_CHOICES,
    DATA_KEYS,
    DATA_TYPES,
    DataType,
    StepRow,
    case_facts,
    step_rows,
    with_step,
)
from ketnap.admission.models import (
    AdmissionCase,
    AuthoritySetting,
    AwarenessCertificate,
    CaseKind,
    CaseStep,
    HelperAssignment,
    HelperPurpose,
    HelpingCell,
    Introducer,
    Outcome,
    Relative,
    VerificationRequest,
)
from ketnap.admission.selectors import (
    case_findings,
    effective_kinds,
    finding_record,
    next_due,
    order_problem,
    person_placed_in,
    stage_of,
    under_grassroots_committee,
)
from ketnap.admission.steps import Stage, StepKind, requirements, spec
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import close_open, end_on
from ketnap.core.errors import TransitionNotAllowed, ValidationFailed
from ketnap.core.limits import STEP_REASON_MAX_LENGTH
from ketnap.core.policy import Action
from ketnap.lib.dates import DateInputError, parse_date
from ketnap.organizations.models import LocalityCell, Organization
from ketnap.people.models import MembershipEvent, Person, StatusPeriod
from ketnap.people.services import event_record
from ketnap.people.status import EventKind
from ketnap.rules import Citation, Finding, Severity, check, edition_for_step
from ketnap.rules.editions import edition_on
from ketnap.rules.facts import Basis, Body, Relation, UpperKind
from ketnap.rules.probation import official_date

K = StepKind
CASE_FLAGS = frozenset(
    {
        "village_elder",
        "fisherman_at_sea",
        "health_and_prestige",
        "base_condition",
        "over_60_approved_on",
        "youth_union_organisation_exists",
    }
)
# Steps whose document carries a vote: the rules cannot judge the resolution without it.
VOTE_KEYS: dict[StepKind, tuple[str, ...]] = {
    K.CELL_RESOLUTION: ("official_members", "in_favour"),
    K.RECOGNITION_RESOLUTION: ("official_members", "in_favour"),
    K.GRASSROOTS_RESOLUTION: ("members_total", "in_favour"),
    # Rule 10 holds for the recognition proposal as for admission (QĐ 29 4.2c).
    K.RECOGNITION_GRASSROOTS_RESOLUTION: ("members_total", "in_favour"),
}
# Steps that cannot be recorded without these keys (what the step is about).
REQUIRED_KEYS: dict[StepKind, tuple[str, ...]] = {
    K.ESCALATION: ("decision",),
    K.DECISION_EXTENSION: ("extension_working_days", "extension_reason"),
}
_CLOSING_OUTCOME = {
    K.PARTY_CARD: Outcome.RECOGNIZED,
    K.REMOVAL_DECISION: Outcome.REMOVED,
    K.WITHDRAWN: Outcome.WITHDRAWN,
}


# --- Small helpers --------------------------------------------------------------------------


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise ValidationFailed(error.message_dict) from error


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _locked_case(case: AdmissionCase) -> AdmissionCase:
    # of=("self",): the person's locality is an outer join PostgreSQL cannot lock.
    return (
        AdmissionCase.objects.select_for_update(of=("self",))
        .select_related("person", "person__residence_locality", "cell")
        .get(pk=case.pk)
    )


def _not_in_future(day: dt.date, field: str = "occurred_on") -> None:
    if day > policy.today():
        raise ValidationFailed({field: [_("Ngày không được ở tương lai.")]})


# --- Opening a case -------------------------------------------------------------------------


def serving_cell(person: Person, on: dt.date) -> Organization | None:
    """The cell that files the admission for ``person``: the cell serving their village,
    or, for a village with no member or no cell, the cell assigned to help it
    (QĐ 24-QĐ/TW 3.4)."""
    locality = person.residence_locality
    if locality is None:
        return None
    served: LocalityCell | None = (
        LocalityCell.objects.as_of(on).filter(locality=locality).select_related("cell").first()
    )
    served_cell: Organization | None = served.cell if served else None
    if served_cell is not None and StatusPeriod.objects.members().as_of(on).filter(organization=served_cell).exists():
        return served_cell
    helping: HelpingCell | None = HelpingCell.objects.as_of(on).filter(locality=locality).select_related("cell").first()
    helping_cell: Organization | None = helping.cell if helping else None
    return helping_cell or served_cell


@transaction.atomic
def case_open(
    *,
    actor: Any,
    person: Person,
    opened_on: dt.date,
    cell: Organization | None = None,
    kind: str = CaseKind.ADMISSION,
    **flags: Any,
) -> AdmissionCase:
    """Open the admission case of ``person`` in ``cell`` (by default the cell serving, or
    assigned to help, the person's village). One open case per person is a database rule."""
    unknown = set(flags) - CASE_FLAGS
    if unknown:
        raise ValidationFailed({name: [_("Trường không hợp lệ.")] for name in sorted(unknown)})
    cell = cell or serving_cell(person, opened_on)
    if cell is None:
        raise ValidationFailed({"cell": [_("Cần chọn chi bộ xem xét kết nạp.")]})
    policy.require(actor, Action.EDIT, cell)
    policy.require(actor, Action.VIEW, person)
    if not cell.is_cell or not cell.is_valid_on(opened_on):
        raise ValidationFailed({"cell": [_("Chỉ chi bộ đang hoạt động vào ngày mở hồ sơ mới xem xét kết nạp.")]})
    _not_in_future(opened_on, "opened_on")
    require_placed_in(person, cell, opened_on)
    if kind == CaseKind.ADMISSION and StatusPeriod.objects.members().as_of(opened_on).filter(person=person).exists():
        raise ValidationFailed({"person": [_("Người này đang là đảng viên.")]})
    case = AdmissionCase(person=person, cell=cell, kind=kind, opened_on=opened_on, created_by=_user(actor), **flags)
    _validated(case, exclude=["created_by"])
    _save_open_case(case)
    audit_log(actor=actor, action="case.open", obj=case, after=snapshot(case), organization_path=cell.path)
    return case_refresh(case, opened_on)


def require_placed_in(person: Person, cell: Organization, on: dt.date) -> None:
    """A case (or a source entry) is read by those who see its cell: it must not carry
    someone from elsewhere."""
    if not person_placed_in(person, cell, on):
        message = _("Người này không thuộc %(cell)s vào ngày mở hồ sơ và không được chuyển đến đó.")
        raise ValidationFailed({"person": [message % {"cell": cell.name}]})


def _save_open_case(case: AdmissionCase) -> None:
    """Save, mapping the one-open-case constraint to a plain message. The savepoint keeps
    the outer transaction usable after the database refuses the row."""
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:
        if AdmissionCase.objects.filter(person=case.person_id, closed_on__isnull=True).exclude(pk=case.pk).exists():
            raise ValidationFailed(
                {"person": [_("Người này đã có một hồ sơ kết nạp đang xem xét; mỗi người chỉ có một hồ sơ mở.")]}
            ) from error
        raise


# --- Judging a step -------------------------------------------------------------------------


def _judge(case: AdmissionCase, kind: StepKind, rows: list[StepRow], on: dt.date) -> tuple[list[Finding], str]:
    """The findings of the rules checked before ``kind``, with ``rows`` as the steps, and
    the edition code to pin for it."""
    item = spec(kind)
    occurred_on = next(r.occurred_on for r in reversed(rows) if r.kind is kind)
    if item.checks is None:
        return [], edition_on(occurred_on).code
    facts = case_facts(case, on, steps=rows)
    # The step is being (re)judged: its old pin must not raise a mismatch against itself.
    facts = replace(facts, pinned_editions=tuple(p for p in facts.pinned_editions if p[0] != item.checks.value))
    findings = check(item.checks, facts, on, working_calendar())
    return findings, edition_for_step(item.checks, facts, on).code


def _prepared_data(case: AdmissionCase, kind: StepKind, data: Mapping[str, Any] | None) -> dict[str, Any]:
    prepared = dict(data or {})
    if kind is K.RECOGNITION_DECISION and "official_date" not in prepared:
        ceremony = next((r for r in step_rows(case) if r.kind is K.CEREMONY), None)
        if ceremony is not None:
            # Rule 19: official exactly 12 months after the ceremony, whatever the delays.
            prepared["official_date"] = official_date(
                ceremony.occurred_on, edition_on(ceremony.occurred_on)
            ).isoformat()
    return prepared


def case_check(
    *,
    case: AdmissionCase,
    kind: str,
    occurred_on: dt.date,
    data: Mapping[str, Any] | None = None,
    document_number: str = "",
) -> list[Finding]:
    """The findings recording ``kind`` now would produce; writes nothing (forms show these
    before saving)."""
    kind = StepKind(kind)
    prepared = _prepared_data(case, kind, data)
    current = step_rows(case)
    found, _fields = _refusal(lambda: _check_order(case, kind, occurred_on, current), "step.out_of_order", occurred_on)
    invalid, fields = _refusal(lambda: _check_data(kind, document_number, prepared), "step.invalid_data", occurred_on)
    if any(field.removeprefix("data.") in prepared for field in fields):
        return found + invalid  # data of the wrong shape (an unknown key, a wrong type) cannot be judged
    row = StepRow(kind, occurred_on, prepared, document_number)
    findings, _edition = _judge(case, kind, with_step(current, row), policy.today())
    return found + invalid + findings


def _refusal(attempt: Callable[[], None], code: str, occurred_on: dt.date) -> tuple[list[Finding], set[str]]:
    """What recording would refuse, as one blocking finding, so the preview and the save
    agree, with the fields it names. Not a rule of the regulations: the procedure's order
    (the guidance's sequence of steps), the dates on record and the shape of the step's
    data; the message is already in the reader's language."""
    try:
        attempt()
    except (StepOutOfOrder, ValidationFailed) as error:
        fields = error.errors if isinstance(error, ValidationFailed) else {error.field or "kind": [error.message]}
        message = " ".join(str(m) for messages in fields.values() for m in messages) or str(error.message)
        edition = edition_on(occurred_on)
        citation = Citation(edition.guidance, "trình tự các bước kết nạp đảng viên", "C")
        return [Finding(code, Severity.BLOCKING, message, citation, edition=edition.code)], set(fields)
    return [], set()


def _check_version(case: AdmissionCase, expected: int | None) -> None:
    if expected is None or expected == case.version:
        return
    last = CaseStep.objects.filter(case=case).select_related("recorded_by").order_by("-recorded_at", "-id").first()
    if last is None:
        raise StaleCase()
    who = (last.recorded_by.get_full_name() or last.recorded_by.get_username()) if last.recorded_by else _("ai đó")
    raise StaleCase(
        _(
            "Hồ sơ vừa được người khác cập nhật trong lúc bạn nhập: %(who)s đã ghi “%(step)s” lúc %(time)s. "
            "Hãy tải lại hồ sơ, xem lại rồi ghi nếu vẫn cần."
        )
        % {
            "who": who,
            "step": spec(last.kind).label,
            "time": timezone.localtime(last.recorded_at).strftime("%H:%M %d/%m/%Y"),
        }
    )


def _order_message(problem: str, kind: StepKind) -> str:
    label = spec(kind).label
    if problem == "closed":
        return _("Hồ sơ đã kết thúc; không ghi thêm bước.")
    if problem == "already_recorded":
        return _("Bước “%(step)s” đã được ghi; muốn thay đổi, hãy ghi đính chính.") % {"step": label}
    if problem.startswith("missing:"):
        missing = ", ".join(str(spec(k).label) for k in problem.removeprefix("missing:").split(","))
        return _("Chưa thể ghi “%(step)s”: còn thiếu %(missing)s.") % {"step": label, "missing": missing}
    if problem == "too_late":
        return _too_late_message(kind)
    if problem == "not_qualified":
        return _("Chi bộ kết luận không đủ điều kiện công nhận; chỉ có thể quyết định xóa tên.")
    if problem == "escalated_remove":
        return _("Cấp ủy cấp trên đã quyết định xóa tên; không ra quyết định công nhận.")
    if problem == "escalated_recognize":
        return _("Cấp ủy cấp trên đã quyết định công nhận chính thức; không ra quyết định xóa tên.")
    if problem == "not_deadlocked":
        return _("Chỉ báo cáo cấp ủy cấp trên khi đã đủ số lần biểu quyết không đạt theo quy định.")
    if problem == "decided":
        return _("Đã có quyết định; không gia hạn thời hạn ra quyết định nữa.")
    return _("Chỉ quyết định xóa tên khi chi bộ kết luận không đủ điều kiện công nhận chính thức.")


def _too_late_message(kind: StepKind) -> str:
    if spec(kind).stage is Stage.DOSSIER:
        return _("Chi bộ đã ra nghị quyết đề nghị kết nạp; hồ sơ không bổ sung thêm, chỉ đính chính bước đã ghi.")
    if kind is K.WITHDRAWN:
        return _("Đã có quyết định kết nạp; hồ sơ kết thúc bằng công nhận chính thức hoặc xóa tên.")
    return _("Đã có quyết định hoặc đã báo cáo cấp ủy cấp trên; chi bộ không biểu quyết lại.")


def _check_order(case: AdmissionCase, kind: StepKind, occurred_on: dt.date, rows: list[StepRow]) -> None:
    problem = order_problem(case, kind, {r.kind for r in rows})
    if problem:
        raise StepOutOfOrder(_order_message(problem, kind), field="kind")
    _check_dates(case, kind, occurred_on, rows)


def _check_dates(case: AdmissionCase, kind: StepKind, occurred_on: dt.date, rows: list[StepRow]) -> None:
    _not_in_future(occurred_on)
    if occurred_on < case.opened_on and spec(kind).stage is not Stage.DOSSIER:
        raise ValidationFailed({"occurred_on": [_("Ngày của bước không được trước ngày mở hồ sơ.")]})
    for required in requirements(kind, under_committee=under_grassroots_committee(case.cell)):
        before = [r.occurred_on for r in rows if r.kind is required]
        if before and occurred_on < max(before):
            raise StepOutOfOrder(
                _("“%(step)s” không thể trước “%(required)s” (%(date)s).")
                % {
                    "step": spec(kind).label,
                    "required": spec(required).label,
                    "date": max(before).strftime("%d/%m/%Y"),
                },
                field="occurred_on",
            )


def _check_data(kind: StepKind, document_number: str, data: Mapping[str, Any]) -> None:
    """The step's ``data`` holds only the keys its kind accepts (``facts.DATA_KEYS``), each
    of its type, the vote's counts and whatever the step is about; every problem is
    reported on its field (``data.<key>``)."""
    errors: dict[str, list[str]] = {}
    if spec(kind).needs_document and not document_number.strip():
        errors["document_number"] = [_("Bước này cần số văn bản (nghị quyết, quyết định).")]
    accepted = DATA_KEYS.get(kind, ())
    for key, value in data.items():
        problem = _("Trường không hợp lệ.") if key not in accepted else _type_problem(key, value)
        if problem:
            errors[f"data.{key}"] = [problem]
    for key in VOTE_KEYS.get(kind, ()):
        if f"data.{key}" not in errors and data.get(key) is None:
            errors[f"data.{key}"] = [_("Cần ghi số phiếu (số nguyên không âm).")]
    for key in REQUIRED_KEYS.get(kind, ()):
        if f"data.{key}" not in errors and data.get(key) in (None, "", 0):
            errors[f"data.{key}"] = [_("Bước này cần trường này.")]
    if not errors:
        errors = _vote_problems(data)
    if errors:
        raise ValidationFailed(errors)


def _type_problem(key: str, value: Any) -> str:
    kind = DATA_TYPES[key]
    number = isinstance(value, int) and not isinstance(value, bool)
    if kind is DataType.COUNT and not (number and value >= 0):
        return _("Cần là số nguyên không âm.")
    if kind is DataType.ID and not (number and value > 0):
        return _("Cần là mã số (số nguyên dương).")
    if kind is DataType.FLAG and not isinstance(value, bool):
        return _("Cần là đúng hoặc sai (true/false).")
    if kind is DataType.TEXT and not isinstance(value, str):
        return _("Cần là văn bản.")
    if kind is DataType.TEXT and len(value) > STEP_REASON_MAX_LENGTH:
        return _("Không được dài quá %(max_length)s ký tự.") % {"max_length": STEP_REASON_MAX_LENGTH}
    if kind is DataType.DATE:
        return _date_problem(value)
    if kind is DataType.CHOICE and value not in DATA_CHOICES[key]:
        return _("Giá trị không hợp lệ; chọn một trong: %(choices)s.") % {
            "choices": ", ".join(sorted(DATA_CHOICES[key]))
        }
    return ""


def _date_problem(value: Any) -> str:
    """ "" for a date the one date parser reads (YYYY-MM-DD, a real day, in range);
    its message otherwise (``fromisoformat`` would also take "20230101")."""
    try:
        parse_date(value)
    except DateInputError as error:
        return error.message
    return ""


def _vote_problems(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Counts that cannot all be true of one vote (rule 9's denominator, rule 10's total)."""
    errors: dict[str, list[str]] = {}
    if "official_members" in data:
        official = data["official_members"]
        excluded = data.get("temporarily_away", 0) + data.get("exempted_absent", 0)
        if excluded > official:
            errors["data.exempted_absent"] = [
                _(
                    "Số đảng viên sinh hoạt tạm thời nơi khác và miễn sinh hoạt vắng mặt không được lớn hơn số "
                    "đảng viên chính thức."
                )
            ]
        elif data.get("in_favour", 0) > official - excluded:
            errors["data.in_favour"] = [
                _("Số tán thành không được lớn hơn số đảng viên chính thức được tính biểu quyết (%(n)s).")
                % {"n": official - excluded}
            ]
        if data.get("present", 0) > official:
            errors["data.present"] = [_("Số có mặt không được lớn hơn số đảng viên chính thức.")]
    if "members_total" in data:
        if data.get("in_favour", 0) > data["members_total"]:
            errors["data.in_favour"] = [_("Số tán thành không được lớn hơn tổng số cấp ủy viên.")]
        if data.get("present", 0) > data["members_total"]:
            errors["data.present"] = [_("Số có mặt không được lớn hơn tổng số cấp ủy viên.")]
    return errors | _standing_vote_problems(data)


def _standing_vote_problems(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """A standing committee's vote is both counts or neither, agreeing at most its members."""
    total, in_favour = data.get("standing_members_total"), data.get("standing_in_favour")
    if total is None and in_favour is None:
        return {}
    if not total:
        return {"data.standing_members_total": [_("Nhập tổng số ủy viên ban thường vụ.")]}
    if in_favour is None:
        return {"data.standing_in_favour": [_("Nhập số ủy viên ban thường vụ tán thành.")]}
    if in_favour > total:
        return {"data.standing_in_favour": [_("Số tán thành không được lớn hơn tổng số ủy viên ban thường vụ.")]}
    return {}


def _override(actor: Any, case: AdmissionCase, findings: list[Finding], reason: str) -> str:
    """Blocking findings refuse the step unless an approver gives a reason."""
    if not any(f.blocking for f in findings):
        return ""
    if not reason.strip():
        raise StepBlocked(findings)
    if not policy.can(actor, Action.APPROVE, case):
        raise OverrideNotAllowed(findings)
    return reason.strip()


# --- Recording a step -----------------------------------------------------------------------


@transaction.atomic
def step_record(
    *,
    actor: Any,
    case: AdmissionCase,
    kind: str,
    occurred_on: dt.date,
    document_number: str = "",
    data: Mapping[str, Any] | None = None,
    note: str = "",
    expected_version: int | None = None,
    override_reason: str = "",
) -> CaseStep:
    """Record one step of the procedure.

    Refused when the case changed since ``expected_version`` (``StaleCase``), when the
    step is out of order (``StepOutOfOrder``), or when the rules find blocking problems
    (``StepBlocked``) unless an approver gives ``override_reason``. The findings and the
    edition applied are stored on the step; decisions, the ceremony, recognition and
    removal write the membership events; the party card, removal and withdrawal close
    the case.
    """
    kind = StepKind(kind)
    case = _locked_case(case)
    policy.require(actor, Action.EDIT, case)
    _check_version(case, expected_version)
    prepared = _prepared_data(case, kind, data)
    _check_data(kind, document_number, prepared)
    row = StepRow(kind, occurred_on, prepared, document_number)
    current = step_rows(case)
    _check_order(case, kind, occurred_on, current)
    findings, edition = _judge(case, kind, with_step(current, row), policy.today())
    override = _override(actor, case, findings, override_reason)
    step = CaseStep(
        case=case,
        kind=kind.value,
        occurred_on=occurred_on,
        document_number=document_number,
        data=prepared,
        note=note,
        edition=edition,
        findings=[finding_record(f) for f in findings],
        override_reason=override,
        recorded_by=_user(actor),
    )
    _validated(step, exclude=["recorded_by", "membership_event", "case"])
    step.save()
    step.membership_event = _side_effects(actor, case, step)
    if step.membership_event is not None:
        step.save(update_fields=["membership_event"])
    _after_step(actor, case, step, "case.step", override=override, findings=findings)
    return step


def _after_step(
    actor: Any, case: AdmissionCase, step: CaseStep, action: str, *, override: str = "", findings: list[Finding]
) -> None:
    """Pin the edition, bump the version, close if the step closes, audit, refresh."""
    before = snapshot(case, ["version", "stage", "closed_on", "outcome", "pinned_editions"])
    checks = spec(step.kind).checks
    if checks is not None and not step.void:
        case.pinned_editions = {**(case.pinned_editions or {}), checks.value: step.edition}
    case.version += 1
    outcome = _CLOSING_OUTCOME.get(StepKind(step.kind))
    if outcome is not None and not step.void:
        case.closed_on, case.outcome = step.occurred_on, outcome
    case.save(update_fields=["pinned_editions", "version", "closed_on", "outcome"])
    after = {**snapshot(case, ["version", "closed_on", "outcome", "pinned_editions"]), "step": snapshot(step)}
    audit_log(actor=actor, action=action, obj=case, before=before, after=after, organization_path=case.cell.path)
    if override:
        audit_log(
            actor=actor,
            action="case.override",
            obj=step,
            after={"findings": [finding_record(f) for f in findings if f.blocking]},
            organization_path=case.cell.path,
            reason=override,
        )
    case_refresh(case)


def _side_effects(actor: Any, case: AdmissionCase, step: CaseStep) -> MembershipEvent | None:
    """The membership event a step writes (and the helper a ceremony assigns)."""
    kind = StepKind(step.kind)
    common: dict[str, Any] = {"actor": actor, "person": case.person, "document_number": step.document_number}
    if kind is K.DECISION:
        return event_record(kind=EventKind.ADMITTED, date=step.occurred_on, organization=case.cell, **common)
    if kind is K.CEREMONY:
        event = event_record(kind=EventKind.CEREMONY, date=step.occurred_on, organization=case.cell, **common)
        _ceremony_helper(actor, case, step)
        return event
    if kind is K.RECOGNITION_DECISION:
        official = dt.date.fromisoformat(step.data["official_date"])
        return event_record(kind=EventKind.RECOGNIZED, date=step.occurred_on, effective_date=official, **common)
    if kind is K.REMOVAL_DECISION:
        return event_record(kind=EventKind.REMOVED, date=step.occurred_on, **common)
    return None


def _ceremony_helper(actor: Any, case: AdmissionCase, step: CaseStep, on: dt.date | None = None) -> None:
    """At the ceremony the cell assigns an official member to help (Charter art. 5.1); a
    correction of the ceremony naming another helper assigns them ``on`` the correction."""
    helper = Person.objects.filter(pk=step.data.get("helper_id")).first() if step.data.get("helper_id") else None
    if helper is None:
        return  # recorded only under an override of "helper.missing"
    assignment = HelperAssignment(
        case=case,
        helper=helper,
        purpose=HelperPurpose.PROBATION,
        valid_from=on or step.occurred_on,
        resolution=step.document_number,
    )
    _validated(assignment, exclude=["prospect", "case", "helper"])
    assignment.save()
    audit_log(
        actor=actor,
        action="helper.assign",
        obj=assignment,
        after=snapshot(assignment),
        organization_path=case.cell.path,
    )


def _probation_helpers(case: AdmissionCase) -> models.QuerySet[HelperAssignment]:
    return HelperAssignment.objects.filter(case=case, purpose=HelperPurpose.PROBATION, valid_to__isnull=True)


def _closing_day(case: AdmissionCase) -> dt.date:
    """The day a correction or void ends the helper assignment: today, or the day after it
    began when it began today (a dated row is never empty, and never deleted)."""
    started = max((a.valid_from for a in HelperAssignment.objects.filter(case=case)), default=dt.date.min)
    return max(policy.today(), started + dt.timedelta(days=1))


def _close_helper(actor: Any, case: AdmissionCase) -> None:
    """End the open probation helper assignment of the case (a correction named another
    helper, or the ceremony was voided): closed, never deleted."""
    on = _closing_day(case)
    for assignment in _probation_helpers(case).select_for_update():
        before = snapshot(assignment, ["valid_to"])
        assignment.valid_to = on
        assignment.save(update_fields=["valid_to"])
        audit_log(
            actor=actor,
            action="helper.unassign",
            obj=assignment,
            before=before,
            after=snapshot(assignment, ["valid_to"]),
            organization_path=case.cell.path,
        )


def case_refresh(case: AdmissionCase, on: dt.date | None = None) -> AdmissionCase:
    """Re-derive ``stage``, ``due_on`` and ``due_code`` from the steps as of ``on``
    (today by default). Idempotent: the nightly sweep and the demo loader call it too."""
    on = on or policy.today()
    kinds = effective_kinds(case)
    stage = stage_of(case, on, kinds)
    due = next_due(case_findings(case, on)) if stage is not Stage.CLOSED else None
    case.stage, case.due_on, case.due_code = stage.value, due.due_on if due else None, due.code if due else ""
    AdmissionCase.objects.filter(pk=case.pk).update(stage=case.stage, due_on=case.due_on, due_code=case.due_code)
    return case


# --- Corrections ----------------------------------------------------------------------------


def _locked_step(step: CaseStep) -> tuple[CaseStep, AdmissionCase]:
    case = _locked_case(step.case)
    old = CaseStep.objects.select_related("membership_event").get(pk=step.pk)
    if old.void or CaseStep.objects.filter(supersedes=old).exists():
        raise TransitionNotAllowed(_("Bước này đã được đính chính hoặc hủy trước đó."))
    return old, case


@transaction.atomic
def step_correct(
    *,
    actor: Any,
    step: CaseStep,
    reason: str,
    occurred_on: dt.date | None = None,
    document_number: str | None = None,
    data: Mapping[str, Any] | None = None,
) -> CaseStep:
    """Record a dated correction of ``step``: a new step that supersedes it, never an edit.

    The corrected step is judged by the rules again; blocking findings are accepted only
    from an approver (the reason is the override). A membership event the step wrote is
    superseded by a corrected event.
    """
    old, case = _locked_step(step)
    policy.require(actor, Action.EDIT, case)
    if not reason.strip():
        raise ValidationFailed({"reason": [_("Cần ghi lý do đính chính.")]})
    kind = StepKind(old.kind)
    new_data = {**old.data, **(data or {})}
    if kind is K.RECOGNITION_DECISION and data is not None and "official_date" not in data:
        new_data.pop("official_date", None)
    new_data = _prepared_data(case, kind, new_data)
    number = old.document_number if document_number is None else document_number
    day = occurred_on or old.occurred_on
    _check_data(kind, number, new_data)
    current = [r for r in step_rows(case) if r.id != old.pk]
    _check_dates(case, kind, day, current)
    row = StepRow(kind, day, new_data, number)
    findings, edition = _judge(case, kind, with_step(current, row), policy.today())
    override = _override(actor, case, findings, reason)
    new = CaseStep(
        case=case,
        kind=kind.value,
        occurred_on=day,
        document_number=number,
        data=new_data,
        note=reason.strip(),
        edition=edition,
        findings=[finding_record(f) for f in findings],
        override_reason=override,
        supersedes=old,
        recorded_by=_user(actor),
    )
    new.save()
    if old.membership_event is not None:
        new.membership_event = _corrected_event(actor, case, old.membership_event, new)
        new.save(update_fields=["membership_event"])
    if kind is K.CEREMONY and old.data.get("helper_id") != new.data.get("helper_id"):
        _close_helper(actor, case)
        _ceremony_helper(actor, case, new, on=_closing_day(case))
    _after_step(actor, case, new, "case.step_correct", override=override, findings=findings)
    return new


def _corrected_event(actor: Any, case: AdmissionCase, event: MembershipEvent, step: CaseStep) -> MembershipEvent:
    effective = dt.date.fromisoformat(step.data["official_date"]) if event.kind == EventKind.RECOGNIZED else None
    return event_record(
        actor=actor,
        person=case.person,
        kind=EventKind(event.kind),
        date=step.occurred_on,
        organization=event.organization,
        effective_date=effective,
        supersedes=event,
        document_number=step.document_number,
        note=step.note,
    )


@transaction.atomic
def step_void(*, actor: Any, step: CaseStep, reason: str) -> CaseStep:
    """Annul a step recorded by mistake: a void step supersedes it, and a membership
    event it wrote is voided. Steps that depend on it must be voided first."""
    old, case = _locked_step(step)
    policy.require(actor, Action.EDIT, case)
    if not reason.strip():
        raise ValidationFailed({"reason": [_("Cần ghi lý do hủy.")]})
    kind = StepKind(old.kind)
    kinds = effective_kinds(case)
    others = CaseStep.objects.filter(case=case, kind=kind, void=False, superseded_by__isnull=True).exclude(pk=old.pk)
    committee = under_grassroots_committee(case.cell)
    if not others.exists() and any(kind in requirements(k, under_committee=committee) for k in kinds):
        raise TransitionNotAllowed(_("Còn các bước sau dựa trên bước này; hãy hủy các bước đó trước."))
    void = CaseStep(
        case=case,
        kind=kind.value,
        occurred_on=old.occurred_on,
        document_number=old.document_number,
        note=reason.strip(),
        edition=old.edition,
        void=True,
        supersedes=old,
        recorded_by=_user(actor),
    )
    void.save()
    if old.membership_event is not None:
        void.membership_event = event_record(
            actor=actor,
            person=case.person,
            kind=EventKind.VOID,
            date=old.membership_event.date,
            supersedes=old.membership_event,
            note=reason.strip(),
        )
        void.save(update_fields=["membership_event"])
    if spec(kind).closes:
        _reopen(case)
    if kind is K.CEREMONY:
        _close_helper(actor, case)
    _after_step(actor, case, void, "case.step_void", findings=[])
    return void


def _reopen(case: AdmissionCase) -> None:
    case.closed_on, case.outcome = None, ""
    try:
        with transaction.atomic():
            case.save(update_fields=["closed_on", "outcome"])
    except IntegrityError as error:
        raise ValidationFailed(
            {"step": [_("Người này đã có hồ sơ khác đang mở; không thể mở lại hồ sơ này.")]}
        ) from error


# --- Records the rules read -----------------------------------------------------------------


def _case_for_edit(actor: Any, case: AdmissionCase) -> AdmissionCase:
    case = _locked_case(case)
    policy.require(actor, Action.EDIT, case)
    if case.closed_on is not None:
        raise TransitionNotAllowed(_("Hồ sơ đã kết thúc."))
    return case


def _audit_created(actor: Any, action: str, obj: models.Model, case: AdmissionCase) -> None:
    audit_log(actor=actor, action=action, obj=obj, after=snapshot(obj), organization_path=case.cell.path)


@transaction.atomic
def relative_add(
    *,
    actor: Any,
    case: AdmissionCase,
    full_name: str,
    relation: str,
    party_member: bool = False,
    fully_declared: bool = True,
    full_civil_capacity: bool = True,
    abroad: bool = False,
    residence: str = "",
) -> Relative:
    """Declare a relative of the candidate, for the verification scope (HD 01 3.4)."""
    case = _case_for_edit(actor, case)
    if relation not in {r.value for r in Relation}:
        raise ValidationFailed({"relation": [_("Quan hệ không hợp lệ.")]})
    relative = Relative(
        case=case,
        full_name=full_name,
        relation=relation,
        party_member=party_member,
        fully_declared=fully_declared,
        full_civil_capacity=full_civil_capacity,
        abroad=abroad,
        residence=residence,
    )
    _validated(relative, exclude=["case"])
    relative.save()
    _audit_created(actor, "case.relative_add", relative, case)
    return relative


@transaction.atomic
def verification_request_add(
    *,
    actor: Any,
    case: AdmissionCase,
    addressee: str,
    sent_on: dt.date,
    relative: Relative | None = None,
    via_upper_committee: bool | None = None,
    document_number: str = "",
) -> VerificationRequest:
    """Send a verification request; for a relative abroad it goes through the upper
    committee or the Overseas Party Committee (HD 01 2012 3.4c) unless told otherwise."""
    case = _case_for_edit(actor, case)
    if relative is not None and relative.case_id != case.pk:
        raise ValidationFailed({"relative": [_("Người thân không thuộc hồ sơ này.")]})
    _not_in_future(sent_on, "sent_on")
    via = via_upper_committee if via_upper_committee is not None else bool(relative and relative.abroad)
    request = VerificationRequest(
        case=case,
        relative=relative,
        addressee=addressee,
        via_upper_committee=via,
        sent_on=sent_on,
        document_number=document_number,
    )
    _validated(request, exclude=["case", "relative"])
    request.save()
    _audit_created(actor, "case.verification_request", request, case)
    return request


@transaction.atomic
def verification_reply_record(
    *, actor: Any, request: VerificationRequest, replied_on: dt.date, result: str
) -> VerificationRequest:
    """Record the reply to a verification request (once)."""
    request = VerificationRequest.objects.select_for_update().select_related("case__cell").get(pk=request.pk)
    case = _case_for_edit(actor, request.case)
    if request.replied_on is not None:
        raise TransitionNotAllowed(_("Yêu cầu thẩm tra này đã có trả lời."))
    if replied_on < request.sent_on:
        raise ValidationFailed({"replied_on": [_("Ngày trả lời không được trước ngày gửi.")]})
    _not_in_future(replied_on, "replied_on")
    before = snapshot(request, ["replied_on", "result"])
    request.replied_on, request.result = replied_on, result
    request.save(update_fields=["replied_on", "result"])
    audit_log(
        actor=actor,
        action="case.verification_reply",
        obj=request,
        before=before,
        after=snapshot(request, ["replied_on", "result"]),
        organization_path=case.cell.path,
    )
    return request


@transaction.atomic
def introducer_add(
    *,
    actor: Any,
    case: AdmissionCase,
    member: Person,
    basis: str,
    together_since: dt.date,
    introduced_on: dt.date,
    replacement: bool = False,
) -> Introducer:
    """Record an introducer. Whether they may introduce (official, 12 months together) is
    a finding of the rules at the cell review, so the dossier can be built in any order."""
    case = _case_for_edit(actor, case)
    policy.require(actor, Action.VIEW, member)
    if basis not in {b.value for b in Basis}:
        raise ValidationFailed({"basis": [_("Căn cứ giới thiệu không hợp lệ.")]})
    if member.pk == case.person_id:
        raise ValidationFailed({"member": [_("Người vào Đảng không tự giới thiệu mình.")]})
    active = Introducer.objects.filter(case=case, member=member, withdrawn_on__isnull=True)
    if active.exists():
        raise ValidationFailed({"member": [_("Đảng viên này đang là người giới thiệu của hồ sơ.")]})
    introducer = Introducer(
        case=case,
        member=member,
        basis=basis,
        together_since=together_since,
        introduced_on=introduced_on,
        replacement=replacement,
    )
    _validated(introducer, exclude=["case", "member"])
    introducer.save()
    _audit_created(actor, "case.introducer_add", introducer, case)
    return introducer


@transaction.atomic
def introducer_replace(*, actor: Any, introducer: Introducer, new_member: Person, on: dt.date) -> Introducer:
    """The cell assigns ``new_member`` in place of an introducer who moved, was disciplined
    or cannot continue (QĐ 24 3.2.2): the replacement is exempt from the 12 months together,
    not from being an official member (a finding if they are probationary)."""
    old = Introducer.objects.select_for_update().get(pk=introducer.pk)
    case = _case_for_edit(actor, old.case)
    if old.withdrawn_on is not None:
        raise TransitionNotAllowed(_("Người giới thiệu này đã được thay."))
    if on < old.introduced_on:
        raise ValidationFailed({"on": [_("Ngày thay không được trước ngày giới thiệu.")]})
    before = snapshot(old, ["withdrawn_on"])
    old.withdrawn_on = on
    old.save(update_fields=["withdrawn_on"])
    audit_log(
        actor=actor,
        action="case.introducer_withdraw",
        obj=old,
        before=before,
        after=snapshot(old, ["withdrawn_on"]),
        organization_path=case.cell.path,
    )
    return introducer_add(
        actor=actor,
        case=case,
        member=new_member,
        basis=old.basis,
        together_since=on,
        introduced_on=on,
        replacement=True,
    )


@transaction.atomic
def certificate_record(
    *, actor: Any, person: Person, issued_on: dt.date, number: str = "", issuer: str = ""
) -> AwarenessCertificate:
    """Record a party-awareness class certificate (CN-NTVĐ), valid 60 months (HD 06 5.4),
    issued before its class was kept in ketnap (imports, the demo's history). Pages and the
    API issue certificates with the class that awarded them (``training.services``)."""
    person = Person.objects.select_related("organization").get(pk=person.pk)
    policy.require(actor, Action.EDIT, person)
    _not_in_future(issued_on, "issued_on")
    certificate = AwarenessCertificate(person=person, issued_on=issued_on, number=number, issuer=issuer)
    _validated(certificate, exclude=["person"])
    certificate.save()
    audit_log(
        actor=actor,
        action="certificate.record",
        obj=certificate,
        after=snapshot(certificate),
        organization_path=person.organization.path,
    )
    return certificate


# --- The competent authority on the tree ----------------------------------------------------


@transaction.atomic
def authority_set(
    *,
    actor: Any,
    organization: Organization,
    body: str,
    deciding_organization: Organization,
    upper_kind: str,
    grassroots_authorised: bool = False,
    valid_from: dt.date,
) -> AuthoritySetting:
    """Set who decides admissions for the cells under ``organization`` from ``valid_from``;
    the node's previous setting closes that day (a dated row, never an edit)."""
    policy.require(actor, Action.ADMINISTER, organization)
    errors: dict[str, list[str]] = {}
    if body not in {b.value for b in Body}:
        errors["body"] = [_("Cơ quan quyết định không hợp lệ.")]
    if upper_kind not in {u.value for u in UpperKind}:
        errors["upper_kind"] = [_("Loại cấp ủy cấp trên không hợp lệ.")]
    if not deciding_organization.is_valid_on(valid_from):
        errors["deciding_organization"] = [_("Cấp ủy quyết định không hoạt động vào ngày hiệu lực.")]
    if errors:
        raise ValidationFailed(errors)
    closed = close_open(AuthoritySetting.objects.filter(organization=organization), valid_from)
    setting = AuthoritySetting(
        organization=organization,
        body=body,
        deciding_organization=deciding_organization,
        upper_kind=upper_kind,
        grassroots_authorised=grassroots_authorised,
        valid_from=valid_from,
    )
    _validated(setting, exclude=["organization", "deciding_organization"])
    setting.save()
    audit_log(
        actor=actor,
        action="authority.set",
        obj=setting,
        before={"closed": [snapshot(row) for row in closed]} if closed else None,
        after=snapshot(setting),
        organization_path=organization.path,
    )
    return setting


@transaction.atomic
def authority_end(*, actor: Any, setting: AuthoritySetting, on: dt.date) -> AuthoritySetting:
    """Close a setting from ``on`` without a successor on the same node (a setting further
    down the tree takes over, as commune committees did on 01/7/2025)."""
    setting = AuthoritySetting.objects.select_for_update().select_related("organization").get(pk=setting.pk)
    policy.require(actor, Action.ADMINISTER, setting.organization)
    if setting.valid_to is not None or on <= setting.valid_from:
        raise ValidationFailed({"on": [_("Ngày kết thúc phải sau ngày hiệu lực của thiết lập đang mở.")]})
    end_on(setting, on, actor=actor, action="authority.end", organization_path=setting.organization.path)
    return setting
