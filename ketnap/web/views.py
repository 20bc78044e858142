"""The server-rendered pages. Each view parses its input, asks one selector or
service (all of which go through the permission policy) and renders; errors are
mapped to pages by ``@page``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import NotValidOnDate
from ketnap.core.policy import Action
from ketnap.dashboard.views import dashboard_page
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import (
    organization_ancestors,
    organization_children,
    organization_get,
    organization_predecessors,
    organization_successors,
    organization_visible_roots,
)
from ketnap.people.actions import person_actions
from ketnap.people.models import Person
from ketnap.people.selectors import people_list, person_get, person_history
from ketnap.people.services import person_reveal
from ketnap.reports.selectors import statistics_for
from ketnap.web import presenters
from ketnap.web.forms import AsOfForm, PeopleFilterForm
from ketnap.web.pages import page, render_page, wants_fragment
from ketnap.web.paging import paginate
from ketnap.web.panels import panel_for, panel_sections, panels_for, panels_inline

PEOPLE_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_date(request: HttpRequest, template: str, fragment: str, context: dict[str, Any]) -> HttpResponse:
    """An invalid date: the page again with the form's error and nothing computed (400),
    rather than the figures of another date. An htmx swap replaces only the results,
    so there the message stands in for them."""
    message = context["form"].date_error if wants_fragment(request) else ""
    context = context | {"as_of": None, "not_valid": message}
    return render_page(request, template, fragment, context, status=400)


@page
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: the dashboard of the user's one visible root (the nation's for
    the administrator), rendered here rather than redirected so ``/`` stays the address
    after login; a user with several roots, or none, gets the tree."""
    form = AsOfForm(request.GET)
    if not form.date_error and not wants_fragment(request):
        roots = list(organization_visible_roots(request.user, form.as_of)[:2])
        if len(roots) == 1:
            return dashboard_page(request, roots[0], form, nodes=roots)
    return tree(request)


@page
def tree(request: HttpRequest) -> HttpResponse:
    """The organization tree from the user's visible roots, as it stood on the chosen date."""
    form = AsOfForm(request.GET)
    if form.date_error:
        return _bad_date(request, "web/home.html", "web/partials/tree_nodes.html", {"form": form, "nodes": []})
    nodes = organization_visible_roots(request.user, form.as_of)
    context = {"form": form, "as_of": form.as_of, "nodes": nodes}
    return render_page(request, "web/home.html", "web/partials/tree_nodes.html", context)


@page
def tree_node(request: HttpRequest, code: str) -> HttpResponse:
    """One node and its children: a page without JavaScript, the children list for htmx."""
    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    context: dict[str, Any] = {"form": form, "org": org, "ancestors": organization_ancestors(request.user, org)}
    if form.date_error:
        return _bad_date(request, "web/tree_node.html", "web/partials/tree_nodes.html", context | {"nodes": []})
    context |= {"as_of": form.as_of, "nodes": organization_children(request.user, org, form.as_of)}
    return render_page(request, "web/tree_node.html", "web/partials/tree_nodes.html", context)


@page
def organization_detail(request: HttpRequest, code: str) -> HttpResponse:
    """An organization's statistics and children on the chosen date (the report page).

    A date on which the organization did not exist is a notice on the page, so the
    user can pick another date from the same form."""
    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    context: dict[str, Any] = {
        "form": form,
        "org": org,
        "ancestors": organization_ancestors(request.user, org),
        "successors": organization_successors(request.user, org) if org.valid_to else [],
        "predecessors": organization_predecessors(request.user, org),
    }
    body = "web/partials/organization_body.html"
    if form.date_error:
        return _bad_date(request, "web/organization.html", body, context | {"children": []})
    context |= {"as_of": form.as_of, "children": organization_children(request.user, org, form.as_of)}
    try:
        stats = statistics_for(request.user, org, form.as_of)
    except NotValidOnDate as error:
        context["not_valid"] = error.message
    else:
        context |= {"stats": stats, "figures": presenters.key_figures(stats), "sections": presenters.breakdowns(stats)}
        context |= _panels(request, org, form.as_of, stats.members)
    return render_page(request, "web/organization.html", body, context)


