from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CheckKind(models.TextChoices):
    IVO = "ivo", _("IVO permit and supervision")
    CREDIT = "credit", _("Credit check")
    CRIMINAL_RECORD = "criminal_record", _("Criminal record of a representative")
    TAX = "tax", _("Tax registration (F-tax, VAT, employer)")
    INVOICE_SAMPLE = "invoice_sample", _("Invoice sample")
    OTHER = "other", _("Other")


class CheckResult(models.TextChoices):
    OK = "ok", _("No remark")
    REMARK = "remark", _("Remark")
    SERIOUS = "serious", _("Serious")


class Check(models.Model):
    """A recorded check of a supplier, unit or representative (IVO, credit, records …).

    Criminal-record checks are sensitive (GDPR art. 10): only the outcome and a
    registry reference are stored, never a summary, and only strategists see them.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=CheckKind.choices)
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        related_name="checks",
        verbose_name=_("supplier"),
    )
    unit = models.ForeignKey(
        "suppliers.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checks",
        verbose_name=_("unit"),
    )
    representative = models.ForeignKey(
        "suppliers.Representative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checks",
        verbose_name=_("representative"),
    )
    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checks",
        verbose_name=_("framework agreement"),
        help_text=_("The agreement the check was made for, if any."),
    )
    performed_on = models.DateField(_("performed on"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("performed by"),
    )
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    summary = models.TextField(_("summary"), blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-performed_on", "-pk"]
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        permissions = [
            ("view_criminal_record", _("Can see criminal-record checks")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="criminal_record") | Q(summary=""),
                name="check_criminal_record_has_no_summary",
            ),
            models.CheckConstraint(
                condition=~Q(kind="criminal_record") | Q(representative__isnull=False),
                name="check_criminal_record_has_representative",
            ),
        ]
        indexes = [
            models.Index(fields=["supplier", "kind", "-performed_on"], name="check_latest_idx"),
            models.Index(fields=["unit", "kind", "-performed_on"], name="check_unit_latest_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.performed_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("followups:check_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind == CheckKind.CRIMINAL_RECORD:
            if self.summary:
                errors["summary"] = _(
                    "A criminal-record check stores only the outcome and the registry "
                    "reference, never a summary."
                )
            if not self.representative_id:
                errors["representative"] = _("A criminal-record check is made of a representative.")
        if self.unit_id and self.supplier_id and self.unit.supplier_id != self.supplier_id:
            errors["unit"] = _("The unit must belong to the supplier.")
        if (
            self.representative_id
            and self.supplier_id
            and self.representative.supplier_id != self.supplier_id
        ):
            errors["representative"] = _("The representative must belong to the supplier.")
        if errors:
            raise ValidationError(errors)
