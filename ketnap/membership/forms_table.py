"""The ledger's forms: which event each records, in the ledger and for the rules, and
the role it needs. Removal, expulsion, leaving and readmission are decisions of the
competent committee (Charter art. 8–10; QĐ 294 4.3.2 for readmission), so they need
``approve``; the rest are recorded by the cell's or committee's editor (``edit``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ketnap.core.policy import Action
from ketnap.people.status import EventKind
from ketnap.rules.membership import LedgerEvent


@dataclass(frozen=True)
class LedgerForm:
    event: LedgerEvent
    kind: EventKind
    action: Action
    slug: str  # in page URLs (Vietnamese); the API uses ``event``'s value
    label: Promise
    needs_document: bool = True


FORMS: tuple[LedgerForm, ...] = (
    LedgerForm(
        LedgerEvent.TRANSFER_IN,
        EventKind.TRANSFERRED_IN,
        Action.EDIT,
        "chuyen-den",
        _("Tiếp nhận đảng viên chuyển đến"),
    ),
    LedgerForm(
        LedgerEvent.TEMPORARY_OUT,
        EventKind.TEMPORARY_OUT,
        Action.EDIT,
        "sinh-hoat-tam-thoi",
        _("Sinh hoạt đảng tạm thời nơi khác"),
    ),
    LedgerForm(LedgerEvent.TEMPORARY_RETURN, EventKind.TEMPORARY_RETURN, Action.EDIT, "tro-ve", _("Trở về sinh hoạt")),
    LedgerForm(
        LedgerEvent.EXEMPTION, EventKind.EXEMPTED, Action.EDIT, "mien-sinh-hoat", _("Miễn công tác và sinh hoạt đảng")
    ),
    LedgerForm(
        LedgerEvent.EXEMPTION_END, EventKind.EXEMPTION_ENDED, Action.EDIT, "thoi-mien", _("Thôi miễn sinh hoạt đảng")
    ),
    LedgerForm(LedgerEvent.REMOVAL, EventKind.REMOVED, Action.APPROVE, "xoa-ten", _("Xóa tên")),
    LedgerForm(LedgerEvent.EXPULSION, EventKind.EXPELLED, Action.APPROVE, "khai-tru", _("Khai trừ")),
    LedgerForm(LedgerEvent.LEAVING, EventKind.REMOVED, Action.APPROVE, "ra-khoi-dang", _("Xin ra khỏi Đảng")),
    LedgerForm(LedgerEvent.DEATH, EventKind.DIED, Action.EDIT, "tu-tran", _("Từ trần"), needs_document=False),
    LedgerForm(LedgerEvent.READMISSION, EventKind.READMITTED, Action.APPROVE, "ket-nap-lai", _("Kết nạp lại")),
)
BY_EVENT = {form.event: form for form in FORMS}
BY_SLUG = {form.slug: form for form in FORMS}
# The form behind an event recorded without a ledger entry (by other services).
BY_KIND = {form.kind: form for form in FORMS if form.event is not LedgerEvent.LEAVING}
