"""The dashboard's figures as rows of (label, value, link to the list behind it): the
page shows them, the links carry the date so the list counts what the figure counted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ketnap.dashboard.selectors import Alerts, Dashboard, QueueKind
from ketnap.organizations.models import Organization

# The first part of the work queue's rule codes, named for people.
QUEUE_KIND_LABELS: dict[str, Promise] = {
    "admission_decision": _("Quyết định kết nạp"),
    "ceremony": _("Lễ kết nạp"),
    "member_history": _("Lý lịch đảng viên"),
    "probation": _("Xét công nhận đảng viên chính thức"),
    "recognition_decision": _("Quyết định công nhận đảng viên chính thức"),
    "certificate": _("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng"),
    "removal": _("Xem xét xóa tên"),
    "transfer": _("Chuyển sinh hoạt đảng"),
}
OTHER_KIND = _("Việc khác")


@dataclass(frozen=True)
class Link:
    label: object
    value: int | None
    url: str


def _url(name: str, code: str, **query: Any) -> str:
    return reverse(name, args=[code]) + "?" + urlencode(query)


def key_figures(board: Dashboard) -> list[Link]:
    """Members, official, probationary: the people list on the date; organizations: the
    organization page (its children and the count by kind)."""
    code, day, figures = board.org.code, board.as_of.isoformat(), board.figures
    people = "organization_people"
    return [
        Link(_("Đảng viên"), figures.members, _url(people, code, ngay=day)),
        Link(_("Đảng viên chính thức"), figures.official, _url(people, code, ngay=day, trang_thai="official")),
        Link(_("Đảng viên dự bị"), figures.probationary, _url(people, code, ngay=day, trang_thai="probationary")),
        Link(_("Tổ chức đảng trực thuộc"), figures.organizations, _url("organization", code, ngay=day)),
    ]


def queue_kind_label(kind: str) -> object:
    return QUEUE_KIND_LABELS.get(kind, OTHER_KIND)


def queue_rows(board: Dashboard) -> list[tuple[object, QueueKind]]:
    return [(queue_kind_label(kind.kind), kind) for kind in board.queue.kinds]


def alert_rows(org: Organization, as_of: dt.date, alerts: Alerts | None) -> list[Link] | None:
    """The cell-life flags (the flags page) and the coverage figures (the coverage page);
    None when the alerts are left for the page to load by itself."""
    if alerts is None:
        return None
    code, day = org.code, as_of.isoformat()
    flags = _url("cells:flags", code, ngay=day)
    rows = [
        Link(_("Chi bộ có tháng không sinh hoạt trong năm"), alerts.cells_missed_month, flags),
        Link(_("Chi bộ dưới 3 đảng viên chính thức"), alerts.cells_too_few, flags),
        Link(_("Chi bộ từ 9 đảng viên chính thức chưa có chi ủy"), alerts.cells_no_committee, flags),
        Link(_("Xem xét xóa tên đang mở"), alerts.open_reviews, flags),
    ]
    if alerts.villages:
        rows += [
            Link(
                _("Thôn, bản chưa có đảng viên"), alerts.villages_without_member, _coverage(code, day, "without-member")
            ),
            Link(_("Thôn, bản tái trắng đảng viên"), alerts.villages_relapsed, _coverage(code, day, "relapsed")),
        ]
    return rows


def _coverage(code: str, day: str, which: str) -> str:
    return _url("coverage:coverage", code, ngay=day, ds=which)


def trend_rows(board: Dashboard) -> list[tuple[dt.date, int, int | None]]:
    return [(month.month, month.admitted, month.plan) for month in board.trend]


def chart_points(board: Dashboard) -> list[tuple[str, int]]:
    return [(f"{month.month:%m/%y}", month.admitted) for month in board.trend]


def sections(board: Dashboard) -> dict[str, Any]:
    """Everything the template needs besides the dashboard itself."""
    code, day, first = board.org.code, board.as_of.isoformat(), board.trend[0].month.isoformat()
    return {
        "figures": key_figures(board),
        "queue_rows": queue_rows(board),
        "alert_rows": alert_rows(board.org, board.as_of, board.alerts),
        "alerts_url": _url("dashboard:alerts", code, ngay=day),
        "trend_rows": trend_rows(board),
        "has_plan_line": any(month.plan is not None for month in board.trend),
        "links": {
            "organization": _url("organization", code, ngay=day),
            "plan": _url("plans:plan", code, nam=board.as_of.year, ngay=day),
            "queue": _url("admission:queue", code, ngay=day),
            "flags": _url("cells:flags", code, ngay=day),
            "coverage": _url("coverage:coverage", code, ngay=day),
            "new_members": _url("reports:new_members", code, first=first, last=day),
        },
    }
