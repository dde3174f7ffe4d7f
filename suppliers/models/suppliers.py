from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from suppliers.validators import validate_org_number


class Supplier(models.Model):
    """A private provider (leverantör), identified by its organisation number."""

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, for example 556677-8899."),
        error_messages={"unique": _("A supplier with this organisation number already exists.")},
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    # Numbers that are the supplier's own, not a client's: a sole trader's organisation
    # number is the owner's personal identity number, and a phone number written without
    # spaces can pass the check digit by chance. Forms and the scan skip these fields.
    personal_data_exempt = ("org_number", "phone")

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("suppliers:supplier_detail", args=[self.pk])


class IvoPermitStatus(models.TextChoices):
    VALID = "valid", _("Permit granted")
    APPLIED = "applied", _("Permit applied for")
    MISSING = "missing", _("No permit")
    REVOKED = "revoked", _("Permit revoked")
    NOT_REQUIRED = "not_required", _("No permit required")


class Unit(models.Model):
    """One site or service of a supplier; IVO permits are per unit."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="units", verbose_name=_("supplier")
    )
    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    ivo_permit_reference = models.CharField(_("IVO permit reference"), max_length=50, blank=True)
    ivo_permit_status = models.CharField(
        _("IVO permit status"),
        max_length=20,
        choices=IvoPermitStatus.choices,
        default=IvoPermitStatus.VALID,
    )
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, help_text=_("The date the unit stopped operating.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier__name", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "name"], name="unit_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("suppliers:unit_detail", args=[self.pk])

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("supplier", "name"):
            return ValidationError(
                _("This supplier already has a unit with this name."),
                code="unique_together",
            )
        return super().unique_error_message(model_class, unique_check)


class RepresentativeRole(models.TextChoices):
    CEO = "ceo", _("Chief executive")
    CHAIR = "chair", _("Chair of the board")
    BOARD_MEMBER = "board_member", _("Board member")
    DEPUTY = "deputy", _("Deputy board member")
    MANAGER = "manager", _("Head of unit (föreståndare)")
    SIGNATORY = "signatory", _("Authorised signatory")
    OTHER = "other", _("Other")


class Representative(models.Model):
    """A person who represents a supplier (CEO, board member, head of unit)."""

    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="representatives",
        verbose_name=_("supplier"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=RepresentativeRole.choices)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier__name", "name"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="representative_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("suppliers:representative_detail", args=[self.pk])

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})
