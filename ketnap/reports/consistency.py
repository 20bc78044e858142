"""Figures typed into a report draft, checked against themselves and against the data.

A pasted paragraph (or a filled table, one line per figure) is read for:

- totals and their parts: "A + B = C", "A + B … tổng C" and the reports' own
  phrasing, a total followed by its parts in brackets — "523 quần chúng (khối xã 193;
  khối cơ quan, trường học 335)" — where the parts must add up to the total;
- shares: "8/11 (73%)" and "A/B, đạt P%" must agree to the rounding written;
- known labels ("đảng viên", "đảng viên dự bị", "đảng viên nữ", "kết nạp", "tổ chức
  cơ sở đảng"…): the figure written beside the label against the same figure from the
  report selectors for the organization and period.

Each disagreement names the figure, what the draft says, what it should be and by
how much. The reading is pure (``findings_in``); ``check_draft`` adds the data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ketnap.lib.vntext import fold
from ketnap.organizations.models import Organization
from ketnap.reports.narrative import num
from ketnap.reports.newmembers import new_members_for
from ketnap.reports.selectors import statistics_for

DRAFT_MAX_LENGTH = 20_000
# A number as Vietnamese text writes it: 30.044 / 1.022 / 71,76 / 523.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER_RE = re.compile(rf"(?<![\d/.,])({_NUMBER})(?![\d/]|[.,]\d)")
_PLUS_RE = re.compile(
    rf"(?<![\d/.,])((?:{_NUMBER})(?:\s*\+\s*(?:{_NUMBER}))+)(?P<rest>[^.;\n]{{0,80}}?)"
    rf"(?:=|tổng(?:\s+(?:số|cộng))?(?:\s+là)?|bằng)\s*({_NUMBER})",
    re.IGNORECASE,
)
_BRACKET_RE = re.compile(rf"(?<![\d/.,])({_NUMBER})(?![\d/]|[.,]\d)([^()\d\n]{{0,60}}?)\(([^()]*)\)")
_RATIO_RE = re.compile(rf"(?<![\d/.,])({_NUMBER})\s*/\s*({_NUMBER})(?![\d/])[^%\n]{{0,40}}?({_NUMBER})\s*%")
_DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
_YEAR_WORDS = ("nam", "ngay", "thang", "quy", "khoa", "nhiem ky")
# Words of a part that is a subset of the total (of whom women…), not a share of it.
_SUBSET_WORDS = ("trong do", "du bi", "nu", "dan toc", "ton giao", "doan vien", "chiem", "dat")


def parse_number(text: str) -> Decimal:
    """30.044 -> 30044; 71,76 -> 71.76 (Vietnamese separators)."""
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation as error:  # the patterns only pass digits; kept for safety
        raise ValueError(text) from error


@dataclass(frozen=True)
class Finding:
    """One figure of the draft that disagrees."""

    kind: str  # "sum", "share" or "data"
    message: str
    excerpt: str
    stated: float
    expected: float
    difference: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _excerpt(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 30) : min(len(text), end + 30)].split())


def _sum_finding(text: str, match: re.Match[str], parts: list[Decimal], total: Decimal) -> Finding | None:
    added = sum(parts, Decimal(0))
    if added == total:
        return None
    message = _("Các số thành phần %(parts)s = %(sum)s, khác tổng %(total)s (chênh %(diff)s).") % {
        "parts": " + ".join(num(p) for p in parts),
        "sum": num(added),
        "total": num(total),
        "diff": num(abs(added - total)),
    }
    return Finding(
        "sum", message, _excerpt(text, match.start(), match.end()), float(total), float(added), float(added - total)
    )


def _plus_findings(text: str) -> list[Finding]:
    found = []
    for match in _PLUS_RE.finditer(text):
        parts = [parse_number(p) for p in re.split(r"\s*\+\s*", match.group(1))]
        finding = _sum_finding(text, match, parts, parse_number(match.group(3)))
        if finding:
            found.append(finding)
    return found


def _parts(inside: str) -> list[Decimal] | None:
    """The value of each part of a bracket (the last number of the part, as in "khối
    xã, thị trấn 193"); None when the bracket is not a breakdown of the total."""
    inside = _DATE_RE.sub(" ", inside)
    if "%" in inside or "/" in inside:
        return None
    pieces = [p for p in re.split(";" if ";" in inside else ",", inside) if _NUMBER_RE.search(p)]
    if len(pieces) < 2 or any(re.search(rf"\b{word}\b", fold(p)) for p in pieces for word in _SUBSET_WORDS):
        return None
    return [parse_number(_NUMBER_RE.findall(piece)[-1]) for piece in pieces]


def _bracket_findings(text: str) -> list[Finding]:
    """A total followed by its parts in brackets: the parts must add up to it."""
    found = []
    for match in _BRACKET_RE.finditer(text):
        parts = _parts(match.group(3))
        finding = _sum_finding(text, match, parts, parse_number(match.group(1))) if parts else None
        if finding:
            found.append(finding)
    return found


def _ratio_findings(text: str) -> list[Finding]:
    found = []
    for match in _RATIO_RE.finditer(text):
        part, whole, stated = (parse_number(match.group(i)) for i in (1, 2, 3))
        if not whole:
            continue
        exponent = stated.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        actual = round(100 * part / whole, decimals)
        tolerance = Decimal(1).scaleb(-decimals)
        if abs(actual - stated) < tolerance:
            continue
        message = _("%(part)s/%(whole)s là %(actual)s%%, văn bản ghi %(stated)s%% (chênh %(diff)s điểm phần trăm).") % {
            "part": num(part),
            "whole": num(whole),
            "actual": num(actual),
            "stated": num(stated),
            "diff": num(abs(actual - stated)),
        }
        excerpt = _excerpt(text, match.start(), match.end())
        found.append(Finding("share", message, excerpt, float(stated), float(actual), float(stated - actual)))
    return found


# Known labels, most specific first: (figure key, pattern on the folded words after
# the number, pattern on the words before it (with the after pattern, when given),
# pattern on a table line's label before the number). In prose a bare "đảng viên"
# after a number is not the total ("giảm 15 đảng viên"): only "có / tổng số … N đảng viên".
_LABELS: list[tuple[str, str | None, str | None, str]] = [
    ("probationary", r"^dang vien du bi", None, r"dang vien du bi:?$"),
    ("women", r"^dang vien nu\b", None, r"(dang vien )?nu:?$"),
    ("ethnic_minority", r"^(dang vien )?(la )?(nguoi )?dan toc thieu so", None, r"dan toc thieu so:?$"),
    ("grassroots_organizations", r"^to chuc co so dang", None, r"to chuc co so dang:?$"),
    ("admitted", r"^dang vien moi", None, r"(ket nap|dang vien moi ket nap|ket nap moi):?$"),
    ("admitted", r"^dang vien\b", r"(?<!le )\bket nap( duoc)?$", r"$^"),
    # Not "đầu kỳ có N đảng viên": the members at the start of the period.
    ("members", r"^dang vien\b", r"(?<!dau ky )\b(co|tong so|tong cong|gom)$", r"(tong so )?(so )?dang vien:?$"),
]
LABELS = {
    "probationary": gettext_lazy("Số đảng viên dự bị"),
    "women": gettext_lazy("Số đảng viên nữ"),
    "ethnic_minority": gettext_lazy("Số đảng viên là người dân tộc thiểu số"),
    "grassroots_organizations": gettext_lazy("Số tổ chức cơ sở đảng"),
    "admitted": gettext_lazy("Số đảng viên mới kết nạp"),
    "members": gettext_lazy("Tổng số đảng viên"),
}


def _label_of(before: str, after: str, table_line: bool) -> str | None:
    for key, after_pattern, before_pattern, line_pattern in _LABELS:
        if table_line and not after and re.search(line_pattern, before):
            return key
        after_ok = after_pattern is not None and re.search(after_pattern, after)
        if after_ok and (before_pattern is None or re.search(before_pattern, before)):
            return key
    return None


def labelled_figures(text: str) -> list[tuple[str, Decimal, int, int]]:
    """(figure key, value, start, end) of every number written beside a known label."""
    clean = _DATE_RE.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in _NUMBER_RE.finditer(clean):
        if clean[match.end() : match.end() + 2].strip().startswith(("%", "/")):
            continue
        line_start = clean.rfind("\n", 0, match.start()) + 1
        line_end = clean.find("\n", match.end())
        segments = re.split(r"[.;(),]", clean[line_start : match.start()])
        before = fold(segments[-1]).strip()
        after = fold(re.split(r"[.;()\n]", clean[match.end() : match.end() + 60])[0]).strip()
        rest = clean[match.end() : line_end if line_end >= 0 else len(clean)].strip()
        if before.endswith(_YEAR_WORDS):
            continue
        table_line = len(segments) == 1 and not rest
        key = _label_of(before, after, table_line)
        if key:
            found.append((key, parse_number(match.group(1)), match.start(), match.end()))
    return found


def data_findings(text: str, figures: dict[str, int | None]) -> list[Finding]:
    found = []
    for key, stated, start, end in labelled_figures(text):
        expected = figures.get(key)
        if expected is None or stated == expected:
            continue
        message = _("%(label)s: văn bản ghi %(stated)s, số liệu là %(expected)s (chênh %(diff)s).") % {
            "label": LABELS[key],
            "stated": num(stated),
            "expected": num(expected),
            "diff": num(abs(stated - expected)),
        }
        found.append(
            Finding("data", message, _excerpt(text, start, end), float(stated), expected, float(stated - expected))
        )
    return found


def findings_in(text: str, figures: dict[str, int | None] | None = None) -> list[Finding]:
    """Every disagreement in the draft: within its own figures, and with ``figures``."""
    found = _plus_findings(text) + _bracket_findings(text) + _ratio_findings(text)
    return found + data_findings(text, figures or {})


def figures_for(user: Any, org: Organization, first: dt.date, last: dt.date) -> dict[str, int | None]:
    """The figures the labels stand for, as ``user`` may see them (withheld: None)."""
    stats = statistics_for(user, org, last)
    admitted = new_members_for(user, org, first, last).current.total
    return {
        "members": stats.members,
        "probationary": stats.probationary,
        "women": stats.women,
        "ethnic_minority": stats.ethnic_minority,
        "grassroots_organizations": stats.grassroots_organizations,
        "admitted": admitted,
    }


@dataclass(frozen=True)
class DraftCheck:
    organization_code: str
    first: dt.date
    last: dt.date
    figures: dict[str, int | None]
    findings: list[Finding]

    def as_dict(self) -> dict[str, Any]:
        return {
            "organization_code": self.organization_code,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "figures": self.figures,
            "findings": [finding.as_dict() for finding in self.findings],
        }


def check_draft(user: Any, org: Organization, first: dt.date, last: dt.date, text: str) -> DraftCheck:
    """The draft's disagreements, with the data of ``org`` for [first, last]."""
    figures = figures_for(user, org, first, last)
    return DraftCheck(org.code, first, last, figures, findings_in(text, figures))
