"""Reads of the import pages and API: the organization imported into, an upload, the
people list exported in the template's layout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.errors import NotFound, ValidationFailed
from ketnap.core.policy import Action
from ketnap.imports.columns import Kind
from ketnap.imports.models import Upload
from ketnap.imports.sheets import export_bytes
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.selectors import people_list
from ketnap.people.status import MEMBER_STATUSES


def import_target(user: Any, code: str) -> Organization:
    """The organization a file is imported into: visible (else NotFound), editable (else 403)."""
    org = organization_get(user, code)
    policy.require(user, Action.EDIT, org)
    return org


def upload_get(user: Any, pk: int) -> Upload:
    """An upload not yet committed in an organization ``user`` edits (colleagues who edit
    it may carry an import on); NotFound otherwise."""
    scoped = policy.scope(user, Upload.objects.select_related("organization"), Action.EDIT)
    upload = scoped.filter(pk=pk, committed_at__isnull=True).first()
    if upload is None:
        raise NotFound()
    return upload


def check_size(size: int | None) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size is None or size > limit:
        message = _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
        raise ValidationFailed({"file": [message]})


def people_export(user: Any, org: Organization, kind: Kind) -> bytes:
    """The people recorded in ``org``'s subtree that ``user`` sees, in the template of
    ``kind``: the members today, or everyone else (candidates and sources)."""
    people = people_list(user, organization=org)
    members = {"status_on_date__in": [s.value for s in MEMBER_STATUSES]}  # annotated by people_list
    people = people.filter(**members) if kind is Kind.MEMBERS else people.exclude(**members)
    sensitive = policy.can(user, Action.VIEW_SENSITIVE, org)
    return export_bytes(people, kind, sensitive=sensitive)
