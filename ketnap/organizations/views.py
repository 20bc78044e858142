"""The pages that keep the organization tree: open an organization under another,
rename it, merge, split or dissolve it (with a preview of who moves where), set the
deciding authority, and keep the localities, the cells serving them and their heads.

Only administrators of the subtree reach the forms: out of scope is a 404, in scope
without the administrator role a 403 (``@page`` maps both). Views parse, call one
service and redirect; a refusal of the service becomes a form error on its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ketnap.admission.models import AuthoritySetting
from ketnap.admission.selectors import competent_authority
from ketnap.admission.services import authority_set
from ketnap.core import policy
from ketnap.core.errors import DomainError, NotFound
from ketnap.core.policy import Action
from ketnap.organizations import selectors, services
from ketnap.organizations.forms import (
    BODY_CHOICES,
    AssignCellForm,
    AuthorityForm,
    LocalityForm,
    OrganizationOpenForm,
    RenameForm,
    ReorganizeForm,
    VillageHeadForm,
    apply_error,
    cells_for,
    people_for,
)
from ketnap.organizations.models import Locality, LocalityCell, Organization, VillageHead
from ketnap.web.pages import page

GET_POST = require_http_methods(["GET", "POST"])
MOVES_PER_PAGE = 50

Save = Callable[[Any], str]


def _administered(request: HttpRequest, code: str) -> Organization:
    """The organization if the user administers it: 404 out of view, 403 below the role."""
    org = selectors.organization_get(request.user, code)
    policy.require(request.user, Action.ADMINISTER, org)
    return org


def _org_url(org: Organization, on: dt.date | None = None) -> str:
    url = reverse("organization", args=[org.code])
    return f"{url}?ngay={on:%Y-%m-%d}" if on else url


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: object,
    back: str,
    save: Save,
    aliases: dict[str, str] | None = None,
    context: dict[str, Any] | None = None,
    template: str = "organizations/form.html",
) -> HttpResponse:
    """Show ``form``; on a valid POST ``save`` it (one atomic service) and go where it says.

    Invalid input, or a refusal of the service, is the form again with the errors on
    their fields and a 400: nothing was written."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                return redirect(save(form))
            except DomainError as error:
                apply_error(form, error, aliases)
        status = 400
    ctx = {"form": form, "title": title, "back": back, **(context or {})}
    return render(request, template, ctx, status=status)


def _today() -> dict[str, dt.date]:
    return {"valid_from": timezone.localdate()}


# --- Organizations ----------------------------------------------------------------------------


@page
@GET_POST
def organization_add(request: HttpRequest, code: str) -> HttpResponse:
    """Open an organization under this one."""
    parent = _administered(request, code)
    form = OrganizationOpenForm(_post(request), parent=parent, initial=_today())

    def save(form: OrganizationOpenForm) -> str:
        org = services.organization_open(actor=request.user, parent=parent, **form.cleaned_data)
        return _org_url(org, org.valid_from)

    title = _("Thành lập tổ chức trực thuộc")
    return _form_page(request, form=form, title=title, back=_org_url(parent), save=save, context={"org": parent})


@page
@GET_POST
def organization_rename(request: HttpRequest, code: str) -> HttpResponse:
    """Rename on a date: a new node with the new name takes over people and localities."""
    org = _administered(request, code)
    form = RenameForm(_post(request), initial={"on": timezone.localdate(), "name": org.name, "sector": org.sector})

    def save(form: RenameForm) -> str:
        renamed = services.organization_rename(actor=request.user, organization=org, **form.cleaned_data)
        return _org_url(renamed, renamed.valid_from)

    aliases = {"valid_from": "on", "valid_to": "on", "moves": "name"}
    title = _("Đổi tên tổ chức")
    ctx = {"org": org, "intro": _("Tên cũ vẫn hiện khi xem cây tổ chức vào một ngày trước ngày hiệu lực.")}
    return _form_page(request, form=form, title=title, back=_org_url(org), save=save, aliases=aliases, context=ctx)


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()


def _preview(request: HttpRequest, org: Organization, form: ReorganizeForm) -> dict[str, Any]:
    """Who moves where if the form were confirmed: the members per node with their
    destination, and one page of the members by name."""
    on = form.cleaned_data["on"]
    moves = selectors.moves_by_path(form.moves)
    groups = selectors.reorganization_groups(org, on, moves)
    page_obj = Paginator(selectors.reorganization_members(org, on), MOVES_PER_PAGE).get_page(request.GET.get("trang"))
    return {
        "groups": groups,
        "unplaced": sum(group.members for group in groups if group.target is None),
        "total": sum(group.members for group in groups),
        "others": selectors.reorganization_non_members(org, on).count(),
        "page_obj": page_obj,
        "rows": selectors.reorganization_rows(page_obj.object_list, moves),
        "query": _without_page(request),
        "hidden": [(key, value) for key, value in request.GET.items() if key != "trang"],
        "on": on,
    }


@page
@GET_POST
def organization_reorganize(request: HttpRequest, code: str) -> HttpResponse:
    """Merge, split or dissolve. The form is sent by GET first, so the preview of the
    moves is a page that can be paginated; confirming POSTs the same values."""
    org = _administered(request, code)
    data = _post(request) or (request.GET if "on" in request.GET else None)
    form = ReorganizeForm(data, user=request.user, organization=org, initial={"on": timezone.localdate()})
    title = _("Sáp nhập, chia tách, giải thể")
    context: dict[str, Any] = {"org": org, "children": form.children}
    if request.method == "GET" and form.is_bound:
        if not form.is_valid():
            refused = {**context, "form": form, "title": title, "back": _org_url(org)}
            return render(request, "organizations/reorganize.html", refused, status=400)
        context |= _preview(request, org, form)

    def save(form: ReorganizeForm) -> str:
        on = form.cleaned_data["on"]
        services.reorganize(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            on=on,
            closed=[org],
            opened=form.opened(on),
            moves=form.moves,
            document_number=form.cleaned_data["document_number"],
            note=form.cleaned_data["note"],
        )
        return _org_url(org, on - dt.timedelta(days=1))

    aliases = {"valid_to": "on", "opened": "target", "moves": "target"}
    return _form_page(
        request,
        form=form,
        title=title,
        back=_org_url(org),
        save=save,
        aliases=aliases,
        context=context,
        template="organizations/reorganize.html",
    )


