import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Board(models.Model):
    """The political board (nämnd) that owns agreements and receives reports."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=200)
    report_period_start_month = models.PositiveSmallIntegerField(
        _("report period starts in month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 = calendar year; 5 = May to April."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="board_unique_name"),
            models.CheckConstraint(
                condition=Q(report_period_start_month__gte=1, report_period_start_month__lte=12),
                name="board_report_month_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.municipality}"

    def get_absolute_url(self):
        return reverse("suppliers:board_detail", args=[self.pk])


class ProcurementType(models.TextChoices):
    LOU = "lou", _("LOU")
    LOV = "lov", _("LOV")
    DIRECT = "direct", _("Direct award")
    JOINT = "joint", _("Joint with other municipalities")


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Children and young people")
    ADULTS = "adults", _("Adults")


class FrameworkAgreement(models.Model):
    """A procured framework agreement (ramavtal) with its period and option."""

    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("board")
    )
    name = models.CharField(_("name"), max_length=200)
    reference = models.CharField(
        _("registry reference"),
        max_length=50,
        unique=True,
        error_messages={"unique": _("An agreement with this registry reference already exists.")},
    )
    procurement_type = models.CharField(
        _("procurement type"),
        max_length=10,
        choices=ProcurementType.choices,
        default=ProcurementType.LOU,
    )
    target_group = models.CharField(_("target group"), max_length=10, choices=TargetGroup.choices)
    requires_ivo_permit = models.BooleanField(_("requires IVO permit"), default=False)
    ivo_check_interval_months = models.PositiveSmallIntegerField(
        _("IVO check interval (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    option_end_date = models.DateField(
        _("end date including option"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the agreement has no option to extend."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_agreements",
        verbose_name=_("responsible strategist"),
    )
    description = models.TextField(_("description"), blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor"),
        help_text=_(
            "The agreement this one replaces after a new procurement. Its recent history "
            "(checks, deviations, exclusions, purchases, follow-ups) counts in this one's risk."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("framework agreement")
        verbose_name_plural = _("framework agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="agreement_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(option_end_date__isnull=True) | Q(option_end_date__gte=F("end_date")),
                name="agreement_option_after_end",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("pk")), name="agreement_not_its_own_predecessor"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("suppliers:agreement_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.option_end_date and self.end_date and self.option_end_date < self.end_date:
            errors["option_end_date"] = _(
                "The end date including option cannot be before the end date."
            )
        p = self.predecessor
        if p is not None and (p.pk == self.pk or p.board_id != self.board_id):
            errors["predecessor"] = _(
                "The predecessor must be another agreement of the same board."
            )
        elif p is not None and self.start_date and p.start_date >= self.start_date:
            errors["predecessor"] = _("The predecessor must have started before this agreement.")
        if errors:
            raise ValidationError(errors)

    @property
    def final_end_date(self) -> datetime.date:
        """The last day the agreement can run, option included."""
        return self.option_end_date or self.end_date

    def is_in_period(self, on: datetime.date) -> bool:
        return self.start_date <= on <= self.final_end_date
