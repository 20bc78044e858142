"""Forms of the import pages: the upload, the sheet and column mapping, the merge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketnap.imports.columns import Kind, columns_for

KIND_LABELS = {Kind.MEMBERS: _("Đảng viên"), Kind.CANDIDATES: _("Người vào Đảng, quần chúng ưu tú")}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Danh sách"), choices=[(k.value, label) for k, label in KIND_LABELS.items()])
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


def column_field(header: str) -> str:
    return f"col_{header}"


class MappingForm(forms.Form):
    """The sheet, and for each column of its header row the field it holds (or none)."""

    def __init__(self, *args: Any, sheets: list[str], headers: dict[str, str], kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"] = forms.ChoiceField(label=_("Trang tính"), choices=[(name, name) for name in sheets])
        choices = [("", _("— bỏ qua —")), *((c.key, c.header) for c in columns_for(kind))]
        self.letters = list(headers)
        for letter, text in headers.items():
            label = _("Cột %(letter)s «%(header)s»") % {"letter": letter, "header": text[:60]}
            self.fields[column_field(letter)] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self) -> dict[str, str]:
        return {letter: self.cleaned_data.get(column_field(letter)) or "" for letter in self.letters}


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label=_("Mã hồ sơ trùng"),
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Hồ sơ này được gộp vào hồ sơ đang xem rồi bị xóa; mọi sự kiện của nó được giữ lại."),
    )
    confirm = forms.BooleanField(label=_("Tôi đã kiểm tra đây là cùng một người."))
