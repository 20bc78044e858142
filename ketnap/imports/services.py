"""Import of members and candidates from a workbook: a dry run that finds every problem
at its row and column, and a commit that writes all rows or none inside the importing
user's subtree, in bulk (``bulk``: the rows the people services would write, each
person and event audited)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log
from ketnap.core import policy
from ketnap.core.errors import DomainError, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.imports.bulk import write_rows
from ketnap.imports.columns import BY_KEY, Kind, columns_for, recognize, signature
from ketnap.imports.models import ColumnMapping, Upload
from ketnap.imports.report import Report
from ketnap.imports.rows import RowChecker
from ketnap.imports.workbook import Book, Sheet, TooLarge, UnreadableFile, open_book
from ketnap.organizations.models import Organization

Progress = Callable[[int, int], None]


class ImportRefused(DomainError):
    """The file has errors: nothing was written. ``report`` lists them."""

    code = "import_refused"
    status = 422

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(_("Tệp có %(count)s lỗi; chưa ghi gì.") % {"count": len(report.errors)})


def _no_progress(done: int, total: int) -> None:
    return None


class CommitProgress:
    """One progress bar for a commit: its first half is reading and checking the rows
    (most of the time on a large file), its second half writing the new ones."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.rows = 0

    def checking(self, done: int, total: int) -> None:
        self.rows = total
        self.progress(done, 2 * total)

    def writing(self, done: int, total: int) -> None:
        self.progress(self.rows + done * self.rows // max(total, 1), 2 * self.rows)

    @staticmethod
    def is_writing(done: int, total: int) -> bool:
        """Whether ``done`` of ``total`` reported by this bar is in its writing half."""
        return 2 * done > total


def read_book(content: bytes, kind: Kind) -> Book:
    """The workbook, or ValidationFailed on the file when it is not one."""
    try:
        book = open_book(content, kind)
    except TooLarge as error:
        raise ValidationFailed({"file": [_("Tệp giải nén quá lớn để đọc.")]}) from error
    except UnreadableFile as error:
        raise ValidationFailed({"file": [_("Tệp không phải bảng tính Excel (.xlsx) đọc được.")]}) from error
    if not book.sheets:
        raise ValidationFailed({"file": [_("Tệp không có trang tính nào.")]})
    return book


def default_mapping(sheet: Sheet, kind: Kind, organization: Organization) -> dict[str, str]:
    """The mapping remembered for this layout in this organization, else the recognized headers."""
    remembered = ColumnMapping.objects.filter(
        organization=organization, kind=kind.value, signature=signature(sheet.headers.values())
    ).first()
    if remembered is not None:
        return {letter: key for letter, key in remembered.mapping.items() if letter in sheet.headers}
    return {letter: recognize(text, kind) for letter, text in sheet.headers.items()}


def clean_mapping(mapping: dict[str, str], sheet: Sheet, kind: Kind) -> dict[str, str]:
    """Only the sheet's columns and known keys; ValidationFailed when a key is used twice."""
    known = {c.key for c in columns_for(kind)}
    cleaned = {letter: key for letter, key in mapping.items() if letter in sheet.headers and key in known}
    keys = list(cleaned.values())
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        names = ", ".join(str(BY_KEY[key].header) for key in twice)
        raise ValidationFailed({"mapping": [_("Mỗi trường chỉ ghép với một cột: %(names)s.") % {"names": names}]})
    return cleaned


@transaction.atomic
def mapping_remember(
    *, actor: Any, organization: Organization, kind: Kind, sheet: Sheet, mapping: dict[str, str]
) -> None:
    policy.require(actor, Action.EDIT, organization)
    ColumnMapping.objects.update_or_create(
        organization=organization,
        kind=kind.value,
        signature=signature(sheet.headers.values()),
        defaults={"mapping": mapping},
    )


def import_check(
    *,
    actor: Any,
    organization: Organization,
    kind: Kind,
    content: bytes,
    sheet_name: str = "",
    mapping: dict[str, str] | None = None,
    progress: Progress = _no_progress,
) -> Report:
    """The dry run: every row read and checked, nothing written."""
    policy.require(actor, Action.EDIT, organization)
    book = read_book(content, kind)
    sheet = book.sheet(sheet_name)
    chosen = clean_mapping(mapping, sheet, kind) if mapping is not None else default_mapping(sheet, kind, organization)
    report = Report(sheet=sheet.name, sheets=[s.name for s in book.sheets], headers=dict(sheet.headers), mapping=chosen)
    if _check_columns(actor, organization, kind, report):
        RowChecker(actor, organization, kind, report).check_all(sheet.rows, progress)
    return report


def _check_columns(actor: Any, organization: Organization, kind: Kind, report: Report) -> bool:
    """File-level problems: required columns missing, sensitive columns without the permission."""
    mapped = set(report.mapping.values())
    missing = [str(c.header) for c in columns_for(kind) if c.required and c.key not in mapped]
    if missing:
        report.add(0, "", _("Thiếu cột bắt buộc: %(names)s.") % {"names": ", ".join(missing)})
    sensitive = [str(BY_KEY[k].header) for k in sorted(mapped) if k and BY_KEY[k].sensitive]
    if sensitive and not policy.can(actor, Action.VIEW_SENSITIVE, organization):
        message = _("Bạn không có quyền ghi thông tin nhạy cảm; hãy bỏ ghép các cột: %(names)s.")
        report.add(0, "", message % {"names": ", ".join(sensitive)})
    return not report.errors


@transaction.atomic
def import_commit(
    *,
    actor: Any,
    organization: Organization,
    kind: Kind,
    content: bytes,
    filename: str = "",
    sheet_name: str = "",
    mapping: dict[str, str] | None = None,
    progress: Progress = _no_progress,
) -> Report:
    """Check again, then write every new row or nothing (``ImportRefused`` on any error);
    ``progress`` sees one bar, checking its first half and writing its second."""
    bar = CommitProgress(progress)
    report = import_check(
        actor=actor,
        organization=organization,
        kind=kind,
        content=content,
        sheet_name=sheet_name,
        mapping=mapping,
        progress=bar.checking,
    )
    if not report.ok:
        raise ImportRefused(report)
    write_rows(actor, report.new_rows, bar.writing)
    report.created = len(report.new_rows)
    audit_log(
        actor=actor,
        action="import.commit",
        obj=organization,
        after={"kind": kind.value, "file": filename, "sheet": report.sheet, **report.counts()},
        organization_path=organization.path,
    )
    return report


@transaction.atomic
def upload_create(
    *, actor: Any, organization: Organization, kind: Kind, filename: str, content: bytes, sheet_name: str = ""
) -> Upload:
    """Keep a workbook for the import pages' next steps (or a background commit), once it
    reads as a workbook; ``sheet_name`` chooses its sheet (the first one when empty)."""
    policy.require(actor, Action.EDIT, organization)
    book = read_book(content, kind)
    sheet = book.sheet(sheet_name).name if sheet_name else ""
    upload = Upload(organization=organization, kind=kind.value, filename=filename[:255], content=content, sheet=sheet)
    upload.uploaded_by = actor
    upload.save()
    after = {"kind": kind.value, "file": upload.filename, "bytes": len(content)}
    audit_log(actor=actor, action="import.upload", obj=upload, after=after, organization_path=organization.path)
    return upload


@transaction.atomic
def upload_configure(*, actor: Any, upload: Upload, sheet_name: str, mapping: dict[str, str]) -> Upload:
    """The sheet and the mapping chosen on the page; the mapping is remembered for the
    organization and the layout."""
    kind = Kind(upload.kind)
    policy.require(actor, Action.EDIT, upload.organization)
    sheet = read_book(bytes(upload.content), kind).sheet(sheet_name)
    cleaned = clean_mapping(mapping, sheet, kind)
    upload.sheet, upload.mapping = sheet.name, cleaned
    upload.save(update_fields=["sheet", "mapping"])
    mapping_remember(actor=actor, organization=upload.organization, kind=kind, sheet=sheet, mapping=cleaned)
    return upload


@transaction.atomic
def upload_commit(*, actor: Any, upload: Upload, progress: Progress = _no_progress) -> Report:
    """Import the upload as configured; all rows or none (``ImportRefused``)."""
    upload = Upload.objects.select_for_update().select_related("organization").get(pk=upload.pk)
    if upload.committed_at is not None:
        raise TransitionNotAllowed(_("Tệp này đã được nhập."))
    report = import_commit(
        actor=actor,
        organization=upload.organization,
        kind=Kind(upload.kind),
        content=bytes(upload.content),
        filename=upload.filename,
        sheet_name=upload.sheet,
        mapping=upload.mapping or None,
        progress=progress,
    )
    upload.committed_at = timezone.now()
    upload.content = b""
    upload.save(update_fields=["committed_at", "content"])
    return report
