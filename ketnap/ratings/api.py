"""Ratings over the API: a year's ratings of a subtree, its summary, and the batch
entry of an organization's children or a cell's members (the same service as the page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.organizations.api.reads import get_visible
from ketnap.ratings import selectors
from ketnap.ratings.models import Rating
from ketnap.ratings.services import RatingEntry, ratings_record

router = Router(tags=["ratings"])

SubjectName = Literal["organizations", "members"]
LevelName = Literal["excellent", "good", "completed", "not_completed"]


class YearQuery(Schema):
    year: int | None = Field(None, ge=1930, le=2100, description="Rating year; last year when omitted.")

    def rating_year(self) -> int:
        return self.year or policy.today().year - 1


class RatingQuery(YearQuery, PageIn):
    subject: SubjectName = "organizations"


class RatingOut(Schema):
    year: int
    organization: str
    person: int | None
    level: str
    points: Decimal | None
    rated_on: dt.date
    edition: str


class RatingPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RatingOut]


class SummaryOut(Schema):
    total: int
    rated: int
    levels: dict[str, int]
    good_or_better: int
    good_or_better_percent: float | None


class SummariesOut(Schema):
    year: int
    cells: SummaryOut
    members: SummaryOut


class EntryIn(Schema):
    key: str = Field(max_length=64, description="Code of the child organization, or id of the member.")
    level: LevelName
    points: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    excellent_conditions_met: bool = False
    note: str = Field("", max_length=255)


class BatchIn(Schema):
    year: int = Field(description="Rating year (1930–2100; checked after the organization is found).")
    subject: SubjectName = "organizations"
    rated_on: IsoDate | None = Field(None, description="Date of the rating decision; 31 December when omitted.")
    entries: list[EntryIn] = Field(max_length=2000)


class BatchOut(Schema):
    edition: str
    warnings: list[str]
    items: list[RatingOut]


def _out(rating: Rating) -> RatingOut:
    return RatingOut(
        year=rating.year,
        organization=rating.organization.code,
        person=rating.person_id,
        level=rating.level,
        points=rating.points,
        rated_on=rating.rated_on,
        edition=rating.edition,
    )


@router.get("/organizations/{code}/ratings", response=responses(RatingPage), summary="A year's ratings of a subtree")
def rating_list(request: HttpRequest, code: str, params: Query[RatingQuery]) -> RatingPage:
    user = request.auth  # type: ignore[attr-defined]
    rows = selectors.ratings_in(user, get_visible(user, code), params.rating_year())
    rows = rows.filter(person__isnull=params.subject == "organizations")
    items = [_out(r) for r in rows[params.offset : params.offset + params.limit]]
    return RatingPage(count=rows.count(), limit=params.limit, offset=params.offset, items=items)


@router.get("/organizations/{code}/ratings/summary", response=responses(SummariesOut), summary="Rated good or better")
def rating_summary(request: HttpRequest, code: str, params: Query[YearQuery]) -> dict[str, object]:
    user = request.auth  # type: ignore[attr-defined]
    org, year = get_visible(user, code), params.rating_year()
    return {
        "year": year,
        "cells": selectors.cells_summary(user, org, year).as_dict(),
        "members": selectors.members_summary(user, org, year).as_dict(),
    }


@router.post(
    "/organizations/{code}/ratings", response=responses(BatchOut, write=True), summary="Record a year's ratings"
)
def rating_record(request: HttpRequest, code: str, payload: BatchIn) -> BatchOut:
    user = request.auth  # type: ignore[attr-defined]
    entries = [RatingEntry(e.key, e.level, e.points, e.excellent_conditions_met, e.note) for e in payload.entries]
    result = ratings_record(
        actor=user,
        rater=get_visible(user, code),
        year=payload.year,
        subject=payload.subject,
        entries=entries,
        rated_on=payload.rated_on,
    )
    return BatchOut(edition=result.edition.code, warnings=result.warnings, items=[_out(r) for r in result.ratings])
