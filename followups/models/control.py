"""Scheduled controls: the rules the plans prescribe, and the work items they make due."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .checks import sees_confidential_checks


class RuleKind(models.TextChoices):
    IVO_REVIEW = "ivo_review", _("IVO review of active contracts")
    CRIMINAL_RECORD = "criminal_record", _("Criminal-record check of representatives")
    CREDIT_CHECK = "credit_check", _("Credit check of suppliers")
    SPECIAL_FOLLOWUP = "special_followup", _("Special follow-up in the agreement period")
    AGREEMENT_ENDING = "agreement_ending", _("Agreement period ending")
    IN_DEPTH = "in_depth", _("In-depth follow-up of each supplier")
    ACTION_PLAN_OVERDUE = "action_plan_overdue", _("Action plan past its deadline")
    EXCLUSION_REVIEW = "exclusion_review", _("Exclusion past its review date")
    FEEDBACK_OVERDUE = "feedback_overdue", _("Feedback on a finding not given")
    YEARLY_PLAN = "yearly_plan", _("Yearly follow-up plan due")
    YEARLY_REPORT = "yearly_report", _("Yearly report due")
    FEED_SIGNAL = "feed_signal", _("Signal from a data feed")


# Kinds whose work item is a control round: one item per agreement and period, one row
# per contract (or representative) recorded in one table.
ROUND_KINDS = {RuleKind.IVO_REVIEW, RuleKind.CRIMINAL_RECORD}
# Rounds whose lines are checks of a confidential kind (checks.CONFIDENTIAL_KINDS).
CONFIDENTIAL_RULE_KINDS = frozenset({RuleKind.CRIMINAL_RECORD})


class ControlRule(models.Model):
    """A recurring control or reminder the plans prescribe, kept as data so it can change."""

    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("A stable short name; the seeded rules are found by it."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=RuleKind.choices)
    interval_months = models.PositiveSmallIntegerField(
        _("interval (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often the control recurs; empty for reminders of a date."),
    )
    lead_months = models.PositiveSmallIntegerField(
        _("warn months before"),
        default=0,
        validators=[MaxValueValidator(36)],
        help_text=_("How many months before the due date the work item appears."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("days allowed"),
        default=0,
        help_text=_("For reminders of something not done: the days allowed before it is due."),
    )
    agreements = models.ManyToManyField(
        "suppliers.FrameworkAgreement",
        blank=True,
        related_name="control_rules",
        verbose_name=_("framework agreements"),
        help_text=_("Leave empty to apply the rule to every agreement."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
        help_text=_("Leave empty to give the work to the agreement's responsible strategist."),
    )
    active = models.BooleanField(_("active"), default=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The plan or decision that prescribes the control."),
    )
    history = HistoricalRecords(m2m_fields=[agreements])

    class Meta:
        ordering = ["name"]
        verbose_name = _("control rule")
        verbose_name_plural = _("control rules")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("followups:controlrule_detail", args=[self.pk])

    @property
    def is_round(self) -> bool:
        return self.kind in ROUND_KINDS


class WorkItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DISMISSED = "dismissed", _("Dismissed")


class WorkItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The work items this user may see: a criminal-record round, whose lines are the
        checks, only for those who see criminal-record checks (Check.objects.visible_to)."""
        if sees_confidential_checks(user):
            return self
        return self.exclude(rule__kind__in=CONFIDENTIAL_RULE_KINDS)


class WorkItem(models.Model):
    """A control or reminder that has fallen due, on a strategist's desk."""

    TRANSITIONS = {
        WorkItemStatus.OPEN: {WorkItemStatus.DONE, WorkItemStatus.DISMISSED},
        WorkItemStatus.DONE: {WorkItemStatus.OPEN},
        WorkItemStatus.DISMISSED: {WorkItemStatus.OPEN},
    }

    rule = models.ForeignKey(
        ControlRule, on_delete=models.PROTECT, related_name="work_items", verbose_name=_("rule")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    period_key = models.CharField(
        _("period"),
        max_length=40,
        help_text=_("Which occurrence of the rule this is, e.g. 2025-H2."),
    )
    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(
        "suppliers.FrameworkAgreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("framework agreement"),
    )
    due_date = models.DateField(_("due date"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("assigned to"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=WorkItemStatus.choices, default=WorkItemStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = WorkItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        constraints = [
            # The sweep may run twice or concurrently; the database keeps one per occurrence.
            models.UniqueConstraint(
                fields=["rule", "content_type", "object_id", "period_key"],
                name="workitem_once_per_rule_subject_period",
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | (~Q(status="open") & Q(closed_on__isnull=False)),
                name="workitem_closed_on_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["assigned_to", "status", "due_date"], name="workitem_desk_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("followups:workitem_detail", args=[self.pk])

    @property
    def is_round(self) -> bool:
        return self.rule.kind in ROUND_KINDS


class ControlRoundRow(models.Model):
    """One recorded line of a control round: the check made of one contract or person."""

    work_item = models.ForeignKey(
        WorkItem, on_delete=models.CASCADE, related_name="round_rows", verbose_name=_("work item")
    )
    contract = models.ForeignKey(
        "suppliers.Contract",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contract"),
    )
    representative = models.ForeignKey(
        "suppliers.Representative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("representative"),
    )
    check_record = models.OneToOneField(
        "followups.Check",
        on_delete=models.PROTECT,
        related_name="round_row",
        verbose_name=_("check"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["work_item", "pk"]
        verbose_name = _("control round row")
        verbose_name_plural = _("control round rows")
        constraints = [
            models.UniqueConstraint(
                fields=["work_item", "contract"],
                condition=Q(representative__isnull=True),
                name="roundrow_once_per_contract",
            ),
            models.UniqueConstraint(
                fields=["work_item", "contract", "representative"],
                condition=Q(representative__isnull=False),
                name="roundrow_once_per_representative",
            ),
        ]

    def __str__(self):
        return f"{self.work_item}: {self.contract}"


class DigestDelivery(models.Model):
    """That a strategist's weekly digest was sent, so a rerun of the task sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    week = models.CharField(_("week"), max_length=10, help_text=_("ISO week, e.g. 2025-W47."))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    items = models.PositiveIntegerField(_("work items"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_per_user_week"),
        ]

    def __str__(self):
        return f"{self.user} {self.week}"
