"""Writes of the documents: create, edit the narrative, generate the PDF, finalise.

A finalised report is frozen: its stored PDF is what the board received, it is never
regenerated over, and a changed report is a new version (a new Report row).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from uppfoljning.core.dispatch import enqueue_on_commit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import check_transition, save_with_history

from . import rendering
from .models import Report, ReportFile, ReportJob, ReportJobStatus, ReportKind, ReportStatus
from .periods import Period, report_period
from .sections import SECTIONS_BY_KIND
from .selectors import annual_report_context
from .selectors.annual import annual_title
from .selectors.documents import document_context
from .selectors.plan import plan_report_context, plan_title


def _next_version(existing) -> int:
    """The version of a new draft among the same document's reports (locked by the caller);
    there is one draft at a time."""
    if existing.filter(status=ReportStatus.DRAFT).exists():
        raise DomainError(_("There is already a draft of this report; continue with it."))
    return (existing.aggregate(v=Max("version"))["v"] or 0) + 1


def report_context(report: Report) -> dict:
    """The context of a stored report: figures from the data, narrative from the report."""
    if report.kind == ReportKind.ANNUAL:
        period = Period(report.period_start, report.period_end)
        return annual_report_context(report.board, period, report=report)
    if report.kind == ReportKind.PLAN:
        return plan_report_context(report.plan, report=report)
    return document_context(report)


@transaction.atomic
def report_create_annual(
    *, board, year: int, user, registry_reference: str = "", document_date=None
) -> Report:
    """A new draft of the yearly report; after a finalised one, the next version."""
    period = report_period(board, year)
    existing = Report.objects.select_for_update().filter(
        kind=ReportKind.ANNUAL, board=board, period_start=period.start, period_end=period.end
    )
    version = _next_version(existing)
    report = Report(
        kind=ReportKind.ANNUAL,
        board=board,
        title=annual_title(period),
        period_start=period.start,
        period_end=period.end,
        registry_reference=registry_reference.strip(),
        document_date=document_date or timezone.localdate(),
        version=version,
        created_by=user,
    )
    report._history_user = user
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_create_plan(*, plan, user, registry_reference: str = "") -> Report:
    """A new draft of the plan document for the board; after a finalised one, the next
    version. Only an accepted plan is presented: its follow-ups exist."""
    if not plan.is_accepted:
        raise DomainError(
            _("Accept the plan before creating its document for the board."),
        )
    existing = Report.objects.select_for_update().filter(kind=ReportKind.PLAN, plan=plan)
    version = _next_version(existing)
    report = Report(
        kind=ReportKind.PLAN,
        board=plan.board,
        plan=plan,
        title=plan_title(plan.year),
        period_start=datetime.date(plan.year, 1, 1),
        period_end=datetime.date(plan.year, 12, 31),
        registry_reference=registry_reference.strip(),
        document_date=timezone.localdate(),
        version=version,
        created_by=user,
    )
    report._history_user = user
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_create_for_followup(
    *, followup, kind: str, user, supplier=None, registry_reference: str = ""
) -> Report:
    """A draft follow-up report (to the board) or feedback letter (to one supplier)."""
    from .selectors.documents import feedback_title, followup_title

    if kind not in (ReportKind.FOLLOWUP, ReportKind.FEEDBACK):
        raise DomainError(_("Choose a follow-up report or a feedback letter."))
    if kind == ReportKind.FEEDBACK:
        if supplier is None:
            raise DomainError(_("Choose the supplier the letter is for."))
        if not followup.suppliers.filter(pk=supplier.pk).exists():
            raise DomainError(_("The supplier was not part of this follow-up."))
    else:
        supplier = None
    existing = Report.objects.select_for_update().filter(
        kind=kind, followup=followup, supplier=supplier
    )
    version = _next_version(existing)
    title = (
        followup_title(followup)
        if kind == ReportKind.FOLLOWUP
        else feedback_title(followup, supplier)
    )
    report = Report(
        kind=kind,
        board=followup.agreement.board,
        followup=followup,
        supplier=supplier,
        title=title,
        registry_reference=registry_reference.strip(),
        document_date=timezone.localdate(),
        version=version,
        created_by=user,
    )
    report._history_user = user
    report.full_clean()
    report.save()
    return report


def _ensure_draft(report: Report):
    if report.status != ReportStatus.DRAFT:
        raise DomainError(
            _("The report is finalised and cannot be changed; create a new version instead.")
        )


@transaction.atomic
def report_update(
    *,
    report: Report,
    user,
    sections: dict[str, str],
    title: str | None = None,
    registry_reference: str | None = None,
    document_date=None,
) -> Report:
    """Save the strategist's texts. A text equal to the default is not stored, so it keeps
    following the data; an emptied text falls back to the default."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    _ensure_draft(report)
    defaults = {}
    ctx = report_context(report)
    for section in SECTIONS_BY_KIND.get(report.kind, []):
        defaults[section.key] = section.default(ctx)
    stored = {}
    for key, text in sections.items():
        if key not in defaults:
            continue
        text = (text or "").replace("\r\n", "\n").strip()
        if text and text != defaults[key].strip():
            stored[key] = text
    if title is not None and title.strip():
        report.title = title.strip()
    if registry_reference is not None:
        report.registry_reference = registry_reference.strip()
    if document_date is not None:
        report.document_date = document_date
    report.sections = stored
    report.revision += 1
    report._history_user = user
    report._change_reason = _("Report edited")
    report.full_clean()
    report.save()
    return report


