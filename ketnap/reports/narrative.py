"""The period's figures as paragraphs in the words of the committees' own reports,
ready to paste into a quarterly report (and as a Word file, ``documents.py``).

Every figure comes from the report selectors the pages show (statistics, change over
the period, new members, funnel), as the reader may see them: a withheld figure is
left out of the text rather than written as a dash. Numbers are written the way the
active language writes them (30.044 and 71,76% in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ketnap.lib.dates import dmy
from ketnap.organizations.models import Organization
from ketnap.reports.funnel import Funnel, funnel_for
from ketnap.reports.newmembers import NewMembers, new_members_for
from ketnap.reports.period import Change, change_for
from ketnap.reports.selectors import Statistics, statistics_for

# The admissions plan of an organization for a period, when one is set (the plans
# app registers the function here); None when there is no plan.
PlanLookup = Callable[[Organization, dt.date, dt.date], int | None]
_plan_lookup: list[PlanLookup] = []


def register_plan_lookup(lookup: PlanLookup) -> None:
    _plan_lookup[:] = [lookup]


def admissions_plan(org: Organization, first: dt.date, last: dt.date) -> int | None:
    """The number of admissions planned for the period; None without a plan."""
    return _plan_lookup[0](org, first, last) if _plan_lookup else None


def num(value: int | float | Decimal) -> str:
    """A count as the active language writes it (30.044)."""
    return number_format(value, use_l10n=True, force_grouping=True)


def pct(part: int, whole: int) -> str:
    """A share in percent with two decimals (71,76%)."""
    return number_format(round(100 * part / whole, 2), 2, use_l10n=True, force_grouping=True) + "%"


@dataclass(frozen=True)
class Narrative:
    organization_code: str
    organization_name: str
    first: dt.date
    last: dt.date
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return data | {"first": self.first.isoformat(), "last": self.last.isoformat(), "text": self.text}


def _share_of(part: int | None, whole: int, label: str) -> str:
    if part is None:
        return ""
    if not whole:
        return label % {"n": num(part)}
    return (label + _(", chiếm %(p)s")) % {"n": num(part), "p": pct(part, whole)}


def membership_paragraph(stats: Statistics) -> str:
    details = [
        _share_of(stats.probationary, 0, _("%(n)s đảng viên dự bị")),
        _share_of(stats.women, stats.members, _("%(n)s đảng viên nữ")),
        _share_of(stats.ethnic_minority, stats.members, _("%(n)s đảng viên là người dân tộc thiểu số")),
    ]
    text = _("Tính đến ngày %(date)s, %(org)s có %(orgs)s tổ chức cơ sở đảng, %(members)s đảng viên (%(details)s).")
    return text % {
        "date": dmy(stats.as_of),
        "org": stats.organization_name,
        "orgs": num(stats.grassroots_organizations),
        "members": num(stats.members),
        "details": "; ".join(d for d in details if d),
    }


def _compared(now: int, before: int) -> str:
    if now == before:
        return _("bằng cùng kỳ năm trước")
    if not before:
        return _("cùng kỳ năm trước không kết nạp đảng viên nào")
    words = (
        _("tăng %(n)s đảng viên (%(p)s) so với cùng kỳ năm trước")
        if now > before
        else _("giảm %(n)s đảng viên (%(p)s) so với cùng kỳ năm trước")
    )
    return words % {"n": num(abs(now - before)), "p": pct(abs(now - before), before)}


def admissions_paragraph(report: NewMembers, plan: int | None) -> str:
    now, before = report.current, report.previous
    text = _("Từ ngày %(first)s đến ngày %(last)s, kết nạp %(n)s đảng viên mới") % {
        "first": dmy(now.first),
        "last": dmy(now.last),
        "n": num(now.total),
    }
    if plan:
        text += _(", đạt %(p)s kế hoạch") % {"p": pct(now.total, plan)}
    details = [
        _share_of(now.women, now.total, _("nữ %(n)s")),
        _share_of(now.youth_union, now.total, _("đoàn viên thanh niên %(n)s")),
        _share_of(now.ethnic_minority, now.total, _("người dân tộc thiểu số %(n)s")),
    ]
    if now.total:
        text += " (" + "; ".join(d for d in details if d) + ")"
    return text + "; " + _compared(now.total, before.total) + "."


def change_paragraph(change: Change) -> str:
    inc, dec = change.increases, change.decreases
    increases = [
        (inc["admitted"], _("kết nạp %(n)s")),
        (inc["readmitted"], _("kết nạp lại %(n)s")),
        (inc["transferred_in"], _("chuyển đến %(n)s")),
        (inc["other"], _("khác %(n)s")),
    ]
    decreases = [
        (dec["transferred_out"], _("chuyển đi %(n)s")),
        (dec["died"], _("từ trần %(n)s")),
        (dec["removed"], _("xóa tên %(n)s")),
        (dec["expelled"], _("khai trừ %(n)s")),
        (dec["resigned"], _("xin ra khỏi Đảng %(n)s")),
        (dec["other"], _("khác %(n)s")),
    ]
    text = _(
        "Đầu kỳ có %(start)s đảng viên; trong kỳ tăng %(up)s%(up_details)s, giảm %(down)s%(down_details)s; "
        "cuối kỳ có %(end)s đảng viên. Công nhận đảng viên chính thức cho %(recognized)s đồng chí."
    )
    return text % {
        "start": num(change.start),
        "up": num(change.increased),
        "up_details": _details(increases),
        "down": num(change.decreased),
        "down_details": _details(decreases),
        "end": num(change.end),
        "recognized": num(change.recognized),
    }


def _details(parts: list[tuple[int, str]]) -> str:
    shown = [label % {"n": num(count)} for count, label in parts if count]
    return " (" + ", ".join(shown) + ")" if shown else ""


def funnel_paragraph(funnel: Funnel) -> str:
    rows = {row.stage: row for row in funnel.stages}
    waiting = sum(row.waiting for row in funnel.stages)
    stuck = sum(row.stuck for row in funnel.stages)
    text = _(
        "Công tác tạo nguồn: trong kỳ có %(source)s quần chúng ưu tú được đưa vào nguồn, %(awareness)s quần chúng "
        "học lớp bồi dưỡng nhận thức về Đảng, %(dossier)s hồ sơ xin vào Đảng được lập; hiện có %(waiting)s trường "
        "hợp đang trong quy trình, trong đó %(stuck)s trường hợp chậm so với thời gian thông thường."
    )
    return text % {
        "source": num(rows["source"].entered),
        "awareness": num(rows["awareness"].entered),
        "dossier": num(rows["dossier"].entered),
        "waiting": num(waiting),
        "stuck": num(stuck),
    }


def narrative_for(user: Any, org: Organization, first: dt.date, last: dt.date) -> Narrative:
    """The narrative of ``org``'s subtree for [first, last] as ``user`` may see it."""
    change = change_for(user, org, first, last)
    paragraphs = [
        membership_paragraph(statistics_for(user, org, last)),
        admissions_paragraph(new_members_for(user, org, first, last), admissions_plan(org, first, last)),
        change_paragraph(change),
        funnel_paragraph(funnel_for(user, org, first, last)),
    ]
    return Narrative(org.code, org.name, first, last, paragraphs)
