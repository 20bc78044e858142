"""Forms of the admission pages: the board filter, one form per step, and the small
forms that add introducers, relatives, verification requests, certificates and the
source records. They only parse input; every rule is checked by the services."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ketnap.admission.models import (
    AdmissionCase,
    CaseKind,
    CaseStep,
    HelperAssignment,
    Origin,
    ProgressNote,
    Prospect,
    Relative,
    SympathiserListing,
    TestTask,
    VerificationRequest,
)
from ketnap.admission.steps import StepKind
from ketnap.core.limits import STEP_REASON_MAX_LENGTH, text_field
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.people.selectors import people_list
from ketnap.people.status import Status
from ketnap.rules.facts import Basis, Relation
from ketnap.web.forms import AsOfForm, DayField
from ketnap.web.widgets import DayPickerInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_COUNT = 10_000


def date_field(label: StrOrPromise, *, required: bool = True) -> DayField:
    """A dd/mm/yyyy text box read by the one date parser, with a date picker beside it."""
    return DayField(label=label, required=required, widget=DayPickerInput())


def count_field(label: StrOrPromise, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(attrs={"size": 5, "inputmode": "numeric"}),
    )


class PersonChoiceField(forms.ModelChoiceField):
    """People shown by their name (the queryset is always scoped by the caller)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


def official_members(user: Any, org: Organization, on: dt.date) -> QuerySet[Person]:
    """Official members in ``org``'s subtree on ``on`` that ``user`` may see: the people
    who may introduce a candidate or help a probationary member."""
    return people_list(user, as_of=on, organization=org, status_on_date=Status.OFFICIAL.value)


# --- The candidate board ------------------------------------------------------------------


