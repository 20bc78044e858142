"""Each report laid out once as a table: the page, the spreadsheet and the PDF all
render this same table, so the three cannot disagree (formatting only, no figures
computed here beyond shares of figures already in the report)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ketnap.lib.dates import dmy
from ketnap.people.choices import ETHNIC_GROUPS, Education, Occupation, PoliticalTheory, Professional, Religion
from ketnap.reports.funnel import Funnel
from ketnap.reports.newmembers import WITHHELD_KEY, Composition, NewMembers
from ketnap.reports.period import Change
from ketnap.reports.selectors import AGE_BANDS

Value = int | float | str | None
WITHHELD = "—"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "count"  # text, count, share (a fraction), days, signed


@dataclass(frozen=True)
class Row:
    values: list[Value]
    heading: bool = False  # a section's line, in bold
    indent: int = 0


@dataclass(frozen=True)
class ReportTable:
    title: str
    subtitle: str
    columns: list[Column]
    rows: list[Row]
    groups: list[tuple[str, int]] = field(default_factory=list)  # merged headers above the columns
    notes: list[str] = field(default_factory=list)


def display(value: Value, kind: str) -> str:
    """A cell as the page and the PDF show it (30.044; 71,76%; — when withheld)."""
    if value is None:
        return WITHHELD if kind != "text" else ""
    if isinstance(value, str):
        return value
    if kind == "share":
        return number_format(round(100 * value, 2), 2, use_l10n=True) + "%"
    if kind == "signed" and value > 0:
        return "+" + number_format(value, use_l10n=True, force_grouping=True)
    if kind == "days":
        return number_format(value, 0 if float(value).is_integer() else 1, use_l10n=True, force_grouping=True)
    return number_format(value, use_l10n=True, force_grouping=True)


def _period(first: Any, last: Any) -> str:
    return _("từ ngày %(first)s đến ngày %(last)s") % {"first": dmy(first), "last": dmy(last)}


def change_table(change: Change) -> ReportTable:
    inc, dec = change.increases, change.decreases
    lines = [
        Row([_("Đảng viên đầu kỳ"), change.start], heading=True),
        Row([_("Tăng trong kỳ"), change.increased], heading=True),
        Row([_("Kết nạp"), inc["admitted"]], indent=1),
        Row([_("Kết nạp lại"), inc["readmitted"]], indent=1),
        Row([_("Chuyển đến"), inc["transferred_in"]], indent=1),
        Row([_("Tăng khác"), inc["other"]], indent=1),
        Row([_("Giảm trong kỳ"), change.decreased], heading=True),
        Row([_("Chuyển đi"), dec["transferred_out"]], indent=1),
        Row([_("Từ trần"), dec["died"]], indent=1),
        Row([_("Xóa tên"), dec["removed"]], indent=1),
        Row([_("Xin ra khỏi Đảng"), dec["resigned"]], indent=1),
        Row([_("Khai trừ"), dec["expelled"]], indent=1),
        Row([_("Giảm khác"), dec["other"]], indent=1),
        Row([_("Đảng viên cuối kỳ"), change.end], heading=True),
        Row([_("Công nhận đảng viên chính thức (thay đổi tư cách, không tăng giảm)"), change.recognized]),
        Row([_("Quyết định kết nạp ký trong kỳ"), change.admission_decisions]),
    ]
    return ReportTable(
        title=_("BÁO CÁO TĂNG, GIẢM ĐẢNG VIÊN"),
        subtitle=f"{change.organization_name} — {_period(change.first, change.last)}",
        columns=[Column(_("Chỉ tiêu"), "text"), Column(_("Số lượng"))],
        rows=lines,
        notes=list(change.notes),
    )


def _choices(choices: type[models.TextChoices]) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def _breakdown_labels() -> dict[str, tuple[str, dict[str, str]]]:
    ages = {key: _("Từ %(a)s đến %(b)s tuổi") % {"a": lo, "b": hi} for key, lo, hi in AGE_BANDS if hi is not None}
    ages |= {key: _("Trên %(n)s tuổi") % {"n": lo - 1} for key, lo, hi in AGE_BANDS if hi is None}
    ages["under_18"] = _("Dưới 18 tuổi")
    ethnic = dict(ETHNIC_GROUPS) | {WITHHELD_KEY: _("Các dân tộc khác (ẩn)")}
    return {
        "age": (_("Độ tuổi"), ages),
        "ethnicity": (_("Dân tộc"), ethnic),
        "religion": (_("Tôn giáo"), _choices(Religion)),
        "education": (_("Giáo dục phổ thông"), _choices(Education)),
        "professional": (_("Chuyên môn, nghiệp vụ"), _choices(Professional)),
        "political_theory": (_("Lý luận chính trị"), _choices(PoliticalTheory)),
        "occupation": (_("Nghề nghiệp"), _choices(Occupation)),
    }


def _share(part: int | None, whole: int) -> float | None:
    return part / whole if part is not None and whole else None


def _line(label: str, now: int | None, before: int | None, totals: tuple[int, int], **style: Any) -> Row:
    change = now - before if now is not None and before is not None else None
    values: list[Value] = [label, now, _share(now, totals[0]), before, _share(before, totals[1]), change]
    return Row(values, **style)


def new_members_table(report: NewMembers) -> ReportTable:
    now, before = report.current, report.previous
    totals = (now.total, before.total)
    rows = [
        _line(_("Tổng số đảng viên mới kết nạp"), now.total, before.total, totals, heading=True),
        _line(_("Nữ"), now.women, before.women, totals, indent=1),
        _line(_("Đoàn viên thanh niên"), now.youth_union, before.youth_union, totals, indent=1),
        _line(_("Người dân tộc thiểu số"), now.ethnic_minority, before.ethnic_minority, totals, indent=1),
        _line(_("Người có tôn giáo"), now.religious, before.religious, totals, indent=1),
    ]
    for name, (heading, labels) in _breakdown_labels().items():
        rows.append(Row([heading, None, None, None, None, None], heading=True))
        rows += _breakdown_rows(now, before, name, labels, totals)
    rows.append(Row([_("Tuổi bình quân"), now.average_age, None, before.average_age, None, None]))
    return ReportTable(
        title=_("BÁO CÁO ĐẢNG VIÊN MỚI KẾT NẠP"),
        subtitle=f"{report.organization_name} — {_period(now.first, now.last)}",
        columns=[
            Column(_("Chỉ tiêu"), "text"),
            Column(_("Số lượng")),
            Column(_("Tỷ lệ"), "share"),
            Column(_("Số lượng")),
            Column(_("Tỷ lệ"), "share"),
            Column(_("Tăng, giảm"), "signed"),
        ],
        rows=rows,
        groups=[("", 1), (_("Kỳ báo cáo"), 2), (_("Cùng kỳ năm trước"), 2), (_("So sánh"), 1)],
        notes=[report.suppression_note] if report.suppression_note else [],
    )


def _breakdown_rows(
    now: Composition, before: Composition, name: str, labels: dict[str, str], totals: tuple[int, int]
) -> list[Row]:
    current, previous = now.breakdowns[name], before.breakdowns[name]
    keys = [key for key in labels if key in current or key in previous]
    keys += [key for key in [*current, *previous] if key not in labels and key not in keys]
    rows = []
    for key in dict.fromkeys(keys):
        absent_now = 0 if WITHHELD_KEY not in current else None
        absent_before = 0 if WITHHELD_KEY not in previous else None
        values = (current.get(key, absent_now), previous.get(key, absent_before))
        rows.append(_line(labels.get(key, key), *values, totals, indent=1))
    return rows


def funnel_table(funnel: Funnel) -> ReportTable:
    rows = [
        Row(
            [
                row.label,
                row.entered,
                row.reached,
                row.conversion,
                row.median_days,
                row.waiting,
                row.stuck,
                row.longest_wait_days,
            ]
        )
        for row in funnel.stages
    ]
    return ReportTable(
        title=_("QUY TRÌNH PHÁT TRIỂN ĐẢNG VIÊN"),
        subtitle=f"{funnel.organization_name} — {_period(funnel.first, funnel.last)}",
        columns=[
            Column(_("Giai đoạn"), "text"),
            Column(_("Trong kỳ")),
            Column(_("Lũy kế")),
            Column(_("Chuyển tiếp"), "share"),
            Column(_("Số ngày (trung vị)"), "days"),
            Column(_("Đang chờ")),
            Column(_("Chậm")),
            Column(_("Chờ lâu nhất (ngày)")),
        ],
        rows=rows,
        groups=[("", 1), (_("Số người"), 2), (_("Sang giai đoạn sau"), 2), (_("Cuối kỳ"), 3)],
        notes=[
            _(
                "Chậm: chờ ở giai đoạn lâu hơn thời gian thông thường (nguồn, cảm tình Đảng 365 ngày; lớp nhận thức "
                "180; hồ sơ 120; chi bộ biểu quyết 60; quyết định 45; lễ kết nạp đến công nhận 410)."
            )
        ],
    )


def table_of(name: str, report: Any) -> ReportTable:
    makers: dict[str, Callable[[Any], ReportTable]] = {
        "change": change_table,
        "new-members": new_members_table,
        "funnel": funnel_table,
    }
    table: ReportTable = makers[name](report)
    return table


def figure_labels(kind: str) -> dict[str, str]:
    """Names of a report's figures by their path in its JSON, for the comparison of a
    sent report with the same report computed again."""
    if kind == "change":
        return _change_labels()
    if kind == "new_members":
        return _composition_labels()
    return _funnel_labels()


def _change_labels() -> dict[str, str]:
    labels = {
        "start": _("Đảng viên đầu kỳ"),
        "end": _("Đảng viên cuối kỳ"),
        "increased": _("Tăng trong kỳ"),
        "decreased": _("Giảm trong kỳ"),
        "recognized": _("Công nhận đảng viên chính thức (thay đổi tư cách, không tăng giảm)"),
        "admission_decisions": _("Quyết định kết nạp ký trong kỳ"),
        "reconciled": _("Đầu kỳ + tăng − giảm = cuối kỳ"),
    }
    names = {
        "admitted": _("Kết nạp"),
        "readmitted": _("Kết nạp lại"),
        "transferred_in": _("Chuyển đến"),
        "transferred_out": _("Chuyển đi"),
        "died": _("Từ trần"),
        "removed": _("Xóa tên"),
        "resigned": _("Xin ra khỏi Đảng"),
        "expelled": _("Khai trừ"),
    }
    for group, heading in (("increases", _("Tăng khác")), ("decreases", _("Giảm khác"))):
        labels |= {f"{group}.{key}": str(name) for key, name in names.items()}
        labels[f"{group}.other"] = heading
    return labels


def _composition_labels() -> dict[str, str]:
    labels = {
        "total": _("Tổng số đảng viên mới kết nạp"),
        "women": _("Nữ"),
        "youth_union": _("Đoàn viên thanh niên"),
        "ethnic_minority": _("Người dân tộc thiểu số"),
        "religious": _("Người có tôn giáo"),
        "average_age": _("Tuổi bình quân"),
    }
    for name, (heading, names) in _breakdown_labels().items():
        labels |= {f"breakdowns.{name}.{key}": f"{heading}: {label}" for key, label in names.items()}
    return labels


def _funnel_labels() -> dict[str, str]:
    from ketnap.reports.funnel import STAGE_LABELS, STAGES

    columns = {
        "entered": _("Trong kỳ"),
        "reached": _("Lũy kế"),
        "conversion": _("Chuyển tiếp"),
        "median_days": _("Số ngày (trung vị)"),
        "waiting": _("Đang chờ"),
        "stuck": _("Chậm"),
        "longest_wait_days": _("Chờ lâu nhất (ngày)"),
    }
    labels = {"people": _("Số người")}
    for index, stage in enumerate(STAGES):
        labels |= {f"stages.{index}.{key}": f"{STAGE_LABELS[stage]}: {name}" for key, name in columns.items()}
    return labels
