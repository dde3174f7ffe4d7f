"""Risk assessment: the weights of each risk factor and the strategist's manual judgements."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RiskFactor(models.TextChoices):
    CHILDREN = "children", _("Target group children and young people")
    PURCHASE_VALUE = "purchase_value", _("Purchase value, last 12 months (mkr)")
    PLACEMENTS = "placements", _("Placements, last 12 months")
    DEVIATIONS = "deviations", _("Deviations, last 12 months, weighted by severity")
    IVO_REMARKS = "ivo_remarks", _("IVO checks with remarks, last 12 months")
    CREDIT_REMARKS = "credit_remarks", _("Credit checks with remarks, last 12 months")
    EXCLUSIONS = "exclusions", _("Exclusions, last 24 months")
    TERMINATIONS = "terminations", _("Terminations and rescissions, last 24 months")
    OPEN_FINDINGS = "open_findings", _("Open findings")
    OVERDUE_ACTION_PLANS = "overdue_action_plans", _("Overdue findings and action plans")
    MONTHS_SINCE_FOLLOWUP = (
        "months_since_followup",
        _("Months since the last special or in-depth follow-up"),
    )


# The defaults a new installation starts from; a strategist tunes them on the risk page.
DEFAULT_WEIGHTS = {
    RiskFactor.CHILDREN: Decimal("10"),
    RiskFactor.PURCHASE_VALUE: Decimal("2"),
    RiskFactor.PLACEMENTS: Decimal("0.5"),
    RiskFactor.DEVIATIONS: Decimal("3"),
    RiskFactor.IVO_REMARKS: Decimal("5"),
    RiskFactor.CREDIT_REMARKS: Decimal("4"),
    RiskFactor.EXCLUSIONS: Decimal("8"),
    RiskFactor.TERMINATIONS: Decimal("8"),
    RiskFactor.OPEN_FINDINGS: Decimal("2"),
    RiskFactor.OVERDUE_ACTION_PLANS: Decimal("4"),
    RiskFactor.MONTHS_SINCE_FOLLOWUP: Decimal("0.5"),
}


class RiskWeight(models.Model):
    """How many points one unit of a risk factor is worth."""

    code = models.CharField(_("factor"), max_length=30, choices=RiskFactor.choices, unique=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("risk weight")
        verbose_name_plural = _("risk weights")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="riskweight_not_negative")
        ]

    def __str__(self):
        return f"{self.get_code_display()}: {self.weight}"


class RiskJudgement(models.Model):
    """A strategist's manual adjustment of an agreement's or a supplier's risk, with a reason."""

    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risk_judgements",
        verbose_name=_("framework agreement"),
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risk_judgements",
        verbose_name=_("supplier"),
    )
    points = models.IntegerField(
        _("adjustment (points)"), help_text=_("Positive raises the risk, negative lowers it.")
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("risk judgement")
        verbose_name_plural = _("risk judgements")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=False, supplier__isnull=True)
                | Q(agreement__isnull=True, supplier__isnull=False),
                name="riskjudgement_one_target",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="riskjudgement_has_reason"),
        ]

    def __str__(self):
        return f"{self.agreement or self.supplier}: {self.points:+d}"
