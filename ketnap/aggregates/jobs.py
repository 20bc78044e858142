"""The aggregates rebuild as a background job (``JOBS_AGGREGATES_REBUILD``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ketnap.aggregates.services import rebuild as rebuild_aggregates
from ketnap.jobs.kinds import JobInput, Progress


def rebuild(job: JobInput, progress: Progress) -> str:
    """Rebuild the aggregates of the job's organization subtree, reporting each level."""
    rows = rebuild_aggregates(job.organization, progress)
    return _("Đã dựng lại số liệu tổng hợp của %(name)s: %(rows)s dòng.") % {
        "name": job.organization.name,
        "rows": rows,
    }
