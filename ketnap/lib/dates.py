"""Dates as Vietnamese documents print them, and the one parser of dates typed or sent.

Pages, the API and the commands all read dates through :func:`parse_date`, so a typo is
refused the same way everywhere: never read as another day, never as a Unix timestamp,
and never so far from today that date arithmetic (months, working days, holidays)
overflows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum

from django.utils.translation import gettext as _

# Dates any record can carry: births of the oldest members, and deadlines a few
# decades ahead. Outside this range a date is a typo, and arithmetic on 0001-01-01 or
# 9999-12-31 (a year of probation, 30 working days) would overflow.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_SHEET_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})")
_WORDS = re.compile(r"(?:ngày\s+)?([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})", re.IGNORECASE)
# Excel's day 0 (its serial 60 is the 29/02/1900 that never was; no record is that old).
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class DateStyle(Enum):
    """The forms a date may be written in: ISO for the API and commands, and also
    dd/mm/yyyy on pages."""

    ISO = "iso"
    PAGE = "page"
    # Spreadsheets kept by hand: also d/m/yy, dd-mm-yyyy, dd.mm.yyyy and
    # "12 tháng 3 năm 1990" (see :func:`parse_sheet_date` for cells that are numbers).
    SHEET = "sheet"


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
    if style is DateStyle.SHEET:
        return _sheet_parts(text)
    return None


def _sheet_parts(text: str) -> tuple[int, int, int] | None:
    found = _SHEET_DMY.fullmatch(text) or _WORDS.fullmatch(unicodedata.normalize("NFC", text))
    if not found:
        return None
    return _full_year(found[3]), int(found[2]), int(found[1])


def _full_year(text: str) -> int:
    """A two-digit year is in this century up to this year, else in the last one (d/m/yy
    in a register of births: 05 is 2005, 90 is 1990)."""
    if len(text) == 4:
        return int(text)
    this_year = dt.date.today().year
    year = this_year // 100 * 100 + int(text)
    return year if year <= this_year else year - 100


def _format_error(text: str, style: DateStyle) -> DateInputError:
    if style is DateStyle.SHEET:
        message = _("«%(text)s» không phải một ngày. Hãy ghi dạng dd/mm/yyyy, ví dụ 31/12/1990.")
    elif style is DateStyle.PAGE:
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


def parse_sheet_date(value: object) -> dt.date:
    """The date in a spreadsheet cell: a date or date-time cell, an Excel serial number
    (the cell formatted as a number), or text in any form of ``DateStyle.SHEET``. A
    whole number from 1900 to 2199 is a year alone, not a day: refused, never read as
    the serial day it would also be (1990 is 12/06/1905)."""
    if isinstance(value, dt.datetime):
        return check_date_range(value.date())
    if isinstance(value, dt.date):
        return check_date_range(value)
    if isinstance(value, bool):
        raise _format_error(str(value), DateStyle.SHEET)
    if isinstance(value, int | float):
        return _from_serial(value)
    return parse_date(value, DateStyle.SHEET)


def _from_serial(number: float) -> dt.date:
    if number == int(number) and MIN_DATE.year <= number <= MAX_DATE.year:
        message = _("Chỉ có năm %(year)s: cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).") % {"year": int(number)}
        raise DateInputError(message, "year_only")
    if number < 1 or number > 200_000:
        raise _format_error(str(number), DateStyle.SHEET)
    return check_date_range(_EXCEL_EPOCH + dt.timedelta(days=int(number)))
