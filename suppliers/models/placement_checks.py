from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uppfoljning.core.formatting import format_date

from .agreements import FrameworkAgreement
from .suppliers import Supplier, Unit


class ImmutableError(Exception):
    """A logged placement check is evidence: it can never be changed or deleted."""


class PlacementCheckLevel(models.TextChoices):
    BLOCKED = "blocked", _("Blocked")
    CAUTION = "caution", _("Caution")
    CLEAR = "clear", _("Clear")


class PlacementSupportReading(models.TextChoices):
    """What IVO's Placeringsstöd showed for the unit at the time of the check."""

    PERMIT_NO_SUPERVISION = "permit_ok", _("Permit, no open supervision case")
    PERMIT_SUPERVISION = "supervision", _("Permit, open supervision case")
    NO_PERMIT = "no_permit", _("No permit or permit revoked")
    NOT_FOUND = "not_found", _("Unit not found")


class PlacementCheckQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("Placement checks cannot be changed.")

    def delete(self):
        raise ImmutableError("Placement checks cannot be deleted.")

    def visible_to(self, user):
        """Strategists see every logged check; a coordinator sees the ones they logged."""
        if user.has_perm("suppliers.view_placementcheck"):
            return self
        if user.has_perm("suppliers.view_own_placementcheck"):
            return self.filter(performed_by=user)
        return self.none()


class PlacementCheck(models.Model):
    """A logged call-off check (avropskontroll): who saw which status, when. Never edited.

    Nothing about the client (the child or adult to be placed) is stored here.
    """

    performed_at = models.DateTimeField(_("performed at"), default=timezone.now, editable=False)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="placement_checks",
        verbose_name=_("performed by"),
        editable=False,
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="placement_checks",
        verbose_name=_("supplier"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement_checks",
        verbose_name=_("unit"),
    )
    agreement = models.ForeignKey(
        FrameworkAgreement,
        on_delete=models.PROTECT,
        related_name="placement_checks",
        verbose_name=_("framework agreement"),
    )
    status_date = models.DateField(_("status on"))
    level = models.CharField(_("status"), max_length=10, choices=PlacementCheckLevel.choices)
    placement_support_consulted = models.BooleanField(
        _("IVO's Placeringsstöd consulted"), default=False
    )
    placement_support_reading = models.CharField(
        _("Placeringsstöd showed"),
        max_length=12,
        choices=PlacementSupportReading.choices,
        blank=True,
    )
    placement_support_note = models.CharField(
        _("note on Placeringsstöd"), max_length=300, blank=True
    )
    # The status and every reason exactly as shown, frozen (CallOffStatus.as_dict()).
    snapshot = models.JSONField(_("status as shown"), editable=False)

    objects = PlacementCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_at", "-pk"]
        verbose_name = _("placement check")
        verbose_name_plural = _("placement checks")
        permissions = [
            ("view_call_off_status", _("Can see the call-off status of suppliers and units")),
            ("view_own_placementcheck", _("Can see the placement checks one logged oneself")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=["blocked", "caution", "clear"]),
                name="placementcheck_level_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(placement_support_consulted=False)
                | ~models.Q(placement_support_reading=""),
                name="placementcheck_reading_when_consulted",
            ),
        ]
        indexes = [
            models.Index(fields=["-performed_at"], name="placementcheck_time_idx"),
            models.Index(fields=["agreement", "-performed_at"], name="placementcheck_agr_idx"),
        ]

    def __str__(self):
        subject = self.unit or self.supplier
        return f"{subject} – {self.agreement} ({format_date(self.performed_at)})"

    def save(self, *args, **kwargs):
        # Evidence is written once; a second save would rewrite what was shown.
        if self.pk is not None and not self._state.adding:
            raise ImmutableError("Placement checks cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("calloff:log_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise ImmutableError("Placement checks cannot be deleted.")
