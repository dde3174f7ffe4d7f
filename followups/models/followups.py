from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .checks import Check
from .choices import SignalSource


class FollowUpKind(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous follow-up")
    EVENT_DRIVEN = "event_driven", _("Event-driven follow-up")
    SPECIAL = "special", _("Special follow-up")
    IN_DEPTH = "in_depth", _("In-depth follow-up")
    STARTUP = "startup", _("Start-up meeting")


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=FollowUpStatus.COMPLETED)

    def visible_to(self, user):
        """The follow-ups with what this user may see of their checks.

        The checks a follow-up used and the check that triggered it are read through
        Check.objects.visible_to(user): a coordinator reads a follow-up that a criminal-record
        check started, and its list of checks, without learning of that check (its
        `trigger_check` is None). Do not add select_related("trigger_check") or prefetch
        "checks" again after this: either would load the checks unfiltered.
        """
        checks = Check.objects.visible_to(user)
        return self.prefetch_related(
            Prefetch("checks", queryset=checks.select_related("supplier")),
            Prefetch("trigger_check", queryset=checks),
        )


class FollowUp(models.Model):
    """A follow-up (uppföljning) of suppliers within one framework agreement."""

    # A follow-up is planned, carried out, and closed with a conclusion; it is not reopened:
    # new signals after completion start a new follow-up, so the year can be told in order.
    TRANSITIONS = {
        FollowUpStatus.PLANNED: {FollowUpStatus.ONGOING},
        FollowUpStatus.ONGOING: {FollowUpStatus.COMPLETED},
        FollowUpStatus.COMPLETED: set(),
    }

    kind = models.CharField(_("kind"), max_length=20, choices=FollowUpKind.choices)
    title = models.CharField(_("title"), max_length=200)
    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name=_("framework agreement"),
    )
    suppliers = models.ManyToManyField(
        "suppliers.Supplier",
        blank=True,
        related_name="followups",
        verbose_name=_("suppliers in scope"),
    )
    units = models.ManyToManyField(
        "suppliers.Unit", blank=True, related_name="followups", verbose_name=_("units in scope")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name=_("responsible strategist"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # The trigger of an event-driven follow-up: a deviation, a check, a finding of an
    # earlier follow-up, or an external signal (IVO, Skatteverket, media, a private person).
    trigger_deviation = models.ForeignKey(
        "followups.Deviation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("triggering deviation"),
    )
    trigger_check = models.ForeignKey(
        "followups.Check",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="triggered_followups",
        verbose_name=_("triggering check"),
    )
    trigger_finding = models.ForeignKey(
        "followups.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalated_followups",
        verbose_name=_("triggering finding"),
    )
    trigger_source = models.CharField(
        _("external signal from"), max_length=20, choices=SignalSource.choices, blank=True
    )
    trigger_text = models.TextField(_("the signal"), blank=True)
    minutes_reference = models.CharField(
        _("registry reference of the minutes"),
        max_length=50,
        blank=True,
        help_text=_("For a start-up meeting: the registry number of its minutes."),
    )
    focus = models.TextField(_("focus"), blank=True)
    selection_start = models.DateField(_("selection period start"), null=True, blank=True)
    selection_end = models.DateField(_("selection period end"), null=True, blank=True)
    checks = models.ManyToManyField(
        "followups.Check",
        blank=True,
        related_name="followups",
        verbose_name=_("checks used"),
    )
    summary = models.TextField(_("summary"), blank=True)
    assessment = models.TextField(_("assessment"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The checks M2M is not in history: its history table would name a field "check",
    # which clashes with Model.check(); linking a check is not a decision anyway.
    history = HistoricalRecords(m2m_fields=[suppliers, units])

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_start", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="followup_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(selection_end__isnull=True)
                | Q(selection_start__isnull=True)
                | Q(selection_end__gte=F("selection_start")),
                name="followup_selection_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("started_on")),
                name="followup_completed_after_started",
            ),
            models.CheckConstraint(
                condition=(Q(status="planned") & Q(started_on__isnull=True))
                | (Q(status="ongoing") & Q(started_on__isnull=False, completed_on__isnull=True))
                | (Q(status="completed") & Q(started_on__isnull=False, completed_on__isnull=False)),
                name="followup_dates_match_status",
            ),
        ]
        indexes = [models.Index(fields=["agreement", "kind", "status"], name="followup_kind_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("followups:followup_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != FollowUpStatus.COMPLETED

    @property
    def begins_on(self):
        """The date the follow-up started, or is planned to start."""
        return self.started_on or self.planned_start

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if (
            self.selection_start
            and self.selection_end
            and self.selection_end < self.selection_start
        ):
            errors["selection_end"] = _("The selection period cannot end before it starts.")
        if errors:
            raise ValidationError(errors)
