import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .contracts import Contract
from .suppliers import Supplier


class ExclusionLiftReason(models.TextChoices):
    REMEDIED = "remedied", _("The supplier has remedied the shortcomings")
    SUPERVISION_CLOSED = "supervision_closed", _("IVO has closed its supervision case")
    ECONOMY_RESTORED = "economy_restored", _("The supplier's economy has recovered")
    CONTRACT_ENDED = "contract_ended", _("The contract or agreement has ended")
    OTHER = "other", _("Other")


class ExclusionReason(models.TextChoices):
    IVO_SUPERVISION = "ivo_supervision", _("IVO supervision case")
    WEAK_ECONOMY = "weak_economy", _("Weak economy")
    DORMANT = "dormant", _("Dormant operation")
    INVESTIGATION = "investigation", _("Investigation")
    OTHER = "other", _("Other")


class ExclusionQuerySet(models.QuerySet):
    def active_on(self, on: datetime.date):
        """Exclusions in force on a date: started, and not lifted by then."""
        return self.filter(start_date__lte=on).filter(
            Q(lifted_on__isnull=True) | Q(lifted_on__gt=on)
        )


class Exclusion(models.Model):
    """A temporary block of call-offs (avropspaus) for one contract or all of a supplier's."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="exclusions", verbose_name=_("supplier")
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exclusions",
        verbose_name=_("contract"),
        help_text=_("Leave empty to exclude the supplier from all its agreements."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ExclusionReason.choices)
    description = models.TextField(_("description"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    decision_reference = models.CharField(_("decision reference"), max_length=50)
    start_date = models.DateField(_("start date"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lift_reference = models.CharField(
        _("decision reference for lifting"), max_length=50, blank=True
    )
    lift_reason = models.CharField(
        _("reason category for lifting"),
        max_length=30,
        choices=ExclusionLiftReason.choices,
        blank=True,
    )
    lift_note = models.TextField(_("reason for lifting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    objects = ExclusionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "supplier__name"]
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        permissions = [("decide_exclusion", _("Can start and lift exclusions"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=F("start_date")),
                name="exclusion_lifted_after_start",
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("start_date")),
                name="exclusion_review_after_start",
            ),
            # A lifted exclusion always says in which category call-offs were allowed again.
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | ~Q(lift_reason=""),
                name="exclusion_lift_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["supplier", "start_date"], name="exclusion_supplier_idx")]

    def __str__(self):
        return f"{self.supplier}: {self.get_reason_display()} ({self.start_date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("suppliers:exclusion_detail", args=[self.pk])

    def clean(self):
        # The same rules as the named check constraints, with messages a person can act on.
        errors = {}
        if self.start_date and self.review_date and self.review_date < self.start_date:
            errors["review_date"] = _("The review date cannot be before the start date.")
        if self.start_date and self.lifted_on and self.lifted_on < self.start_date:
            errors["lifted_on"] = _("An exclusion cannot be lifted before it started.")
        if errors:
            raise ValidationError(errors)

    def review_overdue_on(self, on: datetime.date) -> bool:
        """The review date has passed (the day after it at the earliest) and the exclusion
        still stands: it should have been reconsidered."""
        return self.review_date is not None and self.review_date < on and self.is_active_on(on)

    def is_active_on(self, on: datetime.date) -> bool:
        return self.start_date <= on and (self.lifted_on is None or self.lifted_on > on)

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())
