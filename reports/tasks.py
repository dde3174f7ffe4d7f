"""Celery tasks of the documents: thin, take an id, call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def generate_report_pdf(job_id: int) -> int | None:
    """Generate the PDF of one ReportJob; keyed by the job: a second run does nothing."""
    job = services.report_job_run(job_id=job_id)
    return job.result_id


@shared_task(name="reports.recover_jobs")
def recover_jobs() -> dict:
    """Fail (or send again) report jobs that lost their worker (beat: every minute)."""
    return services.report_jobs_recover()
