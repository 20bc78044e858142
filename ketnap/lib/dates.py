"""Dates as Vietnamese documents print them, and the one parser of dates typed or sent.

Pages, the API and the commands all read dates through :func:`parse_date`, so a typo is
refused the same way everywhere: never read as another day, never as a Unix timestamp,
and never so far from today that date arithmetic (months, working days, holidays)
overflows.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from django.utils.translation import gettext as _

# Dates any record can carry: births of the oldest members, and deadlines a few
# decades ahead. Outside this range a date is a typo, and arithmetic on 0001-01-01 or
# 9999-12-31 (a year of probation, 30 working days) would overflow.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


class DateStyle(Enum):
    """The forms a date may be written in: ISO for the API and commands, and also
    dd/mm/yyyy on pages."""

    ISO = "iso"
    PAGE = "page"


class DateInputError(ValueError):
    """A date that cannot be read; ``reason`` is "format", "not_a_day" or "range"."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


def dmy(date: dt.date) -> str:
    """dd/mm/yyyy with a four-digit year: 01/01/0001, where strftime gives 01/01/1."""
    return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def _parts(text: str, style: DateStyle) -> tuple[int, int, int] | None:
    iso = _ISO.fullmatch(text)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3])
    page = _DMY.fullmatch(text) if style is DateStyle.PAGE else None
    if page:
        return int(page[3]), int(page[2]), int(page[1])
    return None


def _format_error(text: str, style: DateStyle) -> DateInputError:
    if style is DateStyle.PAGE:
        message = _("«%(text)s» không phải một ngày. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2021.")
    else:
        message = _("«%(text)s» không phải một ngày dạng YYYY-MM-DD, ví dụ 2021-12-31.")
    return DateInputError(message % {"text": text[:40]}, "format")


def check_date_range(date: dt.date) -> dt.date:
    """``date`` itself, or :class:`DateInputError` when it is outside the supported range."""
    if MIN_DATE <= date <= MAX_DATE:
        return date
    message = _("Ngày %(date)s nằm ngoài khoảng ngày được hỗ trợ (%(first)s–%(last)s).") % {
        "date": dmy(date),
        "first": dmy(MIN_DATE),
        "last": dmy(MAX_DATE),
    }
    raise DateInputError(message, "range")


def parse_date(text: object, style: DateStyle = DateStyle.ISO) -> dt.date:
    """The date written in ``text``: YYYY-MM-DD (and dd/mm/yyyy for ``DateStyle.PAGE``),
    a day that exists, within ``MIN_DATE``–``MAX_DATE``. Anything else (a number, a
    timestamp, 31/02/2023) raises :class:`DateInputError` with a message for people."""
    cleaned = text.strip() if isinstance(text, str) else ""
    parts = _parts(cleaned, style)
    if parts is None:
        raise _format_error(cleaned or str(text), style)
    year, month, day = parts
    try:
        date = dt.date(year, month, day)
    except ValueError as error:
        message = _("Ngày %(text)s không tồn tại trong lịch.") % {"text": cleaned}
        raise DateInputError(message, "not_a_day") from error
    return check_date_range(date)
