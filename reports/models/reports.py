from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual report")
    FOLLOWUP = "followup", _("Follow-up report")
    FEEDBACK = "feedback", _("Feedback letter to the supplier")
    PLAN = "plan", _("Follow-up plan")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINALISED = "finalised", _("Finalised")


class Report(models.Model):
    """A document for the board (or a supplier): its figures come from the data, its
    narrative sections are edited by a strategist, and once finalised it is frozen."""

    # A finalised report is never changed again; a new version is a new report.
    TRANSITIONS = {
        ReportStatus.DRAFT: {ReportStatus.FINALISED},
        ReportStatus.FINALISED: set(),
    }

    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    board = models.ForeignKey(
        "suppliers.Board", on_delete=models.PROTECT, related_name="reports", verbose_name=_("board")
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    followup = models.ForeignKey(
        "followups.FollowUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("follow-up"),
        help_text=_("The follow-up a follow-up report or feedback letter is about."),
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("supplier"),
        help_text=_("The supplier a feedback letter is addressed to."),
    )
    plan = models.ForeignKey(
        "followups.FollowUpPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("follow-up plan"),
        help_text=_("The yearly plan a plan document presents to the board."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    registry_reference = models.CharField(_("registry reference"), max_length=50, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    # Narrative sections by key (see reports.sections); the figures are never stored here.
    sections = models.JSONField(_("narrative sections"), default=dict, blank=True)
    # Bumped on every edit of the narrative, so a PDF can tell whether it is up to date.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finalised by"),
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    final_file = models.OneToOneField(
        "reports.ReportFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finalised file"),
    )
    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [
            ("finalise_report", _("Can finalise a report")),
            ("view_finalised_report", _("Can list and download finalised reports")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="report_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind="annual")
                | Q(period_start__isnull=False, period_end__isnull=False),
                name="report_annual_has_period",
            ),
            models.CheckConstraint(
                condition=~Q(kind="feedback") | Q(supplier__isnull=False),
                name="report_feedback_has_supplier",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["followup", "feedback"]) | Q(followup__isnull=False),
                name="report_followup_documents_have_followup",
            ),
            models.CheckConstraint(
                condition=~Q(kind="plan") | Q(plan__isnull=False),
                name="report_plan_document_has_plan",
            ),
            models.CheckConstraint(
                condition=Q(
                    status="draft",
                    finalised_at__isnull=True,
                    finalised_by__isnull=True,
                    final_file__isnull=True,
                )
                | Q(
                    status="finalised",
                    finalised_at__isnull=False,
                    finalised_by__isnull=False,
                    final_file__isnull=False,
                ),
                name="report_finalised_fields_match_status",
            ),
            models.UniqueConstraint(
                fields=["kind", "board", "period_start", "period_end", "version"],
                condition=Q(kind="annual"),
                name="report_annual_version_unique",
            ),
        ]

    def __str__(self):
        if self.version > 1:
            return f"{self.title} ({_('version')} {self.version})"
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_finalised(self) -> bool:
        return self.status == ReportStatus.FINALISED

    @property
    def section_texts(self) -> dict:
        return self.sections or {}
