"""The API of user management: users, their roles, password resets, deactivation and
an organization's access list, through the same services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ketnap.accounts import selectors, services
from ketnap.accounts.models import Account, Role, RoleAssignment
from ketnap.api.errors import path_lookup
from ketnap.api.schemas import IsoDate, PageIn, responses
from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get

router = Router(tags=["users"])
path_lookup("role_id", selectors.role_get)


class AccessRoleOut(Schema):
    id: int
    username: str
    role: Role
    organization: str = Field(description="Code of the organization the role is held on.")
    organization_name: str
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="The first day the role no longer holds; null while open.")


class UserOut(Schema):
    username: str
    full_name: str
    email: str
    is_active: bool
    home_organization: str | None = Field(description="Code of the organization the user was created in.")
    roles: list[AccessRoleOut]


class UserSummaryOut(Schema):
    username: str
    full_name: str
    email: str
    is_active: bool
    home_organization: str | None


class UserPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[UserSummaryOut]


class UserFilters(PageIn):
    q: str | None = Field(None, max_length=100, description="Part of the user name, full name or e-mail.")


class UserCreateIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    email: str = Field(min_length=1, max_length=254)
    full_name: str = Field(min_length=1, max_length=150)
    organization: str | None = Field(
        None, max_length=64, description="Code of the organization managing the user (required but for superusers)."
    )
    password: str | None = Field(None, max_length=128, description="Omit to have a one-time password generated.")


class PasswordOut(Schema):
    password: str | None = Field(description="The generated one-time password, shown only in this answer.")


class UserCreatedOut(PasswordOut):
    user: UserOut


class RoleGrantIn(Schema):
    role: Role
    organization: str = Field(min_length=1, max_length=64)
    valid_from: IsoDate | None = Field(None, description="First day of the role (YYYY-MM-DD); today when omitted.")


class RoleEndIn(Schema):
    on: IsoDate | None = Field(None, description="First day without the role (YYYY-MM-DD); today when omitted.")


class PasswordResetIn(Schema):
    password: str | None = Field(None, max_length=128, description="Omit to have a one-time password generated.")


class AccessFilters(PageIn):
    as_of: IsoDate | None = Field(None, description="Roles valid on this date (YYYY-MM-DD); today when omitted.")
    history: bool = Field(False, description="Every role with its dates, ended and future ones included.")


class AccessPage(Schema):
    organization: str
    count: int
    limit: int
    offset: int
    items: list[AccessRoleOut]


def _role_out(row: RoleAssignment) -> AccessRoleOut:
    return AccessRoleOut(
        id=row.pk,
        username=row.user.get_username(),
        role=Role(row.role),
        organization=row.organization.code,
        organization_name=row.organization.name,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def _home_code(user: Any) -> str | None:
    account: Account | None = getattr(user, "account", None)
    home = account.home_organization if account is not None else None
    return home.code if home is not None else None


def _summary(user: Any) -> dict[str, Any]:
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email,
        "is_active": user.is_active,
        "home_organization": _home_code(user),
    }


def _user_out(actor: Any, user: Any) -> UserOut:
    return UserOut(**_summary(user), roles=[_role_out(row) for row in selectors.user_roles(actor, user)])


def _organization(actor: Any, code: str) -> Organization:
    """The organization a body names; one the caller cannot see is unknown, on its field."""
    try:
        return organization_get(actor, code)
    except NotFound as error:
        raise ValidationFailed({"organization": [_("Không tìm thấy tổ chức có mã này.")]}) from error


def _actor(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.get("/users", response=responses(UserPage), summary="Users the caller manages")
def user_list(request: HttpRequest, filters: Query[UserFilters]) -> UserPage:
    actor = _actor(request)
    selectors.require_administrator(actor)
    users = selectors.user_list(actor, filters.q or "")
    page = users[filters.offset : filters.offset + filters.limit]
    items = [UserSummaryOut(**_summary(user)) for user in page]
    return UserPage(count=users.count(), limit=filters.limit, offset=filters.offset, items=items)


@router.post("/users", response=responses(UserCreatedOut, 201, write=True), summary="Create a user")
def user_create(request: HttpRequest, payload: UserCreateIn) -> Status[UserCreatedOut]:
    actor = _actor(request)
    selectors.require_administrator(actor)
    user, generated = services.user_create(
        actor=actor,
        username=payload.username,
        email=payload.email,
        full_name=payload.full_name,
        organization=_organization(actor, payload.organization) if payload.organization else None,
        password=payload.password,
    )
    return Status(201, UserCreatedOut(user=_user_out(actor, user), password=generated))


@router.get("/users/{username}", response=responses(UserOut), summary="One user and their roles")
def user_detail(request: HttpRequest, username: str) -> UserOut:
    actor = _actor(request)
    return _user_out(actor, selectors.user_get(actor, username))


@router.post("/users/{username}/roles", response=responses(AccessRoleOut, 201, write=True), summary="Grant a role")
def role_grant(request: HttpRequest, username: str, payload: RoleGrantIn) -> Status[AccessRoleOut]:
    actor = _actor(request)
    user = selectors.user_get(actor, username)
    row = services.role_grant(
        actor=actor,
        user=user,
        organization=_organization(actor, payload.organization),
        role=payload.role.value,
        valid_from=payload.valid_from or policy.today(),
    )
    return Status(201, _role_out(row))


@router.post("/roles/{role_id}/end", response=responses(AccessRoleOut, write=True), summary="End a role from a date")
def role_end(request: HttpRequest, role_id: int, payload: RoleEndIn) -> AccessRoleOut:
    actor = _actor(request)
    row = selectors.role_get(actor, role_id)
    return _role_out(services.role_end(actor=actor, assignment=row, on=payload.on or policy.today()))


@router.post(
    "/users/{username}/password", response=responses(PasswordOut, write=True), summary="Reset a user's password"
)
def password_reset(request: HttpRequest, username: str, payload: PasswordResetIn) -> PasswordOut:
    actor = _actor(request)
    user = selectors.user_get(actor, username)
    return PasswordOut(password=services.user_password_reset(actor=actor, user=user, password=payload.password))


@router.post("/users/{username}/deactivate", response=responses(UserOut, write=True), summary="Deactivate a user")
def user_deactivate(request: HttpRequest, username: str) -> UserOut:
    actor = _actor(request)
    user = services.user_deactivate(actor=actor, user=selectors.user_get(actor, username))
    return _user_out(actor, user)


@router.get(
    "/organizations/{code}/access",
    response=responses(AccessPage),
    summary="Who has access to an organization, through which role",
)
def organization_access(request: HttpRequest, code: str, filters: Query[AccessFilters]) -> AccessPage:
    actor = _actor(request)
    org = organization_get(actor, code)
    as_of = None if filters.history else (filters.as_of or policy.today())
    rows = selectors.organization_access(actor, org, as_of=as_of)
    page = rows[filters.offset : filters.offset + filters.limit]
    return AccessPage(
        organization=org.code,
        count=rows.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[_role_out(row) for row in page],
    )
