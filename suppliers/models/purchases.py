from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreements import FrameworkAgreement
from .suppliers import Supplier, Unit


class Purchase(models.Model):
    """What the board bought from a supplier (or one unit) under an agreement in a month."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("supplier")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="purchases",
        verbose_name=_("unit"),
    )
    agreement = models.ForeignKey(
        FrameworkAgreement,
        on_delete=models.PROTECT,
        related_name="purchases",
        verbose_name=_("framework agreement"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.DecimalField(
        _("amount (SEK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    placements = models.PositiveIntegerField(_("placements"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "supplier__name"]
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "agreement", "month"],
                condition=Q(unit__isnull=True),
                name="purchase_once_per_supplier_month",
            ),
            models.UniqueConstraint(
                fields=["supplier", "unit", "agreement", "month"],
                condition=Q(unit__isnull=False),
                name="purchase_once_per_unit_month",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="purchase_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.supplier} {self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("suppliers:purchase_detail", args=[self.pk])

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude)
        except ValidationError as exc:
            if "purchase_once_per" in str(exc):
                raise ValidationError(
                    _("A purchase for this supplier, agreement and month already exists.")
                ) from exc
            raise

    def clean(self):
        # A purchase is per month: store it on the month's first day.
        if self.month:
            self.month = self.month.replace(day=1)
        if self.unit_id and self.supplier_id and self.unit.supplier_id != self.supplier_id:
            raise ValidationError({"unit": _("The unit must belong to the supplier.")})
