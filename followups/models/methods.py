"""How information was collected in a follow-up: surveys, interviews, documents, visits.

Recorded one row each, so that the year can be told afterwards (who was asked, how many
answered, which documents came in, what was seen on the evening visit).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MethodRecord(models.Model):
    """Common fields of every method record."""

    followup = models.ForeignKey(
        "followups.FollowUp",
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("follow-up"),
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supplier"),
        help_text=_("Leave empty if it concerned all suppliers in the follow-up."),
    )

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.followup.get_absolute_url()


class SurveyAudience(models.TextChoices):
    CASEWORKERS = "caseworkers", _("Caseworkers")
    SUPPLIER_MANAGEMENT = "supplier_management", _("Supplier's management")


class Survey(MethodRecord):
    """A survey (enkät) to placing caseworkers or to a supplier's management."""

    audience = models.CharField(_("sent to"), max_length=20, choices=SurveyAudience.choices)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("sent to (number)"), default=0)
    answered_count = models.PositiveIntegerField(_("answered (number)"), default=0)
    summary = models.TextField(_("summary of the answers"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_count__lte=F("sent_count")),
                name="survey_answered_not_above_sent",
            ),
        ]

    def __str__(self):
        return f"{self.get_audience_display()} ({self.answered_count}/{self.sent_count})"

    def clean(self):
        if (
            self.answered_count is not None
            and self.sent_count is not None
            and self.answered_count > self.sent_count
        ):
            raise ValidationError(
                {"answered_count": _("More cannot have answered than the survey was sent to.")}
            )


class SurveyAreaSummary(models.Model):
    """The answers of one survey about one assessment area, summarised."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="area_summaries", verbose_name=_("survey")
    )
    area = models.ForeignKey(
        "followups.AssessmentArea",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    summary = models.TextField(_("summary"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__order", "pk"]
        verbose_name = _("survey answers per area")
        verbose_name_plural = _("survey answers per area")
        constraints = [
            models.UniqueConstraint(fields=["survey", "area"], name="survey_area_once"),
        ]

    def __str__(self):
        return f"{self.survey}: {self.area}"


class Interview(MethodRecord):
    """An interview with staff of a supplier (on site or by video)."""

    staff_role = models.CharField(_("staff interviewed (role)"), max_length=200)
    interviewee_count = models.PositiveIntegerField(_("number interviewed"), default=1)
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return f"{self.staff_role} {self.held_on:%Y-%m-%d}"


class DocumentKind(models.TextChoices):
    ROUTINES = "routines", _("Routines")
    QUALITY_REPORT = "quality_report", _("Quality report")
    STAFFING_SCHEDULES = "staffing_schedules", _("Staffing schedules")
    STAFF_COMPOSITION = "staff_composition", _("Staff composition and competence")
    OTHER = "other", _("Other")


class DocumentRequest(MethodRecord):
    """A request to a supplier for documents, and when they came in."""

    document_kind = models.CharField(_("documents"), max_length=20, choices=DocumentKind.choices)
    description = models.TextField(_("what was requested"), blank=True)
    requested_on = models.DateField(_("requested on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_on", "pk"]
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("requested_on")),
                name="document_received_after_requested",
            ),
        ]

    def __str__(self):
        return f"{self.get_document_kind_display()} {self.requested_on:%Y-%m-%d}"

    def clean(self):
        if self.received_on and self.requested_on and self.received_on < self.requested_on:
            raise ValidationError(
                {"received_on": _("Documents cannot be received before they were requested.")}
            )


class VisitNotice(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    UNANNOUNCED = "unannounced", _("Unannounced")


class VisitTime(models.TextChoices):
    DAYTIME = "daytime", _("Daytime")
    EVENING = "evening", _("Evening")


class Visit(MethodRecord):
    """A site visit (platsbesök) to one unit."""

    unit = models.ForeignKey(
        "suppliers.Unit", on_delete=models.PROTECT, related_name="visits", verbose_name=_("unit")
    )
    notice = models.CharField(_("notice"), max_length=12, choices=VisitNotice.choices)
    time_of_day = models.CharField(_("time of day"), max_length=10, choices=VisitTime.choices)
    visited_on = models.DateField(_("visited on"))
    visitors = models.CharField(_("who went"), max_length=300)
    observations = models.TextField(_("what was seen"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{self.unit} {self.visited_on:%Y-%m-%d}"

    def clean(self):
        # The supplier is the unit's; stored too so that method records filter alike.
        if self.unit_id:
            self.supplier_id = self.unit.supplier_id