class BoardFilterForm(AsOfForm):
    loai = forms.ChoiceField(label=_("Loại hồ sơ"), required=False, choices=[("", _("Tất cả")), *CaseKind.choices])

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["ngay"].label = _("Tính đến ngày")

    @property
    def kind(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("loai") or ""


# --- One form per step ----------------------------------------------------------------------

CELL_VOTE = (
    "official_members",
    "present",
    "in_favour",
    "temporarily_away",
    "exempted_absent",
    "probationary_in_favour",
)
COMMITTEE_VOTE = ("members_total", "present", "in_favour")
# Where a standing committee decides, its own vote (optional; checked when given).
STANDING_VOTE = ("standing_members_total", "standing_in_favour")

# The step-specific fields; every step also has a date, a document number and a note.
STEP_FIELDS: dict[StepKind, tuple[str, ...]] = {
    StepKind.CELL_RESOLUTION: CELL_VOTE,
    StepKind.GRASSROOTS_RESOLUTION: COMMITTEE_VOTE,
    StepKind.DECISION: ("extension_working_days", "extension_reason", *STANDING_VOTE, "provincial_consent_on"),
    StepKind.CEREMONY: ("helper_id", "late_approved"),
    StepKind.UNION_INTRODUCTION: ("organisation",),
    StepKind.HISTORY_CERTIFIED: ("cell_commented_on",),
    StepKind.PARTY_CARD: ("decided_by_upper_committee",),
    StepKind.RECOGNITION_RESOLUTION: ("qualified", *CELL_VOTE),
    StepKind.RECOGNITION_GRASSROOTS_RESOLUTION: COMMITTEE_VOTE,
    StepKind.RECOGNITION_DECISION: ("extension_working_days", "extension_reason", *STANDING_VOTE),
    StepKind.DECISION_EXTENSION: ("extension_working_days", "extension_reason"),
    StepKind.ESCALATION: ("decision",),
}

COUNT_LABELS: dict[str, StrOrPromise] = {
    "official_members": _("Số đảng viên chính thức của chi bộ"),
    "present": _("Số đảng viên chính thức có mặt"),
    "in_favour": _("Số đảng viên chính thức tán thành"),
    "temporarily_away": _("Số đảng viên chính thức đang sinh hoạt tạm thời nơi khác"),
    "exempted_absent": _("Số đảng viên được miễn sinh hoạt vắng mặt"),
    "probationary_in_favour": _("Số đảng viên dự bị biểu quyết tán thành (không tính)"),
    "members_total": _("Tổng số cấp ủy viên"),
    "standing_members_total": _("Tổng số ủy viên ban thường vụ (khi ban thường vụ quyết định)"),
    "standing_in_favour": _("Số ủy viên ban thường vụ tán thành"),
}
OPTIONAL_COUNTS = {"temporarily_away", "exempted_absent", "probationary_in_favour", "present", *STANDING_VOTE}
# A committee votes by its members, not by the cell's official members.
COMMITTEE_COUNT_LABELS: dict[str, StrOrPromise] = {
    "present": _("Số cấp ủy viên có mặt"),
    "in_favour": _("Số cấp ủy viên tán thành"),
}
COMMITTEE_STEPS = frozenset({StepKind.GRASSROOTS_RESOLUTION, StepKind.RECOGNITION_GRASSROOTS_RESOLUTION})


def count_label(kind: StepKind, name: str) -> StrOrPromise:
    """The label of a vote count on the form of ``kind``."""
    if kind in COMMITTEE_STEPS and name in COMMITTEE_COUNT_LABELS:
        return COMMITTEE_COUNT_LABELS[name]
    return COUNT_LABELS[name]


class StepFieldsForm(forms.Form):
    """Date, document number and the fields of one step kind: what the form recording a
    step and the form correcting one have in common."""

    occurred_on = date_field(_("Ngày"))
    document_number = text_field(CaseStep, "document_number", label=_("Số văn bản"), required=False)

    def __init__(self, *args: Any, kind: StepKind, case: AdmissionCase, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.step_fields = tuple(
            name
            for name in STEP_FIELDS.get(kind, ())
            if name != "provincial_consent_on" or case.kind == CaseKind.READMISSION
        )
        for name in self.step_fields:
            self.fields[name] = self._step_field(name, case, user)

    def _step_field(self, name: str, case: AdmissionCase, user: Any) -> forms.Field:
        if name in COUNT_LABELS:
            return count_field(count_label(self.kind, name), required=name not in OPTIONAL_COUNTS)
        if name == "extension_working_days":
            return forms.IntegerField(
                label=_("Số ngày làm việc gia hạn"), required=False, min_value=0, max_value=30, initial=0
            )
        if name == "extension_reason":
            return forms.CharField(label=_("Lý do gia hạn"), required=False, max_length=STEP_REASON_MAX_LENGTH)
        if name == "late_approved":
            return forms.BooleanField(label=_("Cấp ủy cấp trên đồng ý tổ chức lễ muộn"), required=False)
        if name == "organisation":
            return forms.ChoiceField(
                label=_("Tổ chức giới thiệu"),
                choices=[("youth_union", _("Đoàn Thanh niên")), ("trade_union", _("Công đoàn cơ sở"))],
            )
        if name == "provincial_consent_on":
            return date_field(_("Ngày Ban Thường vụ Tỉnh ủy, Thành ủy đồng ý bằng văn bản"), required=False)
        if name == "cell_commented_on":
            return date_field(_("Ngày chi ủy nhận xét lý lịch"), required=False)
        if name == "decided_by_upper_committee":
            return forms.BooleanField(
                label=_("Cấp ủy cấp trên trực tiếp quyết định phát thẻ"), required=False, initial=True
            )
        if name == "helper_id":
            members = official_members(user, case.cell, case.opened_on)
            return PersonChoiceField(label=_("Đảng viên được phân công giúp đỡ"), queryset=members, required=False)
        if name == "decision":
            return forms.ChoiceField(
                label=_("Cấp ủy cấp trên quyết định"),
                choices=[
                    ("recognize", _("Công nhận đảng viên chính thức")),
                    ("remove", _("Xóa tên trong danh sách đảng viên dự bị")),
                ],
                widget=forms.RadioSelect,
            )
        if name == "qualified":
            return forms.TypedChoiceField(
                label=_("Kết luận của chi bộ"),
                choices=[
                    ("yes", _("Đủ điều kiện công nhận chính thức")),
                    ("no", _("Không đủ điều kiện, đề nghị xóa tên")),
                ],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                initial="yes",
            )
        raise KeyError(name)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "official_members" in self.step_fields:
            official = cleaned.get("official_members")
            present, in_favour = cleaned.get("present"), cleaned.get("in_favour")
            if official is not None and present is not None and present > official:
                self.add_error("present", _("Số có mặt không được lớn hơn số đảng viên chính thức."))
            if official is not None and in_favour is not None and in_favour > official:
                self.add_error("in_favour", _("Số tán thành không được lớn hơn số đảng viên chính thức."))
            if present is not None and in_favour is not None and in_favour > present:
                self.add_error("in_favour", _("Số tán thành không được lớn hơn số có mặt."))
        if "members_total" in self.step_fields:
            total, in_favour = cleaned.get("members_total"), cleaned.get("in_favour")
            if total is not None and in_favour is not None and in_favour > total:
                self.add_error("in_favour", _("Số tán thành không được lớn hơn tổng số cấp ủy viên."))
            present = cleaned.get("present")
            if total is not None and present is not None and present > total:
                self.add_error("present", _("Số có mặt không được lớn hơn tổng số cấp ủy viên."))
        if cleaned.get("extension_working_days") and not cleaned.get("extension_reason"):
            self.add_error("extension_reason", _("Ghi lý do khi gia hạn."))
        return cleaned

    def step_data(self) -> dict[str, Any]:
        """The step-specific values as the service stores them (JSON-friendly)."""
        data: dict[str, Any] = {}
        for name in self.step_fields:
            value = self.cleaned_data.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, Person):
                value = value.pk
            elif isinstance(value, dt.date):
                value = value.isoformat()
            data[name] = value
        return data


class StepForm(StepFieldsForm):
    """The form recording one step; ``expected_version`` carries the case version the
    form was drawn from, so a stale form is refused."""

    note = text_field(CaseStep, "note", label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if can_override:
            self.fields["override_reason"] = text_field(
                CaseStep,
                "override_reason",
                label=_("Lý do vượt quy tắc (chỉ người phê duyệt)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Chỉ điền khi ghi nhận dù còn phát hiện chặn; lý do được ghi nhật ký."),
            )

    @property
    def override_reason(self) -> str:
        return (self.cleaned_data.get("override_reason") or "").strip()


class StepCorrectForm(StepFieldsForm):
    """A dated correction of a recorded step: the step's fields pre-filled, and a reason."""

    reason = text_field(
        CaseStep,
        "override_reason",
        label=_("Lý do đính chính"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bước đã ghi vẫn được giữ, gạch ngang trong quá trình hồ sơ. Nếu bản đính chính còn vấn đề chặn "
            "theo quy định, chỉ người có quyền phê duyệt mới ghi được, và lý do này là lý do vượt quy tắc."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"] = self.fields.pop("reason")  # after the step's own fields


class StepVoidForm(forms.Form):
    reason = text_field(CaseStep, "override_reason", label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 2}))


def step_initial(case: AdmissionCase, defaults: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """Initial values of a step form: the case version, the date, the pre-filled data.
    A required count the rolls give as 0 (no committee member on record, nobody on the
    cell's rolls) is left empty, for the secretary to type: 0 would pass for a known figure."""
    known = {name: value for name, value in defaults.items() if not _unknown_count(name, value)}
    return {"expected_version": case.version, "occurred_on": on, **_data_initial(known)}


def _unknown_count(name: str, value: Any) -> bool:
    return name in COUNT_LABELS and name not in OPTIONAL_COUNTS and not value


def correction_initial(step: CaseStep) -> dict[str, Any]:
    """Initial values of the correction form: what the step recorded."""
    fields = STEP_FIELDS.get(StepKind(step.kind), ())
    data = {name: value for name, value in (step.data or {}).items() if name in fields}
    return {"occurred_on": step.occurred_on, "document_number": step.document_number, **_data_initial(data)}


def _data_initial(data: dict[str, Any]) -> dict[str, Any]:
    """Stored step data as form values (the verdict as a choice, ISO dates as dates)."""
    initial: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, bool) and name == "qualified":
            initial[name] = "yes" if value else "no"
        elif name in ("cell_commented_on", "provincial_consent_on") and isinstance(value, str) and value:
            initial[name] = dt.date.fromisoformat(value)
        else:
            initial[name] = value
    return initial


# --- Opening a case and its records --------------------------------------------------------


class CaseOpenForm(forms.Form):
    opened_on = date_field(_("Ngày mở hồ sơ"))
    kind = forms.ChoiceField(label=_("Loại hồ sơ"), choices=CaseKind.choices, initial=CaseKind.ADMISSION)
    cell = forms.ModelChoiceField(label=_("Chi bộ xét kết nạp"), queryset=Organization.objects.none())
    village_elder = forms.BooleanField(label=_("Già làng, trưởng bản, người có uy tín"), required=False)
    fisherman_at_sea = forms.BooleanField(label=_("Ngư dân thường xuyên làm việc trên biển"), required=False)
    health_and_prestige = forms.BooleanField(label=_("Có sức khỏe và uy tín (trên 60 tuổi)"), required=False)
    base_condition = forms.BooleanField(label=_("Cơ sở chưa có tổ chức đảng, đảng viên"), required=False)
    over_60_approved_on = date_field(_("Ngày Ban Thường vụ đồng ý bằng văn bản (trên 60 tuổi)"), required=False)
    youth_union_organisation_exists = forms.BooleanField(
        label=_("Nơi làm việc có tổ chức Đoàn"), required=False, initial=True
    )

    FLAGS = (
        "village_elder",
        "fisherman_at_sea",
        "health_and_prestige",
        "base_condition",
        "over_60_approved_on",
        "youth_union_organisation_exists",
    )

    def __init__(self, *args: Any, cells: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells  # type: ignore[attr-defined]

    def flags(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FLAGS}


class IntroducerForm(forms.Form):
    member = PersonChoiceField(label=_("Đảng viên giới thiệu"), queryset=Person.objects.none())
    basis = forms.ChoiceField(
        label=_("Cùng"),
        choices=[
            (Basis.WORK.value, _("Cùng công tác, lao động")),
            (Basis.STUDY.value, _("Cùng học tập")),
            (Basis.RESIDENCE.value, _("Cùng sinh hoạt nơi cư trú")),
        ],
    )
    together_since = date_field(_("Cùng công tác, học tập, cư trú từ ngày"))
    introduced_on = date_field(_("Ngày giới thiệu"))
    replacement = forms.BooleanField(label=_("Người giới thiệu thay thế (chi bộ phân công)"), required=False)

    def __init__(self, *args: Any, members: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


RELATION_LABELS: dict[str, StrOrPromise] = {
    Relation.FATHER: _("Cha"),
    Relation.MOTHER: _("Mẹ"),
    Relation.RAISER: _("Người trực tiếp nuôi dưỡng"),
    Relation.SIBLING: _("Anh, chị, em ruột"),
    Relation.SPOUSE: _("Vợ hoặc chồng"),
    Relation.SPOUSE_FATHER: _("Cha vợ hoặc cha chồng"),
    Relation.SPOUSE_MOTHER: _("Mẹ vợ hoặc mẹ chồng"),
    Relation.SPOUSE_SIBLING: _("Anh, chị, em ruột của vợ hoặc chồng"),
    Relation.CHILD: _("Con"),
}


class RelativeForm(forms.Form):
    full_name = text_field(Relative, "full_name", label=_("Họ và tên"))
    relation = forms.ChoiceField(label=_("Quan hệ"), choices=list(RELATION_LABELS.items()))
    residence = text_field(Relative, "residence", label=_("Nơi cư trú"), required=False)
    party_member = forms.BooleanField(label=_("Là đảng viên"), required=False)
    fully_declared = forms.BooleanField(label=_("Đã khai đầy đủ, rõ ràng"), required=False, initial=True)
    full_civil_capacity = forms.BooleanField(label=_("Có đủ năng lực hành vi dân sự"), required=False, initial=True)
    abroad = forms.BooleanField(label=_("Ở nước ngoài"), required=False)


class VerificationRequestForm(forms.Form):
    relative = forms.ModelChoiceField(
        label=_("Thẩm tra về"), queryset=Relative.objects.none(), required=False, empty_label=_("Người vào Đảng")
    )
    addressee = text_field(VerificationRequest, "addressee", label=_("Gửi đến"))
    via_upper_committee = forms.BooleanField(label=_("Qua cấp ủy cấp trên, Đảng ủy Ngoài nước"), required=False)
    sent_on = date_field(_("Ngày gửi"))
    document_number = text_field(VerificationRequest, "document_number", label=_("Số công văn"), required=False)

    def __init__(self, *args: Any, case: AdmissionCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["relative"]
        field.queryset = case.relatives.order_by("pk")  # type: ignore[attr-defined]
        field.label_from_instance = lambda obj: obj.full_name  # type: ignore[attr-defined]


class VerificationReplyForm(forms.Form):
    replied_on = date_field(_("Ngày trả lời"))
    result = text_field(
        VerificationRequest, "result", label=_("Kết quả thẩm tra"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IntroducerReplaceForm(forms.Form):
    new_member = PersonChoiceField(label=_("Đảng viên được phân công giới thiệu thay"), queryset=Person.objects.none())
    on = date_field(_("Ngày chi bộ phân công"))

    def __init__(self, *args: Any, members: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_member"].queryset = members  # type: ignore[attr-defined]


class ProspectForm(forms.Form):
    person = PersonChoiceField(label=_("Quần chúng"), queryset=Person.objects.none())
    origin = forms.ChoiceField(label=_("Nguồn"), choices=Origin.choices)
    noted_on = date_field(_("Ngày đưa vào nguồn"))
    note = text_field(Prospect, "note", label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ListingForm(forms.Form):
    on = date_field(_("Ngày nghị quyết đưa vào danh sách cảm tình Đảng"))
    resolution = text_field(SympathiserListing, "added_by_resolution", label=_("Số nghị quyết của chi bộ"))


class HelperForm(forms.Form):
    helper = PersonChoiceField(label=_("Đảng viên giúp đỡ"), queryset=Person.objects.none())
    on = date_field(_("Ngày phân công"))
    resolution = text_field(HelperAssignment, "resolution", label=_("Số nghị quyết phân công"), required=False)

    def __init__(self, *args: Any, members: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = members  # type: ignore[attr-defined]


class ProgressNoteForm(forms.Form):
    meeting_on = date_field(_("Ngày sinh hoạt chi bộ"))
    reported_by = PersonChoiceField(label=_("Người báo cáo"), queryset=Person.objects.none(), required=False)
    text = text_field(ProgressNote, "text", label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, members: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reported_by"].queryset = members  # type: ignore[attr-defined]


class UnlistForm(forms.Form):
    on = date_field(_("Ngày nghị quyết đưa ra khỏi danh sách cảm tình Đảng"))
    resolution = text_field(SympathiserListing, "removed_by_resolution", label=_("Số nghị quyết của chi bộ"))


class TaskAssignForm(forms.Form):
    assigned_on = date_field(_("Ngày giao"))
    description = text_field(
        TestTask, "description", label=_("Nhiệm vụ thử thách"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = date_field(_("Hạn hoàn thành"), required=False)


class TaskCompleteForm(forms.Form):
    completed_on = date_field(_("Ngày hoàn thành"))
    result = text_field(TestTask, "result", label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 3}))


class ProspectLeaveForm(forms.Form):
    on = date_field(_("Ngày ra khỏi nguồn"))
    note = text_field(Prospect, "note", label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
