"""Ratings pages: the year's ratings and summary of a subtree, the batch entry of an
organization's children or of a cell's members, and the spreadsheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from ketnap.core import policy
from ketnap.core.downloads import attachment
from ketnap.core.errors import DomainError
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.ratings import selectors
from ketnap.ratings.criteria import criteria_for
from ketnap.ratings.exports import ratings_xlsx
from ketnap.ratings.forms import RatingBatchForm, RatingFilterForm
from ketnap.ratings.services import ratings_record
from ketnap.web.pages import form_error, page, render_page
from ketnap.web.paging import paginate

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> tuple[RatingFilterForm, int, str]:
    data = request.GET.copy()
    data.setdefault("nam", str(timezone.localdate().year - 1))
    form = RatingFilterForm(data)
    if not form.is_valid():
        return form, 0, "organizations"
    return form, form.cleaned_data["nam"], form.cleaned_data["doi_tuong"]


@page
def ratings(request: HttpRequest, code: str) -> HttpResponse:
    """The ratings of a year in ``code``'s subtree with the summaries."""
    org = organization_get(request.user, code)
    form, year, subject = _filters(request)
    context: dict[str, Any] = {"org": org, "form": form, "year": year, "subject": subject}
    if not year:
        return render_page(request, "ratings/ratings.html", "ratings/partials/body.html", context, status=400)
    rows = selectors.ratings_in(request.user, org, year).filter(person__isnull=subject == "organizations")
    context |= {
        "paging": paginate(request, rows, PER_PAGE),
        "cells": selectors.cells_summary(request.user, org, year),
        "members": selectors.members_summary(request.user, org, year),
        "can_record": policy.can(request.user, Action.EDIT, org),
    }
    return render_page(request, "ratings/ratings.html", "ratings/partials/body.html", context)


@page
def ratings_xlsx_download(request: HttpRequest, code: str) -> HttpResponse:
    org = organization_get(request.user, code)
    form, year, _subject = _filters(request)
    if not year:
        return HttpResponseBadRequest(str(form.errors), content_type="text/plain; charset=utf-8")
    return attachment(
        actor=request.user,
        kind="ratings_xlsx",
        subject=org,
        organization_path=org.path,
        content=ratings_xlsx(org, year, selectors.ratings_in(request.user, org, year)),
        filename=f"xep-loai-{org.code}-{year}.xlsx",
        content_type=XLSX,
        year=str(year),
    )


@page
def record(request: HttpRequest, code: str) -> HttpResponse:
    """Enter a year's ratings of ``code``'s children or of its members, in one batch."""
    org: Organization = organization_get(request.user, code)
    policy.require(request.user, Action.EDIT, org)
    filters, year, subject = _filters(request)
    if not year:
        return render_page(
            request,
            "ratings/record.html",
            "ratings/partials/record_body.html",
            {"org": org, "filters": filters},
            status=400,
        )
    subjects = selectors.subjects_for(org, subject, dt.date(year, 12, 31))
    existing = selectors.existing_for(org, subject, year)
    form = RatingBatchForm(request.POST if request.method == "POST" else None, subjects=subjects, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            result = ratings_record(
                actor=request.user,
                rater=org,
                year=year,
                subject=subject,  # type: ignore[arg-type]
                entries=form.entries(),
                rated_on=form.rated_on_value(),
            )
        except DomainError as error:
            form_error(form, error)
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect(reverse("ratings:ratings", args=[org.code]) + f"?nam={year}&doi_tuong={subject}")
    criteria = {key: criteria_for(item, year) for key, item in subjects.items()} if subject == "organizations" else {}
    context = {"org": org, "form": form, "filters": filters, "year": year, "subject": subject, "criteria": criteria}
    return render_page(request, "ratings/record.html", "ratings/partials/record_body.html", context)
