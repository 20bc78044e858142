"""Forms of the user management pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketnap.accounts.models import Role
from ketnap.core.errors import NotFound
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.web.forms import DayField


def _date_field(label: Any) -> DayField:
    """A dd/mm/yyyy text box read by the one date parser, like the dates of the other pages."""
    return DayField(label=label)


def _organization_field(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Mã tổ chức"),
        max_length=64,
        required=required,
        help_text=_("Mã của tổ chức, ví dụ «lai-chau»."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )


def _password_field(help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Mật khẩu"),
        required=False,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class OrganizationCodeForm(forms.Form):
    """A form with an organization code, read as the organization the user may see."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_organization(self) -> Organization | None:
        code = self.cleaned_data["organization"].strip()
        if not code:
            return None
        try:
            return organization_get(self.user, code)
        except NotFound as error:
            raise forms.ValidationError(_("Không tìm thấy tổ chức có mã này.")) from error


class UserCreateForm(OrganizationCodeForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254)
    organization = _organization_field()
    password = _password_field(_("Để trống để hệ thống tạo một mật khẩu dùng một lần."))


class RoleGrantForm(OrganizationCodeForm):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    organization = _organization_field()
    valid_from = _date_field(_("Hiệu lực từ"))


class RoleEndForm(forms.Form):
    on = _date_field(_("Kết thúc từ ngày"))


class PasswordResetForm(forms.Form):
    password = _password_field(_("Để trống để hệ thống tạo một mật khẩu dùng một lần."))


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), max_length=100, required=False)


class AccessForm(forms.Form):
    history = forms.BooleanField(label=_("Cả các vai trò đã kết thúc hoặc chưa bắt đầu"), required=False)
