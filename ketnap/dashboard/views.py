"""The dashboard page of an organization, and the landing page's dashboard of a user's
one visible root. The page shows counts only; every figure links to the list behind it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from ketnap.core.errors import NotValidOnDate
from ketnap.dashboard import presenters
from ketnap.dashboard.selectors import alerts, dashboard
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_ancestors, organization_children, organization_get
from ketnap.reports import svg
from ketnap.web.forms import AsOfForm
from ketnap.web.pages import page, render_page


@page
def organization(request: HttpRequest, code: str) -> HttpResponse:
    """``/tong-quan/<code>/``: the dashboard as of today or ``?ngay=``."""
    org = organization_get(request.user, code)
    form = AsOfForm(request.GET)
    children = None if form.date_error else organization_children(request.user, org, form.as_of)
    return dashboard_page(request, org, form, nodes=children, tree_title=_("Tổ chức trực thuộc"))


def dashboard_page(
    request: HttpRequest, org: Organization, form: AsOfForm, *, nodes: Any = None, tree_title: str = ""
) -> HttpResponse:
    """The page for ``org`` (already read through the policy), with ``nodes`` as a tree to
    open in place below it; an invalid date is the form again with its error (400), a
    date the organization did not exist a notice."""
    context: dict[str, Any] = {"form": form, "org": org, "ancestors": organization_ancestors(request.user, org)}
    context |= {"nodes": nodes, "tree_title": tree_title or _("Cây tổ chức")}
    if form.date_error:
        return render(request, "dashboard/organization.html", context, status=400)
    try:
        board = dashboard(request.user, org, form.as_of, defer_alerts=True)
    except NotValidOnDate as error:
        context |= {"as_of": form.as_of, "not_valid": error.message}
        return render(request, "dashboard/organization.html", context)
    context |= {"as_of": form.as_of, "board": board, **presenters.sections(board)}
    plan = [month.plan for month in board.trend] if context["has_plan_line"] else None
    context["chart"] = svg.bar_chart(_("Kết nạp đảng viên theo tháng"), presenters.chart_points(board), plan)
    return render(request, "dashboard/organization.html", context)


@page
def alerts_section(request: HttpRequest, code: str) -> HttpResponse:
    """``/tong-quan/<code>/canh-bao/``: the alerts of a large subtree, loaded by the
    dashboard after it (also a page of its own, followed as a link without scripts)."""
    org = organization_get(request.user, code)
    form = AsOfForm(request.GET)
    if form.date_error:
        return HttpResponseBadRequest(form.date_error, content_type="text/plain; charset=utf-8")
    rows = presenters.alert_rows(org, form.as_of, alerts(request.user, org, form.as_of))
    context = {"org": org, "as_of": form.as_of, "alert_rows": rows}
    context["ancestors"] = organization_ancestors(request.user, org)
    return render_page(request, "dashboard/alerts.html", "dashboard/partials/alerts.html", context)
