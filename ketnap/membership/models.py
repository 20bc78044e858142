"""What the membership ledger needs beyond its events: the document details of each
recorded decision, and the two-sided transfer between organizations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketnap.rules.membership import LedgerEvent


def _ledger_labels() -> list[tuple[str, object]]:
    labels = {
        LedgerEvent.TRANSFER_OUT: _("Chuyển sinh hoạt đảng chính thức đi"),
        LedgerEvent.TRANSFER_IN: _("Tiếp nhận đảng viên chuyển đến"),
        LedgerEvent.TEMPORARY_OUT: _("Sinh hoạt đảng tạm thời nơi khác"),
        LedgerEvent.TEMPORARY_RETURN: _("Trở về sinh hoạt sau sinh hoạt tạm thời"),
        LedgerEvent.EXEMPTION: _("Miễn công tác và sinh hoạt đảng"),
        LedgerEvent.EXEMPTION_END: _("Thôi miễn công tác và sinh hoạt đảng"),
        LedgerEvent.REMOVAL: _("Xóa tên trong danh sách đảng viên"),
        LedgerEvent.EXPULSION: _("Khai trừ khỏi Đảng"),
        LedgerEvent.LEAVING: _("Xin ra khỏi Đảng"),
        LedgerEvent.DEATH: _("Từ trần"),
        LedgerEvent.READMISSION: _("Kết nạp lại"),
    }
    return [(event.value, labels[event]) for event in LedgerEvent]


LEDGER_CHOICES = _ledger_labels()


class LedgerEntry(models.Model):
    """The decision or resolution behind one membership event: which form recorded it
    (voluntary leaving is a removal in the ledger, but a different reason for a later
    readmission), who issued the document, and a temporary stay's planned end."""

    event = models.OneToOneField(
        "people.MembershipEvent", on_delete=models.PROTECT, related_name="ledger_entry", verbose_name=_("sự kiện")
    )
    form = models.CharField(_("loại quyết định"), max_length=24, choices=LEDGER_CHOICES)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    temporary_until = models.DateField(_("sinh hoạt tạm thời đến ngày"), null=True, blank=True)
    study = models.BooleanField(_("đi học tập trung"), default=False)
    # A readmission: the provincial standing committee's written agreement (QĐ 294 3.5.1).
    provincial_consent_on = models.DateField(_("ngày Ban Thường vụ Tỉnh ủy đồng ý"), null=True, blank=True)

    scope_path = "event__person__organization__path"

    class Meta:
        verbose_name = _("quyết định về đảng tịch")
        verbose_name_plural = _("quyết định về đảng tịch")

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.event.date:%d/%m/%Y}"


class TransferState(models.TextChoices):
    PLANNED = "planned", _("Chờ chuyển sinh hoạt")
    PENDING = "pending", _("Đang chuyển")
    RECEIVED = "received", _("Đã tiếp nhận")
    RETURNED = "returned", _("Đã trả lại, không tiếp nhận")


OPEN_STATES = (TransferState.PLANNED, TransferState.PENDING)


class Transfer(models.Model):
    """An official transfer of party activity, two-sided: the sending committee records
    the decision (or change of residence) and then the introduction letter; the
    receiving organization confirms the arrival, which writes the ledger's transfer
    events, or returns the letter. Visible to the sending side by ``from_organization``
    and, once the letter is issued, to the receiving side by ``destination`` (a grant
    registered with the policy)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="membership_transfers", verbose_name=_("đảng viên")
    )
    from_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi chuyển đi")
    )
    destination = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nơi chuyển đến"),
    )
    state = models.CharField(_("tình trạng"), max_length=16, choices=TransferState.choices)
    decided_on = models.DateField(_("ngày quyết định, thay đổi nơi cư trú có hiệu lực"), null=True, blank=True)
    letter_on = models.DateField(_("ngày thư giới thiệu"), null=True, blank=True)
    document_number = models.CharField(_("số thư giới thiệu"), max_length=64, blank=True)
    issuer = models.CharField(_("cơ quan giới thiệu"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    arrived_on = models.DateField(_("ngày đến"), null=True, blank=True)
    closed_on = models.DateField(_("ngày trả lại"), null=True, blank=True)
    close_reason = models.TextField(_("lý do trả lại"), blank=True)
    out_event = models.OneToOneField(
        "people.MembershipEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    in_event = models.OneToOneField(
        "people.MembershipEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "from_organization__path"

    class Meta:
        verbose_name = _("chuyển sinh hoạt đảng")
        verbose_name_plural = _("chuyển sinh hoạt đảng")
        indexes = [models.Index(fields=["destination", "state"]), models.Index(fields=["state", "letter_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(state__in=[s.value for s in OPEN_STATES]),
                name="one_open_transfer_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(state="pending") | (Q(destination__isnull=False) & Q(letter_on__isnull=False)),
                name="pending_transfer_has_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.destination or '…'}"
