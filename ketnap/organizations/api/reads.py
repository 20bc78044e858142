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
from ketnap.reports.selectors import statistics_for

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
    ethnic_minority: int | None = Field(
        description="Null when withheld: the caller lacks view_sensitive and the group or count is small."
    )
    religious: int | None = Field(description="Null when withheld, as ethnic_minority.")
    youth_union: int
    age_bands: dict[str, int]
    education: dict[str, int]
    professional: dict[str, int]
    political_theory: dict[str, int]
    warnings: list[str]
    suppressed: list[str] = Field(description="Names of the figures withheld from the caller.")
    suppression_note: str = Field(description="Why figures are withheld; empty when none is.")


def _with_parent_code(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    # The parent's path is the node's path minus one step: one subquery, no N+1.
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
    parent = Organization.objects.filter(path=parent_path).values("code")[:1]
    return queryset.annotate(parent_code=Subquery(parent))


def _parent_code(user: object, org: Organization) -> str | None:
    """The parent's code, or None when the parent is outside ``user``'s view: a
    province editor is not told the code of the nation's root."""
    parent_path = org.path[: -Organization.steplen]
    if not parent_path or not policy.can_path(user, Action.VIEW, parent_path):
        return None
    return getattr(org, "parent_code", None)


def _out(user: object, org: Organization) -> OrganizationOut:
    return OrganizationOut(
        code=org.code,
        name=org.name,
        kind=OrgKind(org.kind),
        sector=Sector(org.sector),
        parent=_parent_code(user, org),
        depth=org.depth,
        valid_from=org.valid_from,
        valid_to=org.valid_to,
    )


def visible_or_none(user: object, code: str) -> Organization | None:
    """The organization with ``code`` if the user may see it, else None: for filters,
    where an unknown code and one outside the caller's view must answer alike."""
    org = Organization.objects.filter(code=code).first()
    return org if org is not None and policy.can(user, Action.VIEW, org) else None


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
        # An unknown parent and one outside the caller's view give the same empty
        # list, so the answer does not disclose which codes exist.
        parent = visible_or_none(user, filters.parent)
    queryset = selectors.organization_list(
        user, as_of=as_of, parent=parent, kind=filters.kind.value if filters.kind else "", query=filters.q or ""
    )
    if filters.parent is not None and parent is None:
        queryset = queryset.none()
    page = _with_parent_code(queryset)[filters.offset : filters.offset + filters.limit]
    return OrganizationPage(
        count=queryset.count(), limit=filters.limit, offset=filters.offset, items=[_out(user, org) for org in page]
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
    items = [_out(user, child).model_copy(update={"parent": org.code}) for child in children]
    return OrganizationDetailOut(**_out(user, org).model_dump(), children=items)


@router.get(
    "/organizations/{code}/statistics",
    response=responses(StatisticsOut),
    summary="Organizations and members of the subtree on a date",
)
def organization_statistics_view(request: HttpRequest, code: str, params: Query[AsOf]) -> dict[str, object]:
    user = request.auth  # type: ignore[attr-defined]
    org = get_visible(user, code)
    return statistics_for(user, org, params.as_of or policy.today()).as_dict()
