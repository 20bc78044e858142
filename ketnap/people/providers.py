"""The person record's own actions on the person page: correct it, record a change of
personal history, and, for someone never on the rolls, the first admission steps
(put in the source, open a case, or see the case already open). Registered when the
app is ready (``PeopleConfig.ready``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.people.actions import PersonAction, register
from ketnap.people.models import Person


@register
def record_actions(user: Any, person: Person, on: dt.date) -> list[PersonAction]:
    """Editing the record, for a user who may edit the person."""
    if not policy.can(user, Action.EDIT, person):
        return []
    url = reverse("person_update", args=[person.pk])
    group = _("Hồ sơ")
    return [
        PersonAction(
            _("Sửa lỗi nhập liệu"), f"{url}#sua-loi", group, _("Thông tin đã ghi bị sai: sửa, không ghi lịch sử.")
        ),
        PersonAction(
            _("Ghi nhận thay đổi lý lịch"), f"{url}#thay-doi", group, _("Lý lịch thay đổi từ một ngày: ghi lịch sử.")
        ),
    ]


@register
def admission_actions(user: Any, person: Person, on: dt.date) -> list[PersonAction]:
    """The open admission case, if any (also a candidate's or a probationary member's);
    for someone never on the rolls, else open a case from the source, else put them in
    the source of their cell."""
    from ketnap.admission.models import AdmissionCase, Prospect

    group = _("Kết nạp đảng viên")
    case = policy.scope(user, AdmissionCase.objects.filter(person=person, closed_on__isnull=True)).first()
    if case is not None:
        return [PersonAction(_("Xem hồ sơ kết nạp"), reverse("admission:case", args=[case.pk]), group)]
    # Admitted once: the membership ledger's actions apply, not the source's.
    if person.periods.exists() or not policy.can(user, Action.EDIT, person):
        return []
    if Prospect.objects.filter(person=person, left_on__isnull=True).exists():
        url = reverse("admission:case_open") + f"?person={person.pk}"
        return [PersonAction(_("Mở hồ sơ kết nạp"), url, group)]
    if person.organization.is_cell and person.organization.is_valid_on(on):
        url = reverse("admission:prospect_add", args=[person.organization.code]) + f"?person={person.pk}"
        return [PersonAction(_("Đưa vào nguồn phát triển đảng viên"), url, group)]
    return []
