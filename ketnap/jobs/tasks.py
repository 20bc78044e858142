"""The one task on the queue: run a job. Workers (``ketnap jobs worker``) pick it up."""

from __future__ import annotations

from django_tasks import task

from ketnap.jobs.runner import run_job


@task()
def run_job_task(job_id: int) -> str:
    return run_job(job_id)
