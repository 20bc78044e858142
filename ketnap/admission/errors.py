"""Errors of the admission procedure, in the project's one domain-error hierarchy."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from ketnap.rules import Finding


class StepBlocked(DomainError):
    """The rules found blocking problems; ``findings`` holds every finding, blocking or not.

    Only an approver may record the step anyway, with a reason (an audited override).
    """

    code = "step_blocked"
    status = 409

    def __init__(self, findings: Sequence[Finding], message: object = None) -> None:
        self.findings = list(findings)
        super().__init__(message or _("Bước này chưa đủ điều kiện theo quy định; xem các vấn đề bên dưới."))

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]


class StaleCase(DomainError):
    """The case changed since the form was opened: somebody else recorded a step first."""

    code = "stale_case"
    status = 409

    @classmethod
    def default_message(cls) -> object:
        return _("Hồ sơ vừa được người khác cập nhật; hãy tải lại trang rồi thử lại.")


class StepOutOfOrder(TransitionNotAllowed):
    """The step cannot be recorded before its prerequisites, or twice without a correction."""

    code = "step_out_of_order"


class OverrideNotAllowed(PermissionDenied):
    """Blocking findings with a reason from someone who may not approve: only an approver
    records a step over them. ``findings`` holds every finding, so a page can show why."""

    def __init__(self, findings: Sequence[Finding], message: object = None) -> None:
        self.findings = list(findings)
        super().__init__(message or _("Chỉ người có quyền phê duyệt mới được ghi bước khi còn vấn đề chưa đạt."))