def report_generate_file(*, report: Report, user, progress=None) -> ReportFile:
    """Render the report to PDF and store it as the next file version, with its SHA-256."""
    progress = progress or (lambda percent, step: None)
    _ensure_draft(report)
    progress(10, _("Collecting the figures"))
    ctx = report_context(report)
    progress(30, _("Writing the document"))
    html = rendering.render_html(report.kind, ctx, for_pdf=True)
    progress(45, _("Laying out the pages"))
    pdf = rendering.html_to_pdf(html)
    progress(90, _("Storing the file"))
    return _store_file(report=report, user=user, pdf=pdf)


def _store_file(*, report: Report, user, pdf) -> ReportFile:
    """Insert the file's row, then write the PDF under its final name, in one transaction.

    The name is deterministic (reports/<report>/v<version>-<kind>-<stamp>.pdf) and the
    version is taken under the report's row lock, so no committed row can own that name yet.
    Order and cleanup: the row is inserted first (a refused insert writes nothing), the file
    is written last, and if anything fails before the commit (the write, or the commit
    itself) the file is deleted again. Django 5.2 has no on_rollback hook, so the try/except
    around the atomic block is that hook. A worker killed between the write and the commit
    runs no cleanup: it leaves a file under the deterministic name with no row; the rerun
    takes the same version, so the same name, and replaces it (no `_<random>` copy), and
    `manage.py check_storage` lists such a file until then. Called inside an outer
    transaction that later rolls back, the same holds.
    """
    storage = ReportFile._meta.get_field("file").storage
    written = None
    try:
        with transaction.atomic():
            file = _insert_file_row(report=report, user=user, pdf=pdf)
            name = file.file.name
            if storage.exists(name):
                # Left by a crash before a commit: no row can own this version's name.
                storage.delete(name)
            written = name
            saved = storage.save(name, ContentFile(pdf.content))
            if saved != name:
                # Only a writer that skipped the row lock could be here; keep its file.
                written = saved
                raise RuntimeError(f"{name} was taken while the PDF was stored")
    except BaseException:
        if written is not None and storage.exists(written):
            storage.delete(written)
        raise
    return file


def _insert_file_row(*, report: Report, user, pdf) -> ReportFile:
    report = Report.objects.select_for_update().get(pk=report.pk)
    _ensure_draft(report)
    version = (report.files.aggregate(v=Max("version"))["v"] or 0) + 1
    stamp = report.period_end.year if report.period_end else f"{report.followup_id}"
    file = ReportFile(
        report=report,
        version=version,
        sha256=hashlib.sha256(pdf.content).hexdigest(),
        size=len(pdf.content),
        pages=pdf.pages,
        revision=report.revision,
        generated_by=user,
    )
    field = ReportFile._meta.get_field("file")
    file.file.name = field.generate_filename(file, f"{report.kind}-{stamp}.pdf")
    file.save()
    return file


def _job_stale_before():
    """Jobs whose last heartbeat is older than this are presumed lost (see settings)."""
    return timezone.now() - datetime.timedelta(seconds=settings.REPORT_JOB_STALE_AFTER)


def _fail_stale(jobs) -> int:
    """Mark the given unfinished jobs failed, each only if still unfinished (compare-and-set)."""
    return jobs.filter(status__in=[ReportJobStatus.QUEUED, ReportJobStatus.RUNNING]).update(
        status=ReportJobStatus.FAILED,
        error=_(
            "The work was interrupted (no sign of life from the worker). Create the PDF again."
        ),
        finished_at=timezone.now(),
    )


