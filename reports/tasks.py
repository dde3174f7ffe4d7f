"""Celery tasks of the documents: thin, take an id, call a service."""

from celery import shared_task

from . import services


@shared_task(bind=True, max_retries=2, default_retry_delay=30, acks_late=True)
def generate_report_pdf(self, job_id: int) -> int | None:
    """Generate the PDF of one ReportJob; a finished job is not run twice."""
    job = services.report_job_run(job_id=job_id)
    return job.result_id
