"""A PDF job never stays queued or running for good (issue 15), without a worker: tasks run
in-process here; tests/reports/test_job_faults.py kills a real worker and stops the broker."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import ReportFile, ReportJob
from tests.factories import AgreementFactory, BoardFactory, ContractFactory

pytestmark = pytest.mark.pdf


@pytest.fixture
def report(db, strategist):
    board = BoardFactory()
    ContractFactory(agreement=AgreementFactory(board=board, name="HVB barn och unga"))
    return services.report_create_annual(board=board, year=2024, user=strategist)


def job(report, user, status, silent_minutes, requeued=0):
    job = ReportJob.objects.create(
        report=report, requested_by=user, status=status, progress=45, requeued=requeued
    )
    beat = timezone.now() - datetime.timedelta(minutes=silent_minutes)
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=beat)
    return job


def test_a_job_silent_past_the_set_time_is_failed_and_a_new_pdf_is_made_at_once(
    strategist_client, strategist, report, django_capture_on_commit_callbacks
):
    stuck = job(report, strategist, "running", silent_minutes=13)
    with django_capture_on_commit_callbacks(execute=True):
        response = strategist_client.post(
            reverse("reports:report_generate", args=[report.pk]), HTTP_HX_REQUEST="true"
        )
    new = ReportJob.objects.exclude(pk=stuck.pk).get()
    assert f'id="job-{new.pk}"' in response.content.decode()
    assert new.status == "done"  # the task ran at the commit (in-process here)
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    assert stuck.error.startswith("Arbetet avbröts")


def test_a_job_that_beat_within_the_set_time_is_the_one_shown(
    strategist_client, strategist, report
):
    alive = job(report, strategist, "running", silent_minutes=11)
    response = strategist_client.post(
        reverse("reports:report_generate", args=[report.pk]), HTTP_HX_REQUEST="true"
    )
    assert f'id="job-{alive.pk}"' in response.content.decode()
    assert ReportJob.objects.count() == 1
    alive.refresh_from_db()
    assert alive.status == "running"


def test_the_sweep_fails_a_silent_running_job_and_leaves_a_live_one(strategist, report, settings):
    settings.REPORT_JOB_STALE_AFTER = 12 * 60
    silent = job(report, strategist, "running", silent_minutes=13)
    alive = job(report, strategist, "running", silent_minutes=1)
    assert services.report_jobs_recover() == {"failed": 1, "requeued": 0}
    silent.refresh_from_db()
    alive.refresh_from_db()
    assert (silent.status, alive.status) == ("failed", "running")
    assert silent.finished_at is not None
    # A second sweep (two beats) changes nothing.
    assert services.report_jobs_recover() == {"failed": 0, "requeued": 0}


def test_a_queued_job_no_worker_took_is_sent_once_more_then_failed(
    strategist, report, django_capture_on_commit_callbacks
):
    lost = job(report, strategist, "queued", silent_minutes=13)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_jobs_recover() == {"failed": 0, "requeued": 1}
    lost.refresh_from_db()
    assert lost.status == "done"  # sent again, and (in-process here) run
    gone = job(report, strategist, "queued", silent_minutes=13, requeued=1)
    assert services.report_jobs_recover() == {"failed": 1, "requeued": 0}
    gone.refresh_from_db()
    assert gone.status == "failed"


def test_a_task_run_twice_for_one_job_makes_one_file(strategist, report):
    queued = ReportJob.objects.create(report=report, requested_by=strategist)
    first = services.report_job_run(job_id=queued.pk)
    second = services.report_job_run(job_id=queued.pk)
    assert first.status == second.status == "done"
    assert ReportFile.objects.filter(report=report).count() == 1


def test_a_task_for_a_job_the_sweep_failed_does_nothing(strategist, report):
    failed = job(report, strategist, "queued", silent_minutes=13, requeued=1)
    services.report_jobs_recover()
    assert services.report_job_run(job_id=failed.pk).status == "failed"
    assert not ReportFile.objects.exists()


def test_superusers_read_the_jobs_in_the_admin(client, strategist, report, django_user_model):
    job(report, strategist, "running", silent_minutes=1)
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 16)
    client.force_login(admin)
    page = client.get(reverse("admin:reports_reportjob_changelist"))
    assert page.status_code == 200
    assert "Pågår" in page.content.decode()
    listed = ReportJob.objects.get()
    change = client.get(reverse("admin:reports_reportjob_change", args=[listed.pk]))
    assert change.status_code == 200
    assert 'name="status"' not in change.content.decode()  # read-only
    assert client.get(reverse("admin:reports_reportjob_add")).status_code == 403
