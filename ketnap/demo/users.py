"""Demo logins: an administrator and a viewer, an editor and an approver at three levels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from ketnap.accounts.models import Role, RoleAssignment
from ketnap.organizations.models import Organization

PASSWORD = "ketnap-demo-2026"
SINCE = dt.date(2000, 1, 1)
ROOT = "vn"
PROVINCE = "lai-chau"
COMMUNE = "lc-muong-te-xa-bum-to"
CELL = "lc-muong-te-xa-bum-to-cb-04"


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    organization: str


def logins() -> list[Login]:
    people = [Login("admin", Role.ADMIN, ROOT)]
    for prefix, code in (("tinh", PROVINCE), ("xa", COMMUNE), ("chibo", CELL)):
        for suffix, role in (("xem", Role.VIEWER), ("sua", Role.EDITOR), ("duyet", Role.APPROVER)):
            people.append(Login(f"{prefix}.{suffix}", role, code))
    return people


def ensure_users() -> list[Login]:
    """Create missing demo users and roles; existing ones are left exactly as they are."""
    created: list[Login] = []
    organizations = Organization.objects.in_bulk([login.organization for login in logins()], field_name="code")
    for login in logins():
        org = organizations.get(login.organization)
        if org is None:  # province not built (--only)
            continue
        user, new = get_user_model().objects.get_or_create(
            username=login.username,
            defaults={"is_superuser": login.username == "admin", "is_staff": login.username == "admin"},
        )
        if new:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        _, granted = RoleAssignment.objects.get_or_create(
            user=user, organization=org, role=login.role, defaults={"valid_from": SINCE}
        )
        if new or granted:
            created.append(login)
    return created


def usernames() -> list[str]:
    return [login.username for login in logins()]
