"""The dossier checklist of a case as a printable A4 PDF (WeasyPrint).

Formatting only: the rows are those of the checklist selector, so the page, the API
and this file always show the same items in the same states.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ketnap.admission.models import AdmissionCase
from ketnap.admission.types import ChecklistRow, ItemState
from ketnap.organizations.models import Organization

TEMPLATE = "admission/documents/checklist.html"


def state_labels() -> dict[ItemState, str]:
    return {
        ItemState.PRESENT: _("Có"),
        ItemState.MISSING: _("Thiếu"),
        ItemState.EXPIRED: _("Hết hạn"),
        ItemState.NOT_APPLICABLE: _("Không áp dụng"),
    }


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _context(case: AdmissionCase, on: dt.date, rows: Sequence[ChecklistRow], today: dt.date) -> dict[str, object]:
    labels = state_labels()
    counts = Counter(row.state for row in rows)
    parent = Organization.objects.filter(path=case.cell.path[: -case.cell.steplen]).first()
    return {
        "person": case.person.full_name,
        "birth_date": _date(case.person.birth_date),
        "cell": case.cell.name,
        "superior": parent.name if parent else "",
        "stage": case.get_stage_display(),
        "kind": case.get_kind_display(),
        "opened_on": _date(case.opened_on),
        "on": _date(on),
        "generated": _("Lập ngày %(date)s") % {"date": _date(today)},
        "rows": [
            {
                "label": row.label,
                "form": row.form,
                "state": labels[row.state],
                "css": row.state.value,
                "date": _date(row.occurred_on),
                "number": row.document_number,
                "note": row.note,
            }
            for row in rows
        ],
        "totals": [(labels[state], counts[state]) for state in ItemState if counts[state]],
    }


def checklist_pdf_from_rows(
    case: AdmissionCase, on: dt.date, rows: Sequence[ChecklistRow], *, today: dt.date | None = None
) -> bytes:
    """The PDF of the given checklist rows; ``today`` is the generated date in the footer."""
    # WeasyPrint is heavy to import (Pango, fonts); load it only when a PDF is made.
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(TEMPLATE, _context(case, on, rows, today or timezone.localdate()))
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def checklist_pdf(case: AdmissionCase, on: dt.date) -> bytes:
    """The dossier checklist of ``case`` on ``on``: present, missing, expired."""
    from ketnap.admission.selectors import case_checklist

    return checklist_pdf_from_rows(case, on, case_checklist(case, on))
