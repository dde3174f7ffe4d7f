from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Severity


class DeviationSource(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    ADMINISTRATOR = "administrator", _("Administrator")
    IVO = "ivo", _("IVO")
    MEDIA = "media", _("Media")
    SKATTEVERKET = "skatteverket", _("Skatteverket")
    CREDIT_BUREAU = "credit_bureau", _("Credit bureau")
    PRIVATE_PERSON = "private_person", _("Private person")
    LEX_SARAH = "lex_sarah", _("The supplier's own lex Sarah report")


class DeviationCategory(models.TextChoices):
    COST_RESPONSIBILITY = "cost_responsibility", _("Cost responsibility")
    INVOICING = "invoicing", _("Invoicing")
    QUALITY = "quality", _("Quality")
    STAFFING = "staffing", _("Staffing")
    REPORTING = "reporting", _("Reporting")
    COMPLAINT = "complaint", _("Complaint")
    PERMIT = "permit", _("Permit or supervision")
    ECONOMY = "economy", _("Economy")
    OTHER = "other", _("Other")


class DeviationStatus(models.TextChoices):
    NEW = "new", _("New")
    HANDLED_IN_CASE = "handled_in_case", _("Handled in the individual case")
    ESCALATED = "escalated", _("Escalated to a follow-up")
    CLOSED = "closed", _("Closed")


class ReporterRole(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    COORDINATOR = "coordinator", _("Placement coordinator")
    STRATEGIST = "strategist", _("Strategist")
    ADMINISTRATOR = "administrator", _("Administrator")
    OTHER = "other", _("Other")


class Deviation(models.Model):
    """A report that a supplier deviates from its agreement (avvikelse).

    Never about a client: the form warns against names and personal identity numbers.
    """

    # A strategist triages a new deviation; one handled in the case may later be escalated
    # when it repeats, and an escalated one is closed when its follow-up is done.
    TRANSITIONS = {
        DeviationStatus.NEW: {
            DeviationStatus.HANDLED_IN_CASE,
            DeviationStatus.ESCALATED,
            DeviationStatus.CLOSED,
        },
        DeviationStatus.HANDLED_IN_CASE: {DeviationStatus.ESCALATED, DeviationStatus.CLOSED},
        DeviationStatus.ESCALATED: {DeviationStatus.CLOSED},
        DeviationStatus.CLOSED: set(),
    }

    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.PROTECT,
        related_name="deviations",
        verbose_name=_("framework agreement"),
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        related_name="deviations",
        verbose_name=_("supplier"),
    )
    contract = models.ForeignKey(
        "suppliers.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deviations",
        verbose_name=_("contract"),
    )
    unit = models.ForeignKey(
        "suppliers.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deviations",
        verbose_name=_("unit"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=DeviationSource.choices, default="caseworker"
    )
    category = models.CharField(_("category"), max_length=25, choices=DeviationCategory.choices)
    severity = models.CharField(
        _("severity"), max_length=12, choices=Severity.choices, default=Severity.MINOR
    )
    description = models.TextField(_("what happened"))
    occurred_on = models.DateField(_("occurred on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_deviations",
        verbose_name=_("reported by"),
    )
    reporter_role = models.CharField(
        _("reporter's role"), max_length=15, choices=ReporterRole.choices
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DeviationStatus.choices, default=DeviationStatus.NEW
    )
    triage_reason = models.TextField(_("reason"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("triaged by"),
    )
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        permissions = [("triage_deviation", _("Can triage deviations"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new") | (~Q(triage_reason="") & Q(triaged_at__isnull=False)),
                name="deviation_triage_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "agreement"], name="deviation_status_idx")]

    def __str__(self):
        return f"{self.supplier}: {self.get_category_display()} {self.occurred_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("followups:deviation_detail", args=[self.pk])