@page
@GET_POST
def authority(request: HttpRequest, code: str) -> HttpResponse:
    """Who decides admissions for the cells under this organization, from a date."""
    org = _administered(request, code)
    initial = {**_today(), "deciding_organization": org.code}
    form = AuthorityForm(_post(request), user=request.user, initial=initial)

    def save(form: AuthorityForm) -> str:
        authority_set(actor=request.user, organization=org, **form.cleaned_data)
        return reverse("organizations:authority", args=[org.code])

    history = AuthoritySetting.objects.filter(organization=org).select_related("deciding_organization")
    current = competent_authority(org, timezone.localdate())
    labels = dict(BODY_CHOICES)
    context = {
        "org": org,
        "current": current,
        "current_label": labels.get(current.body, current.body) if current else "",
        "history": [(row, labels.get(row.body, row.body)) for row in history.order_by("-valid_from")],
    }
    title = _("Thẩm quyền quyết định kết nạp")
    return _form_page(
        request, form=form, title=title, back=_org_url(org), save=save, context=context,
        template="organizations/authority.html",
    )  # fmt: skip


# --- Localities -------------------------------------------------------------------------------


def _locality(request: HttpRequest, commune: Organization, code: str) -> Locality:
    queryset = Locality.objects.filter(commune=commune, code=code).select_related("commune")
    locality: Locality | None = policy.scope(request.user, queryset, Action.VIEW).first()
    if locality is None:
        raise NotFound()
    return locality


def _locality_url(locality: Locality) -> str:
    return reverse("organizations:locality", args=[locality.commune.code, locality.code])


@page
def localities(request: HttpRequest, code: str) -> HttpResponse:
    """The localities of a commune with the cell serving each and its head today."""
    org = selectors.organization_get(request.user, code)
    today = timezone.localdate()
    rows = Locality.objects.filter(commune=org).order_by("name")
    served = LocalityCell.objects.as_of(today).filter(locality__commune=org).select_related("cell")
    headed = VillageHead.objects.as_of(today).filter(locality__commune=org).select_related("person")
    cells = {row.locality_id: row.cell for row in served}
    heads = {row.locality_id: row.person for row in headed}
    items = [(locality, cells.get(locality.pk), heads.get(locality.pk)) for locality in rows]
    context = {"org": org, "items": items, "can_administer": policy.can(request.user, Action.ADMINISTER, org)}
    return render(request, "organizations/localities.html", context)


@page
@GET_POST
def locality_add(request: HttpRequest, code: str) -> HttpResponse:
    commune = _administered(request, code)
    form = LocalityForm(_post(request), initial=_today())

    def save(form: LocalityForm) -> str:
        return _locality_url(services.locality_create(actor=request.user, commune=commune, **form.cleaned_data))

    back = reverse("organizations:localities", args=[commune.code])
    title = _("Thêm thôn, bản, tổ dân phố")
    return _form_page(
        request, form=form, title=title, back=back, save=save, aliases={"commune": "valid_from"},
        context={"org": commune},
    )  # fmt: skip


@page
def locality_detail(request: HttpRequest, code: str, locality: str) -> HttpResponse:
    """A locality with the cells that served it and its heads over time."""
    commune = selectors.organization_get(request.user, code)
    place = _locality(request, commune, locality)
    context = {
        "org": commune,
        "locality": place,
        "cells": place.cells.select_related("cell").order_by("-valid_from"),
        "heads": place.heads.select_related("person").order_by("-valid_from"),
        "can_administer": policy.can(request.user, Action.ADMINISTER, place),
    }
    return render(request, "organizations/locality.html", context)


def _administered_locality(request: HttpRequest, code: str, locality: str) -> Locality:
    place = _locality(request, selectors.organization_get(request.user, code), locality)
    policy.require(request.user, Action.ADMINISTER, place)
    return place


@page
@GET_POST
def locality_cell(request: HttpRequest, code: str, locality: str) -> HttpResponse:
    place = _administered_locality(request, code, locality)
    form = AssignCellForm(_post(request), cells=cells_for(request.user, place.commune), initial=_today())

    def save(form: AssignCellForm) -> str:
        services.locality_assign_cell(actor=request.user, locality=place, **form.cleaned_data)
        return _locality_url(place)

    title = _("Giao chi bộ phụ trách")
    ctx = {"org": place.commune, "locality": place}
    return _form_page(request, form=form, title=title, back=_locality_url(place), save=save, context=ctx)


@page
@GET_POST
def locality_head(request: HttpRequest, code: str, locality: str) -> HttpResponse:
    place = _administered_locality(request, code, locality)
    form = VillageHeadForm(_post(request), people=people_for(request.user, place.commune), initial=_today())

    def save(form: VillageHeadForm) -> str:
        services.village_head_set(actor=request.user, locality=place, **form.cleaned_data)
        return _locality_url(place)

    title = _("Cử trưởng thôn, bản")
    ctx = {"org": place.commune, "locality": place}
    return _form_page(request, form=form, title=title, back=_locality_url(place), save=save, context=ctx)
