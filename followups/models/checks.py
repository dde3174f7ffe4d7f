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


class IvoPermitReading(models.TextChoices):
    """The permit status as read in IVO's Placeringsstöd."""

    GRANTED = "granted", _("Permit granted")
    APPLIED = "applied", _("Permit applied for")
    MISSING = "missing", _("No permit")
    REVOKED = "revoked", _("Permit revoked")


# The structured fields each kind may carry; every other kind leaves them empty.
KIND_FIELDS = {
    "ivo": ("ivo_permit_status", "ivo_open_supervision"),
    "credit": ("credit_rating", "payment_remarks", "tax_debt"),
    "tax": ("f_tax", "vat_registered", "employer_registered"),
}
ALL_KIND_FIELDS = tuple(f for fields in KIND_FIELDS.values() for f in fields)


# Kinds that only holders of CONFIDENTIAL_PERM (strategists) see (GDPR art. 10). Everyone
# else, and every board document (a public record once delivered), learns nothing of them
# beside a supplier: neither the check, its kind, nor its outcome.
CONFIDENTIAL_KINDS = frozenset({CheckKind.CRIMINAL_RECORD})
CONFIDENTIAL_PERM = "followups.view_criminal_record"


def sees_confidential_checks(user) -> bool:
    """May this user see criminal-record checks? The one place that asks."""
    return user is not None and user.is_authenticated and user.has_perm(CONFIDENTIAL_PERM)


class CheckQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The checks this user may see: criminal-record checks only with the permission.

        Every page, export, API, history and document that reads checks starts here, so the
        sensitive kind cannot leak through a forgotten filter.
        """
        return self if sees_confidential_checks(user) else self.visible_to_all()

    def visible_to_all(self):
        """The checks anyone may see: what is shared between users or stored for others (the
        call-off status and its log) and what an anonymous reader gets."""
        return self.exclude(kind__in=CONFIDENTIAL_KINDS)


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
    # IVO: what Placeringsstöd showed.
    ivo_permit_status = models.CharField(
        _("permit status in IVO"), max_length=10, choices=IvoPermitReading.choices, blank=True
    )
    ivo_open_supervision = models.BooleanField(
        _("open supervision case at IVO"), null=True, blank=True
    )
    # Credit: what the credit bureau reported.
    credit_rating = models.CharField(
        _("credit rating"),
        max_length=30,
        blank=True,
        help_text=_("As the credit bureau gives it, for example AA or risk class 3."),
    )
    payment_remarks = models.PositiveIntegerField(_("payment remarks"), null=True, blank=True)
    tax_debt = models.DecimalField(
        _("tax debt (SEK)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Tax: the registrations at Skatteverket.
    f_tax = models.BooleanField(_("approved for F-tax"), null=True, blank=True)
    vat_registered = models.BooleanField(_("registered for VAT"), null=True, blank=True)
    employer_registered = models.BooleanField(_("registered as employer"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CheckQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=~Q(kind="criminal_record")
                | Q(
                    ivo_permit_status="",
                    ivo_open_supervision__isnull=True,
                    credit_rating="",
                    payment_remarks__isnull=True,
                    tax_debt__isnull=True,
                    f_tax__isnull=True,
                    vat_registered__isnull=True,
                    employer_registered__isnull=True,
                ),
                name="check_criminal_record_outcome_only",
            ),
            models.CheckConstraint(
                condition=Q(tax_debt__isnull=True) | Q(tax_debt__gte=0),
                name="check_tax_debt_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["supplier", "kind", "-performed_on"], name="check_latest_idx"),
            models.Index(fields=["unit", "kind", "-performed_on"], name="check_unit_latest_idx"),
            models.Index(
                fields=["representative", "kind", "-performed_on"], name="check_rep_latest_idx"
            ),
            models.Index(fields=["-performed_on", "-id"], name="check_list_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.performed_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("followups:check_detail", args=[self.pk])

    @property
    def subject_detail(self):
        """The unit or representative checked, if the check is not of the whole supplier."""
        return self.unit or self.representative

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
        allowed = KIND_FIELDS.get(self.kind, ())
        for name in ALL_KIND_FIELDS:
            if name not in allowed and getattr(self, name) not in (None, ""):
                errors[name] = _("This field is not recorded for this kind of check.")
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
