from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AssessmentArea(models.Model):
    """An area of the checklist (bedömningsområde) on which suppliers are rated.

    Areas without an agreement form the default template; an agreement with its own areas
    uses those instead.
    """

    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_areas",
        verbose_name=_("framework agreement"),
        help_text=_("Leave empty for the default template."),
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement_id", "order", "name"]
        verbose_name = _("assessment area")
        verbose_name_plural = _("assessment areas")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "name"],
                condition=Q(agreement__isnull=False),
                name="assessment_area_unique_per_agreement",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(agreement__isnull=True),
                name="assessment_area_unique_default",
            ),
        ]

    def __str__(self):
        return self.name


class Rating(models.TextChoices):
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class Assessment(models.Model):
    """How one supplier fulfils one area in one follow-up."""

    followup = models.ForeignKey(
        "followups.FollowUp",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("follow-up"),
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("supplier"),
    )
    area = models.ForeignKey(
        AssessmentArea,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("area"),
    )
    rating = models.CharField(
        _("rating"), max_length=15, choices=Rating.choices, default=Rating.NOT_ASSESSED
    )
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier__name", "area__order"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["followup", "supplier", "area"], name="assessment_once_per_area"
            ),
        ]

    def __str__(self):
        return f"{self.supplier}: {self.area} – {self.get_rating_display()}"
