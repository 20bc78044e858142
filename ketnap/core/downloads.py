"""The one way a generated file leaves the system: audited, then served.

Word drafts, the dossier checklist and the spreadsheets hold personal data or figures
of a subtree, so every download (page or API) is written to the audit log first: who
took which kind of file about which person or organization, and when (the entry's
time). A view builds the file and returns ``attachment(...)``; nothing else sets
``Content-Disposition``.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import HttpResponse

from ketnap.audit.services import audit_log

DOWNLOAD_ACTION = "file.download"


@transaction.atomic
def download_record(
    *, actor: Any, kind: str, subject: models.Model, filename: str, organization_path: str, **details: Any
) -> None:
    """Audit one download of a file of ``kind`` about ``subject`` (a person or an organization)."""
    after = {"kind": kind, "file": filename, **{key: str(value) for key, value in details.items()}}
    audit_log(actor=actor, action=DOWNLOAD_ACTION, obj=subject, after=after, organization_path=organization_path)


def attachment(
    *,
    actor: Any,
    kind: str,
    subject: models.Model,
    organization_path: str,
    content: bytes,
    filename: str,
    content_type: str,
    **details: Any,
) -> HttpResponse:
    """The file as a download, once its download is in the audit log."""
    download_record(
        actor=actor, kind=kind, subject=subject, filename=filename, organization_path=organization_path, **details
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
