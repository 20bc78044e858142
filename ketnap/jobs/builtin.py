"""The job kinds ketnap itself provides: the statistics spreadsheet of an organization,
and the rebuild of the pre-aggregated figures (a function named by the setting
``JOBS_AGGREGATES_REBUILD``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.jobs.kinds import JobFile, JobInput, Params, Progress, register
from ketnap.lib.dates import DateInputError, parse_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATISTICS = "statistics_xlsx"
AGGREGATES = "aggregates_rebuild"


def clean_statistics(params: Params) -> Params:
    """``as_of``: the report date, YYYY-MM-DD; nothing else."""
    unknown = sorted(set(params) - {"as_of"})
    if unknown:
        raise ValidationFailed({unknown[0]: [_("Tham số không dùng cho loại việc này.")]})
    if "as_of" not in params:
        raise ValidationFailed({"as_of": [_("Cần ngày báo cáo.")]})
    try:
        day = parse_date(params["as_of"])
    except DateInputError as error:
        raise ValidationFailed({"as_of": [error.message]}) from error
    return {"as_of": day.isoformat()}


def statistics_spreadsheet(job: JobInput, progress: Progress) -> JobFile:
    """The organization's statistics on ``as_of`` as its owner may see them, as the page's download."""
    from ketnap.reports.exports import statistics_xlsx
    from ketnap.reports.selectors import statistics_for

    as_of = parse_date(job.params["as_of"])
    progress(0, 2)
    stats = statistics_for(job.owner, job.organization, as_of)
    progress(1, 2)
    content = statistics_xlsx(stats)
    progress(2, 2)
    return JobFile(f"thong-ke-{stats.organization_code}-{as_of:%Y-%m-%d}.xlsx", XLSX, content)


def install() -> None:
    register(
        STATISTICS,
        gettext_lazy("Bảng thống kê (Excel)"),
        statistics_spreadsheet,
        Action.VIEW,
        clean_statistics,
        fields=("as_of",),
    )
    register(
        AGGREGATES,
        gettext_lazy("Dựng lại số liệu tổng hợp"),
        settings.JOBS_AGGREGATES_REBUILD,
        Action.ADMINISTER,
    )
