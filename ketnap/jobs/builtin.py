"""The job kinds ketnap itself provides: the statistics spreadsheet of an organization,
and the rebuild of the pre-aggregated figures (a function named by the setting
``JOBS_AGGREGATES_REBUILD``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.jobs.kinds import JobFile, JobFunction, JobInput, Params, Progress, register
from ketnap.lib.dates import DateInputError, parse_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATISTICS = "statistics_xlsx"
AGGREGATES = "aggregates_rebuild"
# The period reports offered as spreadsheets in the background: report name -> kind.
REPORT_KINDS = {
    "change": "report_change_xlsx",
    "new-members": "report_new_members_xlsx",
    "funnel": "report_funnel_xlsx",
}


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


def _day(params: Params, name: str) -> str:
    if name not in params:
        raise ValidationFailed({name: [_("Cần ngày đầu kỳ.") if name == "first" else _("Cần ngày cuối kỳ.")]})
    try:
        return parse_date(params[name]).isoformat()
    except DateInputError as error:
        raise ValidationFailed({name: [error.message]}) from error


def clean_period(params: Params) -> Params:
    """``first`` and ``last``: the period, YYYY-MM-DD, first not after last; nothing else."""
    unknown = sorted(set(params) - {"first", "last"})
    if unknown:
        raise ValidationFailed({unknown[0]: [_("Tham số không dùng cho loại việc này.")]})
    first, last = _day(params, "first"), _day(params, "last")
    if first > last:
        raise ValidationFailed({"first": [_("Từ ngày phải trước hoặc bằng đến ngày.")]})
    return {"first": first, "last": last}


def report_spreadsheet(name: str) -> JobFunction:
    """The job function of the period report ``name`` as the page's Excel download."""

    def run(job: JobInput, progress: Progress) -> JobFile:
        from ketnap.reports import documents

        first, last = parse_date(job.params["first"]), parse_date(job.params["last"])
        progress(0, 2)
        report = documents.report_for(name, job.owner, job.organization, first, last)
        progress(1, 2)
        content, filename = documents.render(name, "xlsx", report)
        progress(2, 2)
        return JobFile(filename, XLSX, content)

    return run


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
    labels = {
        "change": gettext_lazy("Báo cáo tăng, giảm đảng viên trong kỳ (Excel)"),
        "new-members": gettext_lazy("Báo cáo đảng viên mới kết nạp (Excel)"),
        "funnel": gettext_lazy("Báo cáo quy trình phát triển đảng viên (Excel)"),
    }
    for name, kind in REPORT_KINDS.items():
        register(kind, labels[name], report_spreadsheet(name), Action.VIEW, clean_period, fields=("first", "last"))
    register(
        AGGREGATES,
        gettext_lazy("Dựng lại số liệu tổng hợp"),
        settings.JOBS_AGGREGATES_REBUILD,
        Action.ADMINISTER,
    )