def _panels(request: HttpRequest, org: Organization, as_of: dt.date, members: int) -> dict[str, Any]:
    if panels_inline(members):
        return {"panels": panels_for(request.user, org, as_of)}
    base = reverse("organization_panel", args=[org.code, "-"])[: -len("-/")]
    day = as_of.isoformat()
    return {"lazy_panels": [f"{base}{section}/?ngay={day}" for section, _function in panel_sections()]}


@page
def organization_panel(request: HttpRequest, code: str, section: str) -> HttpResponse:
    """One section of the organization page on the chosen date, loaded by itself."""
    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    if form.date_error:
        return HttpResponseBadRequest(form.date_error, content_type="text/plain; charset=utf-8")
    panel = panel_for(request.user, org, form.as_of, section)
    ancestors = organization_ancestors(request.user, org)
    context = {"org": org, "as_of": form.as_of, "panel": panel, "ancestors": ancestors}
    return render_page(request, "web/organization_panel.html", "web/partials/panel.html", context)


@page
def organization_statistics_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """The same statistics as the organization page, as a spreadsheet."""
    # Imported on use: only downloads need the exporter and openpyxl.
    from ketnap.reports.exports import statistics_xlsx

    form = AsOfForm(request.GET)
    org = organization_get(request.user, code)
    if form.date_error:
        return HttpResponseBadRequest(form.date_error, content_type="text/plain; charset=utf-8")
    as_of = form.as_of
    stats = statistics_for(request.user, org, as_of)
    return attachment(
        actor=request.user,
        kind="statistics_xlsx",
        subject=org,
        organization_path=org.path,
        content=statistics_xlsx(stats),
        filename=f"thong-ke-{stats.organization_code}-{as_of:%Y-%m-%d}.xlsx",
        content_type=XLSX,
        as_of=as_of.isoformat(),
    )


@page
def people(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """People the user may see, filtered, 50 a page, in Vietnamese name order (with a
    date or a status, the members of the subtree on that date, as the statistics count)."""
    org = organization_get(request.user, code) if code else None
    form = PeopleFilterForm(request.GET, user=request.user, organization=org)
    if form.date_error:
        empty = Paginator(Person.objects.none(), PEOPLE_PER_PAGE).page(1)
        refused: dict[str, Any] = {"form": form, "org": org, "page_obj": empty}
        return _bad_date(request, "web/people.html", "web/partials/people_results.html", refused)
    queryset = people_list(
        request.user,
        as_of=form.asked_date,
        organization=form.organization,
        status_on_date=form.value("trang_thai"),
        gender=form.value("gioi_tinh"),
        query=form.value("q"),
    )
    paging = paginate(request, queryset, PEOPLE_PER_PAGE)
    context: dict[str, Any] = {"form": form, "as_of": form.as_of, "org": org, "page_obj": paging.page, "paging": paging}
    # The way to record someone new, for a user who may record people here.
    editable = policy.can(request.user, Action.EDIT, org) if org else bool(policy.root_paths(request.user, Action.EDIT))
    context["can_create"] = editable
    return render_page(request, "web/people.html", "web/partials/people_results.html", context)


def _person_context(request: HttpRequest, person: Person, revealed: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "person": person,
        "history": person_history(person, timezone.localdate()),
        "sensitive": presenters.sensitive_rows(person, revealed),
        "revealed": revealed is not None,
        "can_reveal": policy.can(request.user, Action.VIEW_SENSITIVE, person),
        "actions": person_actions(request.user, person, timezone.localdate()),
    }


@page
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Personal history, the membership timeline, and the sensitive fields masked."""
    person = person_get(request.user, pk)
    context = _person_context(request, person, revealed=None)
    return render_page(request, "web/person.html", "web/partials/person_body.html", context)


@page
@require_POST
def person_reveal_sensitive(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the sensitive fields (audited by the service). htmx swaps just that block;
    without JavaScript the whole page comes back with the values shown."""
    person = person_get(request.user, pk)
    values = person_reveal(actor=request.user, person=person)
    context = _person_context(request, person, revealed=values)
    return render_page(request, "web/person.html", "web/partials/person_sensitive.html", context)
