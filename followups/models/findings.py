import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Severity


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    ACTION_PLAN_RECEIVED = "action_plan_received", _("Action plan received")
    VERIFIED = "verified", _("Verified")
    ESCALATED = "escalated", _("Escalated")
    DECIDED = "decided", _("Board decision recorded")


class Escalation(models.TextChoices):
    EVENT_DRIVEN = "event_driven", _("Event-driven follow-up")
    PROPOSED_EXCLUSION = "proposed_exclusion", _("Proposed exclusion from call-offs")
    PROPOSED_TERMINATION = "proposed_termination", _("Proposed termination or rescission")


class FeedbackMethod(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")


# Findings still waiting for the supplier or for us.
UNRESOLVED = (
    FindingStatus.OPEN,
    FindingStatus.FEEDBACK_GIVEN,
    FindingStatus.ACTION_PLAN_RECEIVED,
)


class FindingQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(status__in=UNRESOLVED)

    def overdue_on(self, on: datetime.date):
        """Unresolved findings whose due date, or action plan deadline, has passed."""
        return self.unresolved().filter(
            Q(status__in=[FindingStatus.OPEN, FindingStatus.FEEDBACK_GIVEN], due_date__lt=on)
            | Q(status=FindingStatus.ACTION_PLAN_RECEIVED, action_plan_deadline__lt=on)
        )


class Finding(models.Model):
    """A shortcoming (brist) found at a supplier in a follow-up, and what became of it."""

    # open → feedback to the supplier → its action plan → verified done; at any point
    # before verification it may be escalated, and an escalation proposing exclusion or
    # termination ends with the board's decision.
    TRANSITIONS = {
        FindingStatus.OPEN: {FindingStatus.FEEDBACK_GIVEN, FindingStatus.ESCALATED},
        FindingStatus.FEEDBACK_GIVEN: {
            FindingStatus.ACTION_PLAN_RECEIVED,
            FindingStatus.ESCALATED,
        },
        FindingStatus.ACTION_PLAN_RECEIVED: {
            FindingStatus.VERIFIED,
            FindingStatus.ESCALATED,
        },
        FindingStatus.VERIFIED: set(),
        FindingStatus.ESCALATED: {FindingStatus.DECIDED},
        FindingStatus.DECIDED: set(),
    }

    followup = models.ForeignKey(
        "followups.FollowUp",
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("follow-up"),
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("supplier"),
    )
    unit = models.ForeignKey(
        "suppliers.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("unit"),
    )
    area = models.ForeignKey(
        "followups.AssessmentArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("area"),
    )
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices)
    description = models.TextField(_("description"))
    due_date = models.DateField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_("When the supplier must have remedied the shortcoming."),
    )
    status = models.CharField(
        _("status"), max_length=25, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    feedback_given_on = models.DateField(_("feedback given on"), null=True, blank=True)
    feedback_method = models.CharField(
        _("feedback given by"), max_length=10, choices=FeedbackMethod.choices, blank=True
    )
    feedback_note = models.TextField(_("feedback"), blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("feedback recorded by"),
    )
    # Copied from the latest action plan, so that overdue plans are one indexed query.
    action_plan_deadline = models.DateField(_("action plan deadline"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_note = models.TextField(_("how it was verified"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    escalation = models.CharField(
        _("escalated to"), max_length=25, choices=Escalation.choices, blank=True
    )
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    escalation_reason = models.TextField(_("reason for escalation"), blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("escalated by"),
    )
    exclusion = models.ForeignKey(
        "suppliers.Exclusion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("exclusion decided"),
    )
    ended_contract = models.ForeignKey(
        "suppliers.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ending_findings",
        verbose_name=_("contract ended"),
    )
    decided_on = models.DateField(_("decision recorded on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["followup", "supplier__name", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        permissions = [("decide_finding", _("Can record the board's decision on a finding"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open")
                | Q(status="escalated")
                | Q(status="decided")
                | Q(feedback_given_on__isnull=False),
                name="finding_feedback_date_when_given",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_on__isnull=False),
                name="finding_verified_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["escalated", "decided"])
                | (~Q(escalation="") & Q(escalated_on__isnull=False)),
                name="finding_escalated_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(status="decided")
                | Q(exclusion__isnull=False)
                | Q(ended_contract__isnull=False),
                name="finding_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=Q(feedback_given_on__isnull=True)
                | Q(verified_on__isnull=True)
                | Q(verified_on__gte=F("feedback_given_on")),
                name="finding_verified_after_feedback",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="finding_status_due_idx"),
            models.Index(fields=["supplier", "status"], name="finding_supplier_idx"),
        ]

    def __str__(self):
        text = self.description.splitlines()[0] if self.description else ""
        return f"{self.supplier}: {text[:60]}"

    def get_absolute_url(self):
        return reverse("followups:finding_detail", args=[self.pk])

    @property
    def is_unresolved(self) -> bool:
        return self.status in UNRESOLVED

    def is_overdue_on(self, on: datetime.date) -> bool:
        if self.status in (FindingStatus.OPEN, FindingStatus.FEEDBACK_GIVEN):
            return bool(self.due_date and self.due_date < on)
        if self.status == FindingStatus.ACTION_PLAN_RECEIVED:
            return bool(self.action_plan_deadline and self.action_plan_deadline < on)
        return False


class ActionPlan(models.Model):
    """The supplier's measures against a finding, with a deadline (åtgärdsplan)."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("finding")
    )
    received_on = models.DateField(_("received on"))
    measures = models.TextField(_("measures"))
    deadline = models.DateField(_("deadline"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["finding", "-received_on", "-pk"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("received_on")),
                name="action_plan_deadline_after_received",
            ),
        ]

    def __str__(self):
        return f"{self.finding} ({self.deadline:%Y-%m-%d})"

    def get_absolute_url(self):
        return self.finding.get_absolute_url()
