"""Village coverage over the API: the figures of a subtree on a date, and the villages
behind one of them, a page at a time. Reads only; scoped like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.coverage.selectors import VillageRow, coverage_for, rows_of
from ketnap.coverage.services import cell_secretary_set
from ketnap.organizations.api.reads import get_visible
from ketnap.people.selectors import person_get

router = Router(tags=["coverage"])

ListName = Literal["all", "without-member", "without-own-cell", "joint", "relapsed", "head-member", "secretary-head"]


class CoverageQuery(Schema):
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")


class CoverageOut(Schema):
    org: str
    as_of: dt.date
    member_basis: str
    villages: int
    villages_without_member: int
    villages_without_own_cell: int
    villages_with_joint_cell: int
    villages_relapsed: int
    villages_with_head: int
    village_heads_members: int
    village_heads_members_percent: float | None
    secretaries_village_heads: int
    secretaries_village_heads_percent: float | None


class VillageQuery(CoverageQuery, PageIn):
    list: ListName = Field("all", description="Which villages: the figure they stand behind.")


class VillageOut(Schema):
    code: str
    name: str
    commune: str
    cells: list[str]
    joint_cells: list[str]
    members: int
    head: str | None
    head_is_member: bool
    head_is_secretary: bool
    relapsed_on: dt.date | None


class VillagePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[VillageOut]


def _village(row: VillageRow) -> VillageOut:
    return VillageOut(
        code=row.locality.code,
        name=row.locality.name,
        commune=row.locality.commune.code,
        cells=[cell.code for cell in row.cells],
        joint_cells=[cell.code for cell in row.joint_cells],
        members=row.members,
        head=row.head.full_name if row.head else None,
        head_is_member=row.head_is_member,
        head_is_secretary=row.head_is_secretary,
        relapsed_on=row.relapsed_on,
    )


@router.get("/organizations/{code}/coverage", response=responses(CoverageOut), summary="Village coverage on a date")
def coverage_view(request: HttpRequest, code: str, params: Query[CoverageQuery]) -> dict[str, object]:
    user = request.auth  # type: ignore[attr-defined]
    return coverage_for(user, get_visible(user, code), params.as_of or policy.today()).as_dict()


@router.get(
    "/organizations/{code}/coverage/villages", response=responses(VillagePage), summary="Villages behind a figure"
)
def coverage_villages(request: HttpRequest, code: str, params: Query[VillageQuery]) -> VillagePage:
    user = request.auth  # type: ignore[attr-defined]
    rows = rows_of(coverage_for(user, get_visible(user, code), params.as_of or policy.today()), params.list)
    items = [_village(row) for row in rows[params.offset : params.offset + params.limit]]
    return VillagePage(count=len(rows), limit=params.limit, offset=params.offset, items=items)


class SecretaryIn(Schema):
    person_id: int = Field(description="The member who becomes the cell's secretary.")
    valid_from: IsoDate = Field(description="First day in office (YYYY-MM-DD).")


class SecretaryOut(Schema):
    organization: str
    person_id: int
    valid_from: dt.date


@router.post(
    "/organizations/{code}/secretary",
    response=responses(SecretaryOut, 201, write=True),
    summary="Record the secretary of a cell",
)
def secretary_set(request: HttpRequest, code: str, payload: SecretaryIn) -> Status[SecretaryOut]:
    user = request.auth  # type: ignore[attr-defined]
    cell = get_visible(user, code)
    position = cell_secretary_set(
        actor=user, cell=cell, person=person_get(user, payload.person_id), valid_from=payload.valid_from
    )
    return Status(
        201, SecretaryOut(organization=cell.code, person_id=position.person_id, valid_from=position.valid_from)
    )
