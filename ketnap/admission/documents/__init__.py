"""Documents of an admission case: Word drafts of what committees sign and the
dossier checklist PDF. ``render`` is the one entry point pages and the API serve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from django.http import HttpResponse
from django.utils.text import slugify
from unidecode import unidecode

from ketnap.admission.documents import checklist_pdf, drafts
from ketnap.admission.models import AdmissionCase
from ketnap.core.downloads import attachment
from ketnap.people.disclosure import MASKED, Disclosure, disclosure_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


class Kind(NamedTuple):
    prefix: str  # ASCII form code for the file name
    extension: str
    content_type: str
    render: Callable[[AdmissionCase, dt.date, Disclosure], bytes]


def _checklist(case: AdmissionCase, on: dt.date, disclosure: Disclosure) -> bytes:
    return checklist_pdf.checklist_pdf(case, on)  # states, dates and numbers: nothing sensitive


KINDS: dict[str, Kind] = {
    "cell_resolution": Kind("6-KND", "docx", DOCX, drafts.cell_resolution_docx),
    "committee_resolution": Kind("8-KND", "docx", DOCX, drafts.committee_resolution_docx),
    "admission_decision": Kind("9-KND", "docx", DOCX, drafts.admission_decision_docx),
    "recognition_decision": Kind("QD-cong-nhan", "docx", DOCX, drafts.recognition_decision_docx),
    "checklist": Kind("danh-muc-ho-so", "pdf", PDF, _checklist),
}


def filename(kind: str, case: AdmissionCase) -> str:
    """An ASCII-safe file name: '6-KND-nguyen-van-an.docx'."""
    spec = KINDS[kind]
    return f"{spec.prefix}-{slugify(unidecode(case.person.full_name)) or case.pk}.{spec.extension}"


def render(kind: str, case: AdmissionCase, on: dt.date, disclosure: Disclosure = MASKED) -> tuple[bytes, str, str]:
    """(content, file name, content type) of document ``kind`` for ``case`` on ``on``,
    the person's sensitive data shown as ``disclosure`` (from ``disclosure_for``) allows.

    Raises ``KeyError`` for an unknown kind; callers map it to a 404.
    """
    spec = KINDS[kind]
    return spec.render(case, on, disclosure), filename(kind, case), spec.content_type


def download(kind: str, case: AdmissionCase, on: dt.date, *, reader: Any) -> HttpResponse:
    """Document ``kind`` of ``case`` for ``reader`` (who has been allowed to see the case):
    masked as the reader may see the person, and audited as a download about the person.

    Raises ``KeyError`` for an unknown kind; callers map it to a 404.
    """
    content, name, content_type = render(kind, case, on, disclosure_for(reader, case.person))
    return attachment(
        actor=reader,
        kind=kind,
        subject=case.person,
        organization_path=case.cell.path,
        content=content,
        filename=name,
        content_type=content_type,
        case=case.pk,
        on=on.isoformat(),
    )
