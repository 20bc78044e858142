"""The report pages: the period's change, new members with the admissions by month,
the funnel, the narrative, the check of a draft and the reports sent upward. Each
view parses its input, asks the report selectors (through the one policy) and
renders the report's one table; charts are SVG drawn on the server."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.jobs.builtin import REPORT_KINDS
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.reports import documents, frozen, svg
from ketnap.reports.api import download
from ketnap.reports.forms import DraftForm, PeriodForm, SendForm
from ketnap.reports.funnel import Funnel
from ketnap.reports.monthly import admissions_by_month, plan_line
from ketnap.reports.tables import table_of
from ketnap.web.pages import page

PAGES = {
    "change": "reports:change",
    "new-members": "reports:new_members",
    "funnel": "reports:funnel",
    "narrative": "reports:narrative",
}


def _tabs(org: Organization, query: str) -> list[tuple[str, str]]:
    labels = {
        "change": _("Tăng, giảm"),
        "new-members": _("Đảng viên mới"),
        "funnel": _("Quy trình phát triển"),
        "narrative": _("Báo cáo bằng lời"),
    }
    tabs = [(labels[name], reverse(url, args=[org.code]) + query) for name, url in PAGES.items()]
    tabs.append((_("Đối chiếu dự thảo"), reverse("reports:check", args=[org.code]) + query))
    tabs.append((_("Báo cáo đã gửi"), reverse("reports:sent", args=[org.code]) + query))
    return tabs


def _context(request: HttpRequest, code: str, name: str) -> tuple[Organization, PeriodForm, dict[str, Any]]:
    org = organization_get(request.user, code)
    form = PeriodForm(request.GET)
    query = "?" + request.GET.urlencode() if request.GET else ""
    context = {"org": org, "form": form, "name": name, "tabs": _tabs(org, query), "query": query}
    return org, form, context


def _month_chart(org: Organization, first: dt.date, last: dt.date) -> dict[str, Any]:
    months = admissions_by_month(org, first, last)
    plan = plan_line(org, [m.month for m in months])
    points = [(f"{m.month:%m/%y}", m.admitted) for m in months]
    rows = [(f"{m.month:%m/%Y}", m.admitted, plan[i] if plan else None) for i, m in enumerate(months)]
    chart = svg.bar_chart(_("Kết nạp đảng viên theo tháng"), points, plan)
    return {"month_chart": chart, "month_rows": rows, "has_plan": plan is not None}


def _funnel_chart(report: Funnel) -> dict[str, Any]:
    stages = [(row.label, row.reached) for row in report.stages]
    return {"funnel_chart": svg.funnel_chart(_("Số người đã đến từng giai đoạn"), stages)}


@page
def report_page(request: HttpRequest, code: str, name: str) -> HttpResponse:
    """One report of the set for the chosen period, with its table and chart."""
    org, form, context = _context(request, code, name)
    if not form.is_valid():
        return render(request, "reports/report.html", context, status=400)
    first, last = form.period
    report = documents.report_for(name, request.user, org, first, last)
    context |= {"report": report, "first": first, "last": last, "job_kind": REPORT_KINDS.get(name)}
    if name == "narrative":
        return render(request, "reports/report.html", context)
    context |= documents.table_context(table_of(name, report))
    if name == "new-members":
        context |= _month_chart(org, first, last)
    if name == "funnel":
        context |= _funnel_chart(report)
    return render(request, "reports/report.html", context)


@page
def report_file(request: HttpRequest, code: str, name: str) -> HttpResponse:
    """The report as a file (?format=xlsx|pdf, docx for the narrative), audited."""
    org = organization_get(request.user, code)
    first, last = PeriodForm(request.GET).period
    return download(request.user, org, name, request.GET.get("format", "xlsx"), first, last)


@page
def check(request: HttpRequest, code: str) -> HttpResponse:
    """Paste a draft: its figures are checked against themselves and the data."""
    org, form, context = _context(request, code, "check")
    draft = DraftForm(request.POST if request.method == "POST" else None)
    context["draft"] = draft
    if request.method != "POST":
        return render(request, "reports/report.html", context)
    if not form.is_valid() or not draft.is_valid():
        return render(request, "reports/report.html", context, status=400)
    first, last = form.period
    context["result"] = documents.report_for("check", request.user, org, first, last, draft.cleaned_data["van_ban"])
    return render(request, "reports/report.html", context)


@page
def sent(request: HttpRequest, code: str) -> HttpResponse:
    """The reports sent from the subtree, and sending one (freezing its figures)."""
    org, form, context = _context(request, code, "sent")
    send = SendForm(request.POST if request.method == "POST" else None)
    context |= {"send": send, "can_send": policy.can(request.user, policy.Action.EDIT, org)}
    if request.method == "POST":
        policy.require(request.user, policy.Action.EDIT, org)
        if form.is_valid() and send.is_valid():
            first, last = form.period
            kind, note = send.cleaned_data["bao_cao"], send.cleaned_data["ghi_chu"]
            report = frozen.report_send(actor=request.user, kind=kind, org=org, first=first, last=last, note=note)
            return redirect("reports:sent_detail", report.pk)
        context["reports"] = frozen.frozen_list(request.user, org)[:100]
        return render(request, "reports/report.html", context, status=400)
    context["reports"] = frozen.frozen_list(request.user, org)[:100]
    return render(request, "reports/report.html", context)


@page
def sent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One report as sent, against the same report recomputed now."""
    report = frozen.frozen_get(request.user, pk)
    comparison = frozen.frozen_compare(request.user, report)
    context = {"frozen": report, "org": report.organization, "comparison": comparison}
    return render(request, "reports/sent_detail.html", context)
