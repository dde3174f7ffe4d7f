"""The board's yearly plan for the follow-up of private providers (001_…, 003_…).

A plan says, for one board and one year, how the agreements are followed up and which of
them get a special follow-up that year (and, preliminarily, the year after). The system
proposes it from the risk ranking and the rule that every agreement gets at least one
special follow-up in its period; the strategist changes and accepts it, and accepting
creates the planned special follow-ups.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Proposal")
    ACCEPTED = "accepted", _("Accepted")


class FollowUpPlan(models.Model):
    """The follow-up plan of one board for one calendar year."""

    # An accepted plan has created its follow-ups; it is not reopened, so what the board
    # adopted and what was created from it stay the same.
    TRANSITIONS = {
        PlanStatus.DRAFT: {PlanStatus.ACCEPTED},
        PlanStatus.ACCEPTED: set(),
    }

    board = models.ForeignKey(
        "suppliers.Board",
        on_delete=models.PROTECT,
        related_name="followup_plans",
        verbose_name=_("board"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    risk_date = models.DateField(
        _("risk ranking as of"),
        help_text=_("The day whose data the risk ranking of the proposal rests on."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("special follow-ups per year"),
        default=3,
        help_text=_(
            "How many special follow-ups the administration can carry out in a year. An "
            "agreement whose period would otherwise end without one is placed even beyond it."
        ),
    )
    # The five points a plan must contain (003_…); defaults are written from the data.
    responsibility = models.TextField(_("the board's responsibility for follow-up"), blank=True)
    forms_of_followup = models.TextField(_("forms of follow-up"), blank=True)
    responsible = models.TextField(_("who is responsible"), blank=True)
    timetable = models.TextField(_("timetable"), blank=True)
    feedback = models.TextField(_("feedback to the board and the suppliers"), blank=True)
    # The ranking the proposal rested on, kept as it was: the plan shows why even when the
    # data change later.
    risk_snapshot = models.JSONField(_("risk ranking"), default=list, blank=True)
    deviation_reason = models.TextField(
        _("reason for leaving an agreement without a special follow-up"),
        blank=True,
        help_text=_(
            "Needed only when the plan leaves an agreement whose period ends without a special "
            "follow-up."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "board_id"]
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="followupplan_once_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft", accepted_at__isnull=True, accepted_by__isnull=True)
                | Q(status="accepted", accepted_at__isnull=False, accepted_by__isnull=False),
                name="followupplan_accepted_fields_match_status",
            ),
        ]

    def __str__(self):
        return _("Follow-up plan %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("followups:plan_detail", args=[self.pk])

    @property
    def is_accepted(self) -> bool:
        return self.status == PlanStatus.ACCEPTED

    @property
    def years(self) -> tuple[int, int, int]:
        """The years of the plan's table, as in 001_…: last year, the plan's year, next year."""
        return (self.year - 1, self.year, self.year + 1)


class PlanEntrySource(models.TextChoices):
    EXISTING = "existing", _("Already planned or under way")
    RULE = "rule", _("At least one in each agreement period")
    RISK = "risk", _("Risk ranking")
    STRATEGIST = "strategist", _("Chosen by the strategist")


class PlannedFollowUp(models.Model):
    """One agreement's special follow-up in a plan: in the plan's year, or preliminarily in
    the year after."""

    plan = models.ForeignKey(
        FollowUpPlan, on_delete=models.CASCADE, related_name="entries", verbose_name=_("plan")
    )
    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.PROTECT,
        related_name="planned_followups",
        verbose_name=_("framework agreement"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(
        _("why it is in the plan"), max_length=12, choices=PlanEntrySource.choices
    )
    reason = models.TextField(_("reason"), blank=True)
    focus_areas = models.ManyToManyField(
        "followups.AssessmentArea",
        blank=True,
        related_name="planned_followups",
        verbose_name=_("focus areas"),
    )
    focus = models.TextField(_("focus"), blank=True)
    followup = models.OneToOneField(
        "followups.FollowUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_in",
        verbose_name=_("follow-up"),
        help_text=_("The planned follow-up that accepting the plan created."),
    )
    history = HistoricalRecords(m2m_fields=[focus_areas])

    class Meta:
        ordering = ["year", "agreement__name"]
        verbose_name = _("planned special follow-up")
        verbose_name_plural = _("planned special follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "agreement", "year"], name="plannedfollowup_once_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.year}"
