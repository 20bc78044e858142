"""Forms of the pages that keep the organization tree: open, rename, reorganize, the
deciding authority, localities, the cells serving them and their heads.

They only parse input (dates as dd/mm/yyyy, organizations by code, through the
policy); every rule is checked by the services, whose refusals ``apply_error`` puts
on the field they name."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ketnap.core import policy
from ketnap.core.errors import DomainError, NotFound, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import LocalityKind, Organization, OrgKind, ReorganizationKind, Sector
from ketnap.organizations.selectors import organization_get
from ketnap.people.models import Person
from ketnap.rules.facts import Body, UpperKind
from ketnap.web.forms import DayField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"


def _named(label: StrOrPromise, message: StrOrPromise) -> Any:
    """ "Label: message", so an error read on its own still names its field."""
    return format_lazy("{}: {}", label, message)


def _errors(label: StrOrPromise, **more: StrOrPromise) -> dict[str, Any]:
    messages = {"required": _("cần nhập."), **more}
    return {key: _named(label, message) for key, message in messages.items()}


def date_field(label: StrOrPromise) -> DayField:
    """A dd/mm/yyyy text box (ISO dates are accepted too) read by the one date parser."""
    return DayField(label=label, named=True, error_messages=_errors(label))


def text_field(label: StrOrPromise, max_length: int, *, required: bool = True) -> forms.CharField:
    too_long = _("không được dài quá %(limit_value)d ký tự.")
    return forms.CharField(
        label=label, max_length=max_length, required=required, error_messages=_errors(label, max_length=too_long)
    )


def code_field(label: StrOrPromise) -> forms.SlugField:
    return forms.SlugField(
        label=label,
        max_length=64,
        help_text=_("Chữ thường không dấu, số và dấu gạch ngang, ví dụ xa-muong-lat."),
        error_messages=_errors(
            label,
            invalid=_("chỉ gồm chữ không dấu, số, dấu gạch ngang."),
            max_length=_("không được dài quá %(limit_value)d ký tự."),
        ),
    )


def choice_field(label: StrOrPromise, choices: Any) -> forms.ChoiceField:
    invalid = _("chọn một giá trị trong danh sách.")
    return forms.ChoiceField(label=label, choices=choices, error_messages=_errors(label, invalid_choice=invalid))


def org_code_field(label: StrOrPromise, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=64,
        required=required,
        help_text=_("Mã tổ chức, ví dụ xa-muong-lat."),
        error_messages=_errors(label, max_length=_("không được dài quá %(limit_value)d ký tự.")),
    )


def organization_by_code(user: Any, code: str, label: StrOrPromise) -> Organization:
    """The organization with ``code`` if ``user`` may see it; a form error otherwise
    (a code outside the user's view reads exactly like a missing one)."""
    try:
        return organization_get(user, code.strip())
    except NotFound as error:
        raise forms.ValidationError(_named(label, _("không tìm thấy tổ chức có mã này."))) from error


def apply_error(form: forms.Form, error: DomainError, aliases: dict[str, str] | None = None) -> None:
    """A refusal of the domain, shown on the field it names (``aliases`` maps the
    service's name of a field to the form's). Not found and not allowed stay status
    pages, so they are raised again."""
    if error.status in (403, 404):
        raise error
    errors = error.errors if isinstance(error, ValidationFailed) else {error.field or "": [str(error.message)]}
    for key, messages in errors.items():
        name = (aliases or {}).get(key, key)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


# --- Organizations ----------------------------------------------------------------------------


class OrganizationOpenForm(forms.Form):
    name = text_field(_("Tên tổ chức"), 255)
    code = code_field(_("Mã"))
    kind = choice_field(_("Loại tổ chức"), OrgKind.choices)
    sector = choice_field(_("Khối"), Sector.choices)
    valid_from = date_field(_("Ngày thành lập"))

    def __init__(self, *args: Any, parent: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = OrgKind.below(parent.kind)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]  # type: ignore[attr-defined]


class RenameForm(forms.Form):
    name = text_field(_("Tên mới"), 255)
    code = code_field(_("Mã mới"))
    on = date_field(_("Ngày hiệu lực"))
    document_number = text_field(_("Số quyết định"), 64, required=False)
    # Left empty, the renamed organization keeps its sector; a commune (xã) that becomes
    # a ward (phường) is renamed with the new sector.
    sector = choice_field(_("Khối"), [("", _("Giữ như cũ")), *Sector.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].required = False


REORGANIZE_KINDS = [
    (ReorganizationKind.MERGE.value, ReorganizationKind.MERGE.label),
    (ReorganizationKind.SPLIT.value, ReorganizationKind.SPLIT.label),
    (ReorganizationKind.DISSOLVE.value, ReorganizationKind.DISSOLVE.label),
]


class ReorganizeForm(forms.Form):
    """Close ``organization`` (and its subtree) on a date: its people go to ``target``,
    or, per direct sub-organization, to the destination given for it (a split)."""

    kind = choice_field(_("Hình thức"), REORGANIZE_KINDS)
    on = date_field(_("Ngày hiệu lực"))
    document_number = text_field(_("Số quyết định"), 64, required=False)
    target = org_code_field(_("Chuyển tất cả đến (mã tổ chức)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=4000, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args: Any, user: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.organization = organization
        self.children = list(Organization.objects.get_children(organization).filter(valid_to__isnull=True))
        for child in self.children:
            label = format_lazy("{} {}", _("Chuyển người của"), child.name)
            self.fields[f"to_{child.pk}"] = org_code_field(label, required=False)

    def _destination(self, name: str) -> Organization | None:
        code = (self.cleaned_data.get(name) or "").strip()
        if not code:
            return None
        label = self.fields[name].label or ""
        org = organization_by_code(self.user, code, label)
        if org.path.startswith(self.organization.path):
            raise forms.ValidationError(_named(label, _("không được nằm trong tổ chức bị chấm dứt.")))
        if not policy.can(self.user, Action.EDIT, org):
            raise forms.ValidationError(_named(label, _("bạn không có quyền chuyển người đến tổ chức này.")))
        return org

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.moves: dict[int, Organization] = {}
        for name, owner in [("target", self.organization), *((f"to_{c.pk}", c) for c in self.children)]:
            try:
                destination = self._destination(name)
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            if destination is not None:
                self.moves[owner.pk] = destination
        return cleaned

    def opened(self, on: dt.date) -> list[Organization]:
        """The destinations opened on the date itself: the new organizations of the decision."""
        unique = {org.pk: org for org in self.moves.values()}
        return [org for org in unique.values() if org.valid_from == on]


BODY_CHOICES = [
    (Body.GRASSROOTS_COMMITTEE.value, _("Tập thể đảng ủy cơ sở được ủy quyền")),
    (Body.UPPER_STANDING_COMMITTEE.value, _("Ban thường vụ cấp ủy cấp trên trực tiếp")),
    (Body.PROVINCIAL_STANDING.value, _("Thường trực cấp ủy và ủy viên ban thường vụ là trưởng các ban đảng")),
    (Body.SEPARATE_RULES.value, _("Theo quy định riêng (Quân đội, Công an)")),
    (Body.GRASSROOTS_STANDING.value, _("Ban thường vụ đảng ủy cơ sở (theo quy định năm 2026)")),
]
UPPER_KIND_CHOICES = [
    (UpperKind.DISTRICT.value, _("Huyện ủy, quận ủy, thị ủy, thành ủy thuộc tỉnh")),
    (UpperKind.COMMUNE.value, _("Đảng ủy xã, phường, đặc khu")),
    (UpperKind.UPPER_POWERS.value, _("Đảng ủy được giao quyền cấp trên cơ sở")),
    (UpperKind.PROVINCIAL.value, _("Tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương")),
    (UpperKind.ARMY.value, _("Quân đội")),
    (UpperKind.PUBLIC_SECURITY.value, _("Công an")),
]


class AuthorityForm(forms.Form):
    body = choice_field(_("Cơ quan quyết định"), BODY_CHOICES)
    deciding_organization = org_code_field(_("Cấp ủy quyết định (mã tổ chức)"))
    upper_kind = choice_field(_("Loại cấp ủy cấp trên trực tiếp"), UPPER_KIND_CHOICES)
    grassroots_authorised = forms.BooleanField(label=_("Đảng ủy cơ sở được ủy quyền"), required=False)
    valid_from = date_field(_("Ngày hiệu lực"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_deciding_organization(self) -> Organization:
        code = self.cleaned_data["deciding_organization"]
        return organization_by_code(self.user, code, self.fields["deciding_organization"].label or "")


# --- Localities -------------------------------------------------------------------------------


class LocalityForm(forms.Form):
    name = text_field(_("Tên thôn, bản, tổ dân phố"), 255)
    code = code_field(_("Mã"))
    kind = choice_field(_("Loại"), LocalityKind.choices)
    hardship_area = forms.BooleanField(label=_("Vùng khó khăn, biên giới, dân tộc thiểu số"), required=False)
    valid_from = date_field(_("Ngày bắt đầu"))


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.birth_date:%Y})"


def _model_errors(label: StrOrPromise) -> dict[str, Any]:
    return _errors(label, invalid_choice=_("chọn một mục trong danh sách."))


class AssignCellForm(forms.Form):
    cell = OrganizationChoiceField(
        label=_("Chi bộ phụ trách"), queryset=Organization.objects.none(), error_messages=_model_errors(_("Chi bộ"))
    )
    valid_from = date_field(_("Phụ trách từ ngày"))

    def __init__(self, *args: Any, cells: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells  # type: ignore[attr-defined]


class VillageHeadForm(forms.Form):
    person = PersonChoiceField(
        label=_("Trưởng thôn, bản"), queryset=Person.objects.none(), error_messages=_model_errors(_("Trưởng thôn, bản"))
    )
    valid_from = date_field(_("Giữ chức từ ngày"))

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


def cells_for(user: Any, commune: Organization) -> QuerySet[Organization]:
    """Open cells of the commune's subtree the user may edit: the cells that may serve."""
    cells = Organization.objects.in_subtree(commune).filter(kind__in=OrgKind.cells(), valid_to__isnull=True)
    return policy.scope(user, cells, Action.EDIT).order_by("path")


def people_for(user: Any, commune: Organization) -> QuerySet[Person]:
    """People recorded in the commune's subtree that the user may see, in name order."""
    people = Person.objects.filter(organization__path__startswith=commune.path)
    return policy.scope(user, people, Action.VIEW).order_by("sort_key", "pk")
