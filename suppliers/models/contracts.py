from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreements import FrameworkAgreement
from .suppliers import Supplier, Unit


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TERMINATED = "terminated", _("Terminated")
    RESCINDED = "rescinded", _("Rescinded")
    EXPIRED = "expired", _("Expired")


class ContractEndReason(models.TextChoices):
    PERMIT_LOST = "permit_lost", _("Lost its permit")
    NO_PERMIT_APPLICATION = "no_permit_application", _("Did not apply for a required permit")
    ECONOMY = "economy", _("Weak economy or insolvency")
    WOUND_DOWN = "wound_down", _("Operation wound down")
    MUTUAL = "mutual", _("By mutual agreement")
    BREACH = "breach", _("Breach of contract")
    PERIOD_ENDED = "period_ended", _("Agreement period ended")
    OTHER = "other", _("Other")


class Contract(models.Model):
    """One supplier's membership of a framework agreement (avtal)."""

    # Which status may follow which; ending is final, a new contract is a new row.
    TRANSITIONS = {
        ContractStatus.ACTIVE: {
            ContractStatus.TERMINATED,
            ContractStatus.RESCINDED,
            ContractStatus.EXPIRED,
        },
        ContractStatus.TERMINATED: set(),
        ContractStatus.RESCINDED: set(),
        ContractStatus.EXPIRED: set(),
    }

    agreement = models.ForeignKey(
        FrameworkAgreement,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("framework agreement"),
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("supplier")
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="contracts", verbose_name=_("units served")
    )
    rank = models.PositiveIntegerField(
        _("rank"), null=True, blank=True, help_text=_("Place in the call-off order; 1 is first.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason"), max_length=30, choices=ContractEndReason.choices, blank=True
    )
    decision_reference = models.CharField(_("decision reference"), max_length=50, blank=True)
    end_note = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        ordering = ["agreement__name", "rank", "supplier__name"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        permissions = [("end_contract", _("Can terminate or rescind a contract"))]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "supplier"], name="contract_once_per_agreement"
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True)
                | (~Q(status="active") & Q(ended_on__isnull=False)),
                name="contract_ended_on_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.supplier} – {self.agreement}"

    def get_absolute_url(self):
        return reverse("suppliers:contract_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == ContractStatus.ACTIVE

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("agreement", "supplier"):
            return ValidationError(
                _("This supplier already has a contract in this agreement."),
                code="unique_together",
            )
        return super().unique_error_message(model_class, unique_check)

    def clean(self):
        if self.supplier_id and self.pk and self.units.exclude(supplier_id=self.supplier_id):
            raise ValidationError({"units": _("A contract can only serve the supplier's units.")})
