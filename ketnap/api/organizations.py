"""Organizations on a date, one organization with its children, and its statistics."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from ketnap.api.parsing import NUL
from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.core.errors import NotFound, NotValidOnDate
from ketnap.core.limits import SEARCH_MAX_LENGTH, max_length
from ketnap.core.policy import Action
from ketnap.lib.dates import dmy
from ketnap.organizations import selectors
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.reports.selectors import organization_statistics

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    code: str
    name: str
    kind: OrgKind
    sector: Sector
    parent: str | None = Field(None, description="Code of the parent organization.")
    depth: int
    valid_from: dt.date
    valid_to: dt.date | None


class OrganizationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OrganizationOut]


class OrganizationDetailOut(OrganizationOut):
    children: list[OrganizationOut]


class OrganizationFilters(PageIn):
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")
    parent: str | None = Field(
        None,
        max_length=max_length(Organization, "code"),
        description="Only the direct children of this organization code.",
    )
    kind: OrgKind | None = None
    q: str | None = Field(
        None, max_length=SEARCH_MAX_LENGTH, description="Part of the name (with or without diacritics) or of the code."
    )


class AsOf(Schema):
    as_of: IsoDate | None = Field(None, description="Date (YYYY-MM-DD); today when omitted.")


class StatisticsOut(Schema):
    organization_code: str
    organization_name: str
    organization_kind: OrgKind
    as_of: dt.date
    organizations_by_kind: dict[str, int]
    grassroots_organizations: int
    members: int
    probationary: int
    official: int
    exempted: int
    women: int
    ethnic_minority: int
    religious: int
    youth_union: int
    age_bands: dict[str, int]
    education: dict[str, int]
    professional: dict[str, int]
    political_theory: dict[str, int]
    warnings: list[str]


def _with_parent_code(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    # The parent's path is the node's path minus one step: one subquery, no N+1.
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
    parent = Organization.objects.filter(path=parent_path).values("code")[:1]
    return queryset.annotate(parent_code=Subquery(parent))


def _out(org: Organization) -> OrganizationOut:
    return OrganizationOut(
        code=org.code,
        name=org.name,
        kind=OrgKind(org.kind),
        sector=Sector(org.sector),
        parent=getattr(org, "parent_code", None),
        depth=org.depth,
        valid_from=org.valid_from,
        valid_to=org.valid_to,
    )


def get_visible(user: object, code: str) -> Organization:
    """The organization with ``code`` if the user may see it; NotFound otherwise."""
    if NUL in code:  # no code has one, and PostgreSQL cannot even compare it
        raise NotFound()
    org = _with_parent_code(Organization.objects.filter(code=code)).first()
    if org is None:
        raise NotFound()
    policy.require(user, Action.VIEW, org)
    return org


@router.get("/organizations", response=responses(OrganizationPage), summary="Visible organizations valid on a date")
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> OrganizationPage:
    as_of = filters.as_of or policy.today()
    user = request.auth  # type: ignore[attr-defined]
    parent = None
    if filters.parent is not None:
        # An unknown parent gives an empty list, like one outside the caller's view,
        # so the answer does not disclose which codes exist.
        parent = Organization.objects.filter(code=filters.parent).first()
    queryset = selectors.organization_list(
        user, as_of=as_of, parent=parent, kind=filters.kind.value if filters.kind else "", query=filters.q or ""
    )
    if filters.parent is not None and parent is None:
        queryset = queryset.none()
    page = _with_parent_code(queryset)[filters.offset : filters.offset + filters.limit]
    return OrganizationPage(
        count=queryset.count(), limit=filters.limit, offset=filters.offset, items=[_out(org) for org in page]
    )


@router.get(
    "/organizations/{code}",
    response=responses(OrganizationDetailOut),
    summary="One organization with its children valid on a date",
)
def organization_detail(request: HttpRequest, code: str, params: Query[AsOf]) -> OrganizationDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    as_of = params.as_of or policy.today()
    org = get_visible(user, code)
    if not org.is_valid_on(as_of):
        raise NotValidOnDate(
            _("Tổ chức %(code)s không tồn tại vào ngày %(date)s.") % {"code": org.code, "date": dmy(as_of)},
            field="as_of",
        )
    children = selectors.organization_children(user, org, as_of)
    items = [_out(child).model_copy(update={"parent": org.code}) for child in children]
    return OrganizationDetailOut(**_out(org).model_dump(), children=items)


@router.get(
    "/organizations/{code}/statistics",
    response=responses(StatisticsOut),
    summary="Organizations and members of the subtree on a date",
)
def organization_statistics_view(request: HttpRequest, code: str, params: Query[AsOf]) -> dict[str, object]:
    org = get_visible(request.auth, code)  # type: ignore[attr-defined]
    return organization_statistics(org, params.as_of or policy.today()).as_dict()
