"""Keeping the tree over the API: open, rename, close, merge and split (with a dry run
that lists who moves where), the deciding authority, localities, the cells serving
them and their heads. The same services as the pages; only administrators of the
subtree may call them (out of scope 404, in scope without the role 403)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool, StrictInt

from ketnap.admission.models import AuthoritySetting
from ketnap.admission.services import authority_set
from ketnap.api.errors import ERROR_STATUSES, ErrorOut
from ketnap.api.schemas import IsoDate, responses
from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.organizations import selectors, services
from ketnap.organizations.api import reads as read_api
from ketnap.organizations.models import (
    Locality,
    LocalityCell,
    LocalityKind,
    Organization,
    OrgKind,
    Reorganization,
    ReorganizationKind,
    Sector,
    VillageHead,
)
from ketnap.people.models import Person
from ketnap.rules.facts import Body, UpperKind

router = Router(tags=["organizations"])

Code = Field(max_length=64, pattern=r"^[-a-zA-Z0-9_]+$", description="Organization code.")
MAX_PREVIEW = 200


# --- Lookups through the policy ---------------------------------------------------------------


def _org(user: Any, code: str, action: Action, field: str | None = None) -> Organization:
    """The organization with ``code``: NotFound out of the caller's view (on ``field``
    when the code came in the body), PermissionDenied without ``action``."""
    org = Organization.objects.filter(code=code).first()
    if org is None or not policy.can(user, Action.VIEW, org):
        raise NotFound(field=field)
    policy.require(user, action, org)
    return org


def _locality(user: Any, code: str, action: Action) -> Locality:
    locality = Locality.objects.select_related("commune").filter(code=code).first()
    if locality is None:
        raise NotFound()
    policy.require(user, action, locality)
    return locality


# --- Organizations ----------------------------------------------------------------------------


class OrganizationIn(Schema):
    parent: str = Code
    code: str = Code
    name: str = Field(min_length=1, max_length=255, pattern=r"\S")
    kind: OrgKind
    sector: Sector = Sector.OTHER
    valid_from: IsoDate


class RenameIn(Schema):
    code: str = Field(max_length=64, pattern=r"^[-a-zA-Z0-9_]+$", description="Code of the renamed organization.")
    name: str = Field(min_length=1, max_length=255, pattern=r"\S")
    on: IsoDate = Field(description="First day of the new name.")
    document_number: str = Field("", max_length=64)
    note: str = Field("", max_length=4000)
    sector: Sector | None = Field(
        None,
        description="Sector of the renamed organization (the old one's when left out), e.g. a commune becoming a ward.",
    )


class CloseIn(Schema):
    on: IsoDate = Field(description="First day the organization no longer exists.")
    target: str | None = Field(
        None, max_length=64, description="Code of the organization its people move to (needed while it has members)."
    )
    document_number: str = Field("", max_length=64)
    note: str = Field("", max_length=4000)


# On the router of the reads: one path cannot be split between two routers, and this
# operation shares ``/organizations`` with the list.
@read_api.router.post(
    "/organizations",
    response=responses(read_api.OrganizationOut, 201),
    summary="Open an organization under another (administrators of the parent)",
)
def organization_create(request: HttpRequest, payload: OrganizationIn) -> Status[read_api.OrganizationOut]:
    user = request.auth  # type: ignore[attr-defined]
    parent = _org(user, payload.parent, Action.ADMINISTER, field="parent")
    org = services.organization_open(
        actor=user,
        parent=parent,
        code=payload.code,
        name=payload.name,
        kind=payload.kind.value,
        sector=payload.sector.value,
        valid_from=payload.valid_from,
    )
    return Status(201, _out(org, parent))


def _out(org: Organization, parent: Organization | None) -> read_api.OrganizationOut:
    return read_api.OrganizationOut(
        code=org.code,
        name=org.name,
        kind=OrgKind(org.kind),
        sector=Sector(org.sector),
        parent=parent.code if parent else None,
        depth=org.depth,
        valid_from=org.valid_from,
        valid_to=org.valid_to,
    )


@router.post(
    "/organizations/{code}/rename",
    response=responses(read_api.OrganizationOut, 201, write=True),
    summary="Rename from a date: a node with the new name takes over people and localities",
)
def organization_rename(request: HttpRequest, code: str, payload: RenameIn) -> Status[read_api.OrganizationOut]:
    user = request.auth  # type: ignore[attr-defined]
    org = _org(user, code, Action.ADMINISTER)
    fields = payload.model_dump(exclude={"sector"})
    sector = payload.sector.value if payload.sector else ""
    renamed = services.organization_rename(actor=user, organization=org, sector=sector, **fields)
    return Status(201, _out(renamed, Organization.objects.get_parent(renamed)))


class ReorganizationOut(Schema):
    id: int
    kind: ReorganizationKind
    effective_on: dt.date
    document_number: str
    closed: list[str] = Field(description="Codes of the organizations closed.")
    opened: list[str] = Field(description="Codes of the organizations opened by this decision.")


def _reorganization_out(record: Reorganization) -> ReorganizationOut:
    return ReorganizationOut(
        id=record.pk,
        kind=ReorganizationKind(record.kind),
        effective_on=record.effective_on,
        document_number=record.document_number,
        closed=sorted(record.closed.values_list("code", flat=True)),
        opened=sorted(record.opened.values_list("code", flat=True)),
    )


@router.post(
    "/organizations/{code}/close",
    response=responses(ReorganizationOut, write=True),
    summary="Dissolve an organization and its subtree on a date, its people moving to a target",
)
def organization_close(request: HttpRequest, code: str, payload: CloseIn) -> ReorganizationOut:
    user = request.auth  # type: ignore[attr-defined]
    org = _org(user, code, Action.ADMINISTER)
    moves = {org.pk: _org(user, payload.target, Action.EDIT, field="target")} if payload.target else {}
    record = services.reorganize(
        actor=user,
        kind=ReorganizationKind.DISSOLVE,
        on=payload.on,
        closed=[org],
        opened=[],
        moves=moves,
        document_number=payload.document_number,
        note=payload.note,
    )
    return _reorganization_out(record)


# --- Merge and split, with a dry run ----------------------------------------------------------


class ReorganizeKind(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    DISSOLVE = "dissolve"


class MoveIn(Schema):
    source: str = Field(max_length=64, description="Code of a closing organization or of a node below one.")
    target: str = Field(max_length=64, description="Code of the organization its people move to.")


class ReorganizeIn(Schema):
    kind: ReorganizeKind
    on: IsoDate = Field(description="Effective date: the closed organizations end, people move, that day.")
    closed: list[str] = Field(min_length=1, max_length=100, description="Codes of the organizations to close.")
    moves: list[MoveIn] = Field(
        [],
        max_length=1000,
        description="Where people go; a member follows the nearest node on their path that has one.",
    )
    document_number: str = Field("", max_length=64)
    note: str = Field("", max_length=4000)
    dry_run: StrictBool = Field(False, description="Only list who would move where; write nothing.")
    limit: StrictInt = Field(50, ge=1, le=MAX_PREVIEW, description="Dry run: members listed.")
    offset: StrictInt = Field(0, ge=0, description="Dry run: members skipped.")


class MoveGroupOut(Schema):
    source: str
    target: str | None = Field(description="Null: no move places these members yet; the request would be refused.")
    members: int


class MoveRowOut(Schema):
    person_id: int
    full_name: str
    source: str
    target: str | None


class PreviewOut(Schema):
    dry_run: bool = True
    effective_on: dt.date
    members: int = Field(description="Members on the rolls of the closing organizations on the date.")
    unplaced: int = Field(description="Members that no move places.")
    others: int = Field(description="People recorded there who are not members; they follow without a transfer.")
    groups: list[MoveGroupOut]
    count: int
    limit: int
    offset: int
    items: list[MoveRowOut]


def _closing(user: Any, codes: list[str]) -> list[Organization]:
    return [_org(user, code, Action.ADMINISTER, field="closed") for code in dict.fromkeys(codes)]


def _moves(user: Any, moves: list[MoveIn]) -> dict[int, Organization]:
    result = {}
    for move in moves:
        source = _org(user, move.source, Action.VIEW, field="moves")
        result[source.pk] = _org(user, move.target, Action.EDIT, field="moves")
    return result


def _preview(closed: list[Organization], moves: dict[int, Organization], payload: ReorganizeIn) -> PreviewOut:
    by_path = selectors.moves_by_path(moves)
    groups = [group for org in closed for group in selectors.reorganization_groups(org, payload.on, by_path)]
    periods = _members_page(closed, payload.on, payload.offset, payload.limit)
    page = selectors.reorganization_rows(periods, by_path)
    return PreviewOut(
        effective_on=payload.on,
        members=sum(group.members for group in groups),
        unplaced=sum(group.members for group in groups if group.target is None),
        others=sum(selectors.reorganization_non_members(org, payload.on).count() for org in closed),
        groups=[MoveGroupOut(source=g.source.code, target=_code(g.target), members=g.members) for g in groups],
        count=sum(group.members for group in groups),
        limit=payload.limit,
        offset=payload.offset,
        items=[
            MoveRowOut(
                person_id=r.person.pk, full_name=r.person.full_name, source=r.source.code, target=_code(r.target)
            )
            for r in page
        ],
    )


def _members_page(closed: list[Organization], on: dt.date, offset: int, limit: int) -> list[Any]:
    """One page of the members of all closing organizations, in their order, without
    loading the others (a province holds a hundred thousand)."""
    rows: list[Any] = []
    for org in closed:
        members = selectors.reorganization_members(org, on)
        total = members.count()
        if offset >= total:
            offset -= total
            continue
        rows.extend(members[offset : offset + limit - len(rows)])
        offset = 0
        if len(rows) >= limit:
            break
    return rows


def _code(org: Organization | None) -> str | None:
    return org.code if org else None


@router.post(
    "/reorganizations",
    response={200: PreviewOut, 201: ReorganizationOut, ERROR_STATUSES: ErrorOut},
    summary="Merge, split or dissolve on a date (dry_run: list who would move where)",
)
def reorganization_create(request: HttpRequest, payload: ReorganizeIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    closed = _closing(user, payload.closed)
    moves = _moves(user, payload.moves)
    if payload.dry_run:
        return Status(200, _preview(closed, moves, payload))
    opened = {org.pk: org for org in moves.values() if org.valid_from == payload.on}
    record = services.reorganize(
        actor=user,
        kind=payload.kind.value,
        on=payload.on,
        closed=closed,
        opened=list(opened.values()),
        moves=moves,
        document_number=payload.document_number,
        note=payload.note,
    )
    return Status(201, _reorganization_out(record))


# --- The deciding authority -------------------------------------------------------------------


class AuthorityIn(Schema):
    body: Body
    deciding_organization: str = Field(max_length=64, description="Code of the deciding committee.")
    upper_kind: UpperKind
    grassroots_authorised: StrictBool = False
    valid_from: IsoDate


class AuthorityOut(Schema):
    id: int
    organization: str
    body: Body
    deciding_organization: str
    upper_kind: UpperKind
    grassroots_authorised: bool
    valid_from: dt.date
    valid_to: dt.date | None


def _authority_out(setting: AuthoritySetting) -> AuthorityOut:
    return AuthorityOut(
        id=setting.pk,
        organization=setting.organization.code,
        body=Body(setting.body),
        deciding_organization=setting.deciding_organization.code,
        upper_kind=UpperKind(setting.upper_kind),
        grassroots_authorised=setting.grassroots_authorised,
        valid_from=setting.valid_from,
        valid_to=setting.valid_to,
    )


@router.post(
    "/organizations/{code}/authority",
    response=responses(AuthorityOut, 201, write=True),
    summary="Set who decides admissions for the cells below, from a date (nearest ancestor wins)",
)
def authority_create(request: HttpRequest, code: str, payload: AuthorityIn) -> Status[AuthorityOut]:
    user = request.auth  # type: ignore[attr-defined]
    org = _org(user, code, Action.ADMINISTER)
    deciding = _org(user, payload.deciding_organization, Action.VIEW, field="deciding_organization")
    setting = authority_set(
        actor=user,
        organization=org,
        body=payload.body.value,
        deciding_organization=deciding,
        upper_kind=payload.upper_kind.value,
        grassroots_authorised=payload.grassroots_authorised,
        valid_from=payload.valid_from,
    )
    return Status(201, _authority_out(setting))


@router.get(
    "/organizations/{code}/authority",
    response=responses(list[AuthorityOut]),
    summary="The authority settings hung on this organization, newest first",
)
def authority_list(request: HttpRequest, code: str) -> list[AuthorityOut]:
    org = _org(request.auth, code, Action.VIEW)  # type: ignore[attr-defined]
    settings = AuthoritySetting.objects.filter(organization=org).select_related("organization", "deciding_organization")
    return [_authority_out(setting) for setting in settings.order_by("-valid_from")]


# --- Localities -------------------------------------------------------------------------------


class LocalityIn(Schema):
    commune: str = Field(max_length=64, description="Code of the commune-level organization.")
    code: str = Code
    name: str = Field(min_length=1, max_length=255, pattern=r"\S")
    kind: LocalityKind
    hardship_area: StrictBool = False
    valid_from: IsoDate


class CellTermOut(Schema):
    cell: str
    valid_from: dt.date
    valid_to: dt.date | None


class HeadTermOut(Schema):
    person_id: int
    full_name: str
    valid_from: dt.date
    valid_to: dt.date | None


class LocalityOut(Schema):
    code: str
    name: str
    kind: LocalityKind
    commune: str
    hardship_area: bool
    valid_from: dt.date
    valid_to: dt.date | None
    cells: list[CellTermOut] = Field(description="The cells that served it, newest first.")
    heads: list[HeadTermOut] = Field(description="Its heads, newest first.")


class CellIn(Schema):
    cell: str = Field(max_length=64, description="Code of the cell that serves the locality.")
    valid_from: IsoDate


class HeadIn(Schema):
    person_id: StrictInt
    valid_from: IsoDate


def _terms(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.order_by("-valid_from")


def _locality_out(locality: Locality) -> LocalityOut:
    cells = _terms(LocalityCell.objects.filter(locality=locality).select_related("cell"))
    heads = _terms(VillageHead.objects.filter(locality=locality).select_related("person"))
    return LocalityOut(
        code=locality.code,
        name=locality.name,
        kind=LocalityKind(locality.kind),
        commune=locality.commune.code,
        hardship_area=locality.hardship_area,
        valid_from=locality.valid_from,
        valid_to=locality.valid_to,
        cells=[CellTermOut(cell=row.cell.code, valid_from=row.valid_from, valid_to=row.valid_to) for row in cells],
        heads=[
            HeadTermOut(
                person_id=row.person_id,
                full_name=row.person.full_name,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
            for row in heads
        ],
    )


@router.post(
    "/localities", response=responses(LocalityOut, 201, write=True), summary="Record a village or residential group"
)
def locality_create(request: HttpRequest, payload: LocalityIn) -> Status[LocalityOut]:
    user = request.auth  # type: ignore[attr-defined]
    commune = _org(user, payload.commune, Action.ADMINISTER, field="commune")
    locality = services.locality_create(actor=user, **payload.model_dump(exclude={"commune"}), commune=commune)
    return Status(201, _locality_out(locality))


@router.get("/localities/{code}", response=responses(LocalityOut), summary="A locality with its cells and heads")
def locality_detail(request: HttpRequest, code: str) -> LocalityOut:
    return _locality_out(_locality(request.auth, code, Action.VIEW))  # type: ignore[attr-defined]


@router.post(
    "/localities/{code}/cells",
    response=responses(LocalityOut, 201, write=True),
    summary="From a date this cell serves the locality (the previous assignment ends that day)",
)
def locality_cell(request: HttpRequest, code: str, payload: CellIn) -> Status[LocalityOut]:
    user = request.auth  # type: ignore[attr-defined]
    locality = _locality(user, code, Action.ADMINISTER)
    cell = _org(user, payload.cell, Action.EDIT, field="cell")
    services.locality_assign_cell(actor=user, locality=locality, cell=cell, valid_from=payload.valid_from)
    return Status(201, _locality_out(locality))


@router.post(
    "/localities/{code}/heads",
    response=responses(LocalityOut, 201, write=True),
    summary="From a date this person heads the locality (the previous term ends that day)",
)
def locality_head(request: HttpRequest, code: str, payload: HeadIn) -> Status[LocalityOut]:
    user = request.auth  # type: ignore[attr-defined]
    locality = _locality(user, code, Action.ADMINISTER)
    person = Person.objects.filter(pk=payload.person_id).first()
    if person is None or not policy.can(user, Action.VIEW, person):
        raise NotFound(field="person_id")
    services.village_head_set(actor=user, locality=locality, person=person, valid_from=payload.valid_from)
    return Status(201, _locality_out(locality))
