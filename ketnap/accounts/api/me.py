"""``/me``: who the caller is and which roles they hold today."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from ketnap.accounts.models import RoleAssignment
from ketnap.api.schemas import responses
from ketnap.core import policy

router = Router(tags=["me"])


class RoleOut(Schema):
    role: str
    organization: str
    organization_name: str
    valid_from: dt.date
    valid_to: dt.date | None


class MeOut(Schema):
    username: str
    full_name: str
    is_superuser: bool
    roles: list[RoleOut]


@router.get("/me", response=responses(MeOut), summary="The caller and their roles valid today")
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]
    assignments = (
        RoleAssignment.objects.as_of(policy.today())
        .filter(user=user)
        .select_related("organization")
        .order_by("organization__path", "role")
    )
    roles = [
        RoleOut(
            role=a.role,
            organization=a.organization.code,
            organization_name=a.organization.name,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
        )
        for a in assignments
    ]
    return MeOut(
        username=user.get_username(),
        full_name=user.get_full_name(),
        is_superuser=user.is_superuser,
        roles=roles,
    )