def _enqueue_job(job: ReportJob) -> None:
    from .tasks import generate_report_pdf

    enqueue_on_commit(generate_report_pdf, args=[job.pk], key=job.dispatch_key)


@transaction.atomic
def report_request_pdf(*, report: Report, user) -> ReportJob:
    """Queue the generation; the task runs after commit (in-process without a broker).

    A job still alive (or waiting for the broker) is returned instead of a second one; a job
    silent for longer than REPORT_JOB_STALE_AFTER is failed here, so the user can start anew."""
    _ensure_draft(report)
    Report.objects.select_for_update().filter(pk=report.pk).first()  # one request at a time
    unfinished = report.jobs.filter(status__in=[ReportJobStatus.QUEUED, ReportJobStatus.RUNNING])
    for job in unfinished:
        if job.waiting_for_queue or (job.heartbeat_at or job.requested_at) >= _job_stale_before():
            return job
        _fail_stale(ReportJob.objects.filter(pk=job.pk))
    job = ReportJob.objects.create(
        report=report, requested_by=user, step=_("Queued"), heartbeat_at=timezone.now()
    )
    _enqueue_job(job)
    return job


def report_jobs_recover() -> dict:
    """The recovery sweep (Celery beat, every minute): no job stays queued or running forever.

    A running job with no heartbeat for REPORT_JOB_STALE_AFTER lost its worker: it is failed
    with a reason the page shows, and the user may start a new one. A queued job no worker
    took in that time is sent again once (the broker may have lost it), then failed. Jobs
    waiting for the broker are left to the dispatcher. Returns the counts."""
    before = _job_stale_before()
    silent = ReportJob.objects.filter(heartbeat_at__lt=before)
    failed = _fail_stale(silent.filter(status=ReportJobStatus.RUNNING))
    failed += _fail_stale(silent.filter(status=ReportJobStatus.QUEUED, requeued__gt=0))
    requeued = 0
    for job in silent.filter(status=ReportJobStatus.QUEUED, requeued=0):
        if job.waiting_for_queue:
            continue
        with transaction.atomic():
            # Compare-and-set: only one sweep sends it again, even with two beats running.
            if ReportJob.objects.filter(
                pk=job.pk, status=ReportJobStatus.QUEUED, requeued=0
            ).update(requeued=1, heartbeat_at=timezone.now()):
                _enqueue_job(job)
                requeued += 1
    return {"failed": failed, "requeued": requeued}


def report_job_run(*, job_id: int) -> ReportJob:
    """Run one generation job, at most once: the worker takes it by a compare-and-set from
    queued to running, so a task delivered twice (acks_late, a redelivery, a requeue) or a
    job the recovery sweep has failed is left alone."""
    taken = ReportJob.objects.filter(pk=job_id, status=ReportJobStatus.QUEUED).update(
        status=ReportJobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    job = ReportJob.objects.select_related("report", "requested_by").get(pk=job_id)
    if not taken:
        return job

    def progress(percent, step):
        ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.RUNNING).update(
            progress=percent, step=step, heartbeat_at=timezone.now()
        )

    try:
        file = report_generate_file(report=job.report, user=job.requested_by, progress=progress)
    except DomainError as exc:
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJobStatus.FAILED, error=" ".join(exc.messages), finished_at=timezone.now()
        )
        return ReportJob.objects.get(pk=job.pk)
    except Exception as exc:
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJobStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    # Done even if the sweep gave up on it meanwhile: the file exists, and the page says so.
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJobStatus.DONE,
        progress=100,
        step=_("Done"),
        result=file,
        error="",
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    return ReportJob.objects.get(pk=job.pk)


@transaction.atomic
def report_finalise(*, report: Report, user) -> Report:
    """Freeze the report with its latest PDF, which must show the latest texts."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    check_transition(report, ReportStatus.FINALISED, _("The report is already finalised."))
    # A finalised document is a public record; it is filed under its registry reference.
    if not report.registry_reference.strip():
        raise DomainError(
            _("Give the report its registry reference (under Edit texts) before finalising it.")
        )
    latest = report.files.order_by("-version").first()
    if latest is None:
        raise DomainError(_("Create the PDF before finalising the report."))
    if latest.revision != report.revision:
        raise DomainError(
            _("The texts were changed after the latest PDF; create the PDF again first.")
        )
    report.status = ReportStatus.FINALISED
    report.final_file = latest
    report.finalised_by = user
    report.finalised_at = timezone.now()
    save_with_history(report, user=user, reason=_("Report finalised"))
    return report
