"""The columns of the import templates: their Vietnamese headers, the headers committees
write instead (recognized without diacritics or case), and how each cell is read."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ketnap.lib.dates import DateInputError, parse_sheet_date
from ketnap.lib.vntext import fold
from ketnap.people.choices import (
    ETHNIC_GROUPS,
    Education,
    Gender,
    Occupation,
    PoliticalTheory,
    Professional,
    Religion,
)


class Kind(StrEnum):
    """What a file holds: party members (with their admission dates) or candidates."""

    MEMBERS = "members"
    CANDIDATES = "candidates"


class CellError(ValueError):
    """A cell that cannot be read; the message is for people."""


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    synonyms: tuple[str, ...]
    read: Callable[[Any], Any]
    required: bool = False
    members_only: bool = False
    choices: tuple[str, ...] = ()  # labels offered as a list in the template
    text: bool = False  # kept as text in the template (leading zeros)
    sensitive: bool = False


def _text(value: Any) -> str:
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return " ".join(str(value).split())


def _date(value: Any) -> dt.date:
    try:
        return parse_sheet_date(value)
    except DateInputError as error:
        raise CellError(error.message) from error


def _lookup(pairs: Iterable[tuple[str, Any]], extra: dict[str, str] | None = None) -> Callable[[Any], str]:
    """A reader of a closed list: the label or the stored value, folded, or an alias."""
    table = {fold(str(label)): value for value, label in pairs} | {fold(value): value for value, _label in pairs}
    table |= extra or {}

    def read(value: Any) -> str:
        found = table.get(fold(_text(value)))
        if found is None:
            raise CellError(_("«%(text)s» không có trong danh sách cho phép.") % {"text": _text(value)[:40]})
        return found

    return read


_YES = {"x", "co", "1", "dv", "doan vien", "la doan vien", "yes", "true"}
_NO = {"", "khong", "0", "no", "false", "-"}


def _yes_no(value: Any) -> bool:
    folded = fold(_text(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellError(_("Ghi «Có» hoặc «Không»."))


CITIZEN_ID_DIGITS = 12


def citizen_id(value: Any) -> str:
    """A citizen ID of 12 digits, kept as text. A cell typed as a number has lost its
    leading zeros: every 12-digit ID starts with a province code 001–096, so a number of
    10 or 11 digits is padded back to 12; any other number is refused (a 9-digit
    identity card number is not a citizen ID)."""
    if isinstance(value, bool):
        raise CellError(_("Số CCCD phải có đúng 12 chữ số."))
    if isinstance(value, int | float):
        return _padded(value)
    digits = "".join(str(value).split()).replace(".", "")
    if not (digits.isdigit() and len(digits) == CITIZEN_ID_DIGITS):
        raise CellError(_("Số CCCD phải có đúng 12 chữ số (nên định dạng ô là văn bản để giữ số 0 ở đầu)."))
    return digits


def _padded(number: float) -> str:
    if number != int(number) or number < 0:
        raise CellError(_("Số CCCD phải có đúng 12 chữ số."))
    digits = str(int(number))
    if len(digits) not in (CITIZEN_ID_DIGITS - 2, CITIZEN_ID_DIGITS - 1, CITIZEN_ID_DIGITS):
        message = _("Ô dạng số có %(count)s chữ số: số CCCD phải có 12 chữ số (định dạng ô là văn bản).")
        raise CellError(message % {"count": len(digits)})
    return digits.zfill(CITIZEN_ID_DIGITS)


def was_padded(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool) and len(str(int(raw))) < CITIZEN_ID_DIGITS


_EDUCATION_ALIASES = {
    "12/12": "upper_secondary",
    "9/12": "lower_secondary",
    "5/12": "primary",
    "10/10": "upper_secondary",
}


def _labels(pairs: Iterable[tuple[str, Any]]) -> tuple[str, ...]:
    return tuple(str(label) for _value, label in pairs)


COLUMNS: tuple[Column, ...] = (
    Column("full_name", _lazy("Họ và tên"), ("ho va ten", "ho ten", "ho va ten khai sinh", "ten"), _text, True),
    Column(
        "birth_date",
        _lazy("Ngày sinh"),
        ("ngay sinh", "nam sinh", "ngay thang nam sinh", "sinh ngay", "ngay, thang, nam sinh"),
        _date,
        True,
    ),
    Column("gender", _lazy("Giới tính"), ("gioi tinh", "nam/nu", "phai"), _lookup(Gender.choices), True),
    Column("ethnicity", _lazy("Dân tộc"), ("dan toc",), _lookup(ETHNIC_GROUPS), sensitive=True),
    Column("religion", _lazy("Tôn giáo"), ("ton giao",), _lookup(Religion.choices), sensitive=True),
    Column("hometown", _lazy("Quê quán"), ("que quan", "nguyen quan"), _text),
    Column("residence", _lazy("Nơi ở hiện nay"), ("noi o hien nay", "noi cu tru", "cho o hien nay", "dia chi"), _text),
    Column(
        "citizen_id",
        _lazy("Số CCCD"),
        ("so cccd", "cccd", "so can cuoc", "can cuoc cong dan", "so dinh danh", "so dinh danh ca nhan", "so cmnd/cccd"),
        citizen_id,
        text=True,
        sensitive=True,
    ),
    Column(
        "education",
        _lazy("Giáo dục phổ thông"),
        ("giao duc pho thong", "trinh do van hoa", "van hoa", "hoc van"),
        _lookup(Education.choices, _EDUCATION_ALIASES),
        True,
    ),
    Column(
        "professional",
        _lazy("Chuyên môn, nghiệp vụ"),
        ("chuyen mon, nghiep vu", "chuyen mon nghiep vu", "trinh do chuyen mon", "chuyen mon"),
        _lookup(Professional.choices),
    ),
    Column(
        "political_theory",
        _lazy("Lý luận chính trị"),
        ("ly luan chinh tri", "trinh do ly luan chinh tri", "trinh do llct", "llct"),
        _lookup(PoliticalTheory.choices),
    ),
    Column("occupation", _lazy("Nghề nghiệp"), ("nghe nghiep",), _lookup(Occupation.choices)),
    Column("youth_union_member", _lazy("Đoàn viên"), ("doan vien", "doan vien tncs"), _yes_no),
    Column(
        "organization",
        _lazy("Mã chi bộ"),
        ("ma chi bo", "chi bo", "ma to chuc", "to chuc dang", "chi bo sinh hoat", "to chuc co so dang"),
        _text,
        text=True,
    ),
    Column(
        "admitted_on",
        _lazy("Ngày vào Đảng"),
        ("ngay vao dang", "ngay ket nap", "ngay vao dang du bi", "ngay ket nap dang"),
        _date,
        True,
        members_only=True,
    ),
    Column(
        "official_on",
        _lazy("Ngày chính thức"),
        (
            "ngay chinh thuc",
            "ngay vao dang chinh thuc",
            "ngay cong nhan chinh thuc",
            "ngay cong nhan dang vien chinh thuc",
        ),
        _date,
        members_only=True,
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
_CHOICE_LABELS = {
    "gender": Gender.choices,
    "religion": Religion.choices,
    "education": Education.choices,
    "professional": Professional.choices,
    "political_theory": PoliticalTheory.choices,
    "occupation": Occupation.choices,
}


def columns_for(kind: Kind) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS if kind is Kind.MEMBERS or not c.members_only)


def choice_labels(key: str) -> tuple[str, ...]:
    if key == "youth_union_member":
        return (_("Có"), _("Không"))
    if key == "ethnicity":
        return _labels(ETHNIC_GROUPS)
    return _labels(_CHOICE_LABELS.get(key, ()))


def recognize(header: str, kind: Kind) -> str:
    """The column key a header names, or "" (``Ngày sinh``, ``NGAY SINH``, ``Năm sinh`` alike)."""
    folded = fold(header).strip(" :*.")
    for column in columns_for(kind):
        if folded == fold(str(column.header)) or folded in column.synonyms:
            return column.key
    return ""


def signature(headers: Iterable[str]) -> str:
    """What identifies a layout of headers, to remember its mapping."""
    return hashlib.sha256("|".join(fold(h) for h in headers).encode()).hexdigest()[:32]
