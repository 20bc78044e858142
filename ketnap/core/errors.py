"""The one small hierarchy of domain errors.

Pages map these to form errors, the API maps them to its JSON error shape, and
commands to a non-zero exit with the message. Messages are translatable.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ketnap.lib.dates import dmy
from ketnap.rules.editions import NoEditionInForce


class DomainError(Exception):
    """A request the domain refuses; ``code`` is stable, ``message`` is for people."""

    code = "domain_error"
    status = 400

    def __init__(self, message: object = None, *, field: str | None = None) -> None:
        self.message = message if message is not None else self.default_message()
        self.field = field
        super().__init__(str(self.message))

    @classmethod
    def default_message(cls) -> object:
        return _("Yêu cầu không hợp lệ.")


class ValidationFailed(DomainError):
    code = "validation_failed"
    status = 422

    def __init__(self, errors: dict[str, list[str]], message: object = None) -> None:
        self.errors = errors
        # The first field named, so a client finds it as it finds a schema error's.
        super().__init__(message or _("Dữ liệu không hợp lệ."), field=next(iter(errors), None))


class NotFound(DomainError):
    """Missing, or outside the user's scope: the two are indistinguishable on purpose."""

    code = "not_found"
    status = 404

    @classmethod
    def default_message(cls) -> object:
        return _("Không tìm thấy.")


class PermissionDenied(DomainError):
    """Visible to the user, but the action needs a higher role."""

    code = "permission_denied"
    status = 403

    @classmethod
    def default_message(cls) -> object:
        return _("Bạn không có quyền thực hiện thao tác này.")


class OutOfScope(DomainError):
    """A write would place an object outside the user's subtree; it is rolled back."""

    code = "out_of_scope"
    status = 403

    @classmethod
    def default_message(cls) -> object:
        return _("Kết quả nằm ngoài phạm vi tổ chức bạn được giao quản lý.")


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"
    status = 409


class NotValidOnDate(DomainError):
    """The organization did not exist (was not yet opened, or already closed) on that date."""

    code = "not_valid_on_date"
    status = 404


class DateBeforeRegulations(DomainError):
    """A date before the first regulation edition modelled: no rule can judge it."""

    code = "date_before_regulations"
    status = 422

    def __init__(self, day: dt.date, earliest: dt.date, *, field: str | None = None) -> None:
        message = _(
            "Ngày %(date)s trước văn bản quy định sớm nhất được áp dụng; chỉ xét được từ ngày %(earliest)s trở đi."
        ) % {"date": dmy(day), "earliest": dmy(earliest)}
        super().__init__(message, field=field)
        self.details = {"date": day.isoformat(), "earliest": earliest.isoformat()}


# Errors raised below the Django layer (the regulations package is pure Python) that
# every interface reports as the domain error they stand for.
DOMAIN_ERRORS: tuple[type[Exception], ...] = (DomainError, NoEditionInForce)


def as_domain_error(error: Exception) -> DomainError:
    """``error`` (one of ``DOMAIN_ERRORS``) as the domain error pages, API and commands map."""
    if isinstance(error, NoEditionInForce):
        return DateBeforeRegulations(error.day, error.earliest)
    assert isinstance(error, DomainError)
    return error
