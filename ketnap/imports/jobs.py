"""The import's long work as background jobs: committing an uploaded workbook (all rows
or none, a progress step per row checked and per batch written) and the people lists
in the template's layout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ketnap.core.errors import DomainError, NotFound, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.imports.columns import Kind
from ketnap.imports.models import Upload
from ketnap.imports.selectors import people_export, upload_get
from ketnap.imports.services import ImportRefused, read_book, upload_commit
from ketnap.imports.sheets import XLSX
from ketnap.jobs.kinds import JobFile, JobInput, Params, Progress, register
from ketnap.jobs.models import OPEN_STATES, Job
from ketnap.jobs.services import job_start
from ketnap.organizations.models import Organization

IMPORT_COMMIT = "import_commit"
EXPORT_KINDS = {Kind.MEMBERS: "people_members_xlsx", Kind.CANDIDATES: "people_candidates_xlsx"}
SHOWN_ERRORS = 5


class ImportFailed(DomainError):
    """The file's errors, each at its row and column, as the job's reason."""

    code = "import_refused"
    status = 422


def clean_upload(params: Params) -> Params:
    """``upload``: the id of an uploaded workbook; nothing else."""
    unknown = sorted(set(params) - {"upload"})
    if unknown:
        raise ValidationFailed({unknown[0]: [_("Tham số không dùng cho loại việc này.")]})
    value = params.get("upload")
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**31:
        raise ValidationFailed({"upload": [_("Cần mã số của tệp đã tải lên.")]})
    return {"upload": value}


def upload_for(user: Any, organization: Organization, params: Params) -> Upload:
    """The upload the job names, as ``user`` may carry it on, in ``organization``; NotFound otherwise."""
    upload = upload_get(user, params["upload"])
    if upload.organization_id != organization.pk:
        raise NotFound()
    return upload


def open_commit(upload: Upload) -> Job | None:
    """The job already committing ``upload`` (queued or running), if any."""
    jobs = Job.objects.filter(kind=IMPORT_COMMIT, params__upload=upload.pk, state__in=OPEN_STATES)
    return jobs.defer("content").first()


def check_upload(actor: Any, organization: Organization, params: Params) -> None:
    """The upload is the starting user's to carry on, and no other job is committing it."""
    if open_commit(upload_for(actor, organization, params)) is not None:
        raise TransitionNotAllowed(_("Tệp này đang được nhập trong nền."))


def row_count(upload: Upload) -> int:
    """How many data rows the upload's chosen sheet has."""
    return len(read_book(bytes(upload.content), Kind(upload.kind)).sheet(upload.sheet).rows)


def runs_in_background(upload: Upload) -> bool:
    """Whether committing ``upload`` is long enough to go to the queue (``IMPORT_BACKGROUND_ROWS``)."""
    return row_count(upload) > settings.IMPORT_BACKGROUND_ROWS


def commit_start(*, actor: Any, upload: Upload) -> Job:
    """Queue the commit of ``upload`` as ``actor``'s job about its organization (the job
    already committing it, when there is one: a second click follows the first)."""
    running = open_commit(upload)
    if running is not None:
        return running
    return job_start(actor=actor, kind=IMPORT_COMMIT, organization=upload.organization, params={"upload": upload.pk})


def refused_message(refused: ImportRefused) -> str:
    """The refusal with its first errors, each naming its row and column."""
    errors = refused.report.errors
    lines = [str(refused.message)] + [str(issue) for issue in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        lines.append(_("… và %(count)s lỗi khác.") % {"count": len(errors) - SHOWN_ERRORS})
    return "\n".join(lines)


def commit_upload(job: JobInput, progress: Progress) -> str:
    """Import the upload as its owner configured it; all rows or none."""
    try:
        upload = upload_for(job.owner, job.organization, job.params)
    except NotFound as error:
        raise NotFound(_("Không tìm thấy tệp nhập này (đã được nhập, hoặc ngoài phạm vi người yêu cầu).")) from error
    try:
        report = upload_commit(actor=job.owner, upload=upload, progress=progress)
    except ImportRefused as refused:
        raise ImportFailed(refused_message(refused)) from refused
    count = number_format(report.created, force_grouping=True)
    return _("Đã nhập %(count)s người từ tệp %(file)s.") % {"count": count, "file": upload.filename}


def export_people(kind: Kind) -> Any:
    """The job function of the people list of ``kind`` in the template's layout."""

    def run(job: JobInput, progress: Progress) -> JobFile:
        progress(0, 1)
        content = people_export(job.owner, job.organization, kind)
        progress(1, 1)
        return JobFile(f"danh-sach-{kind.value}-{job.organization.code}.xlsx", XLSX, content)

    return run


def install() -> None:
    register(
        IMPORT_COMMIT,
        gettext_lazy("Nhập danh sách từ tệp Excel"),
        commit_upload,
        Action.EDIT,
        clean_upload,
        fields=("upload",),
        check=check_upload,
    )
    labels = {
        Kind.MEMBERS: gettext_lazy("Danh sách đảng viên theo mẫu nhập (Excel)"),
        Kind.CANDIDATES: gettext_lazy("Danh sách quần chúng theo mẫu nhập (Excel)"),
    }
    for kind, name in EXPORT_KINDS.items():
        register(name, labels[kind], export_people(kind), Action.VIEW)
