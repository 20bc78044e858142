"""Forms of the ledger pages. They only parse input (dates as dd/mm/yyyy); every rule is
checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketnap.admission.forms import date_field
from ketnap.membership.forms_table import LedgerForm
from ketnap.people.status import Status
from ketnap.rules.membership import LedgerEvent

_ARRIVES_AS = [(Status.OFFICIAL.value, _("Đảng viên chính thức")), (Status.PROBATIONARY.value, _("Đảng viên dự bị"))]


def _document_fields(form: forms.Form, *, required: bool = True) -> None:
    form.fields["document_number"] = forms.CharField(label=_("Số văn bản"), max_length=64, required=required)
    form.fields["issuer"] = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=required)
    form.fields["note"] = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class LedgerEventForm(forms.Form):
    """One decision of the ledger; a temporary stay adds its host and planned end, a
    transfer-in from outside the status the member arrives with."""

    date = date_field(_("Ngày quyết định"))

    def __init__(self, *args: Any, ledger_form: LedgerForm, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _document_fields(self, required=ledger_form.needs_document)
        if ledger_form.event is LedgerEvent.TEMPORARY_OUT:
            self.fields["host"] = forms.CharField(
                label=_("Mã tổ chức nơi sinh hoạt tạm thời"),
                required=False,
                help_text=_("Để trống nếu nơi đến không có trong hệ thống."),
            )
            self.fields["temporary_until"] = date_field(_("Dự kiến trở về ngày"))
            self.fields["study"] = forms.BooleanField(label=_("Đi học tập trung trong nước"), required=False)
        if ledger_form.event is LedgerEvent.READMISSION:
            self.fields["provincial_consent_on"] = date_field(
                _("Ngày Ban Thường vụ Tỉnh ủy, Thành ủy đồng ý bằng văn bản"), required=False
            )
        if ledger_form.event is LedgerEvent.TRANSFER_IN:
            self.fields["arrives_as"] = forms.ChoiceField(label=_("Đến với tư cách"), choices=_ARRIVES_AS)


class TransferSendForm(forms.Form):
    destination = forms.CharField(
        label=_("Mã chi bộ nơi chuyển đến"), max_length=64, help_text=_("Tìm mã trong danh bạ tổ chức.")
    )
    letter_on = date_field(_("Ngày thư giới thiệu"))
    decided_on = date_field(_("Ngày quyết định, thay đổi nơi cư trú có hiệu lực"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _document_fields(self)


class TransferPlanForm(forms.Form):
    decided_on = date_field(_("Ngày quyết định, thay đổi nơi cư trú có hiệu lực"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TransferReceiveForm(forms.Form):
    arrived_on = date_field(_("Ngày đến"))
    note = forms.CharField(
        label=_("Ghi chú (lý do nếu đến muộn)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferReturnForm(forms.Form):
    closed_on = date_field(_("Ngày trả lại"))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(forms.Form):
    date = date_field(_("Ngày đúng"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _document_fields(self, required=False)


class VoidForm(forms.Form):
    note = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 3}))


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo mã hoặc tên"), required=False, max_length=100)
