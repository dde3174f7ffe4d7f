"""Forms of the follow-up pages; crispy renders them, services validate and save."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from followups.models import (
    AssessmentArea,
    Check,
    CheckResult,
    Deviation,
    DeviationStatus,
    DocumentRequest,
    Escalation,
    FeedbackMethod,
    Finding,
    FollowUp,
    FollowUpKind,
    Interview,
    Rating,
    Severity,
    SignalSource,
    Survey,
    Visit,
)
from suppliers.models import (
    ContractEndReason,
    ContractStatus,
    ExclusionReason,
    FrameworkAgreement,
    Supplier,
    Unit,
)
from uppfoljning.core.forms import CrispyForm, CrispyModelForm, DateInput
from uppfoljning.core.roles import STRATEGIST


def strategists():
    return (
        get_user_model()
        .objects.filter(groups__name=STRATEGIST, is_active=True)
        .order_by("first_name", "last_name")
    )


class FollowUpCreateForm(CrispyForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=FollowUpKind.choices)
    agreement = forms.ModelChoiceField(
        label=_("Framework agreement"), queryset=FrameworkAgreement.objects.all()
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a title made of kind, agreement and year."),
    )
    responsible = forms.ModelChoiceField(label=_("Responsible strategist"), queryset=None)
    planned_start = forms.DateField(label=_("Planned start"), required=False)
    planned_end = forms.DateField(label=_("Planned end"), required=False)
    focus = forms.CharField(
        label=_("Focus"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    selection_start = forms.DateField(label=_("Selection period start"), required=False)
    selection_end = forms.DateField(label=_("Selection period end"), required=False)
    trigger_source = forms.ChoiceField(
        label=_("External signal from"),
        choices=[("", "–"), *SignalSource.choices],
        required=False,
        help_text=_("For an event-driven follow-up started by a signal."),
    )
    trigger_text = forms.CharField(
        label=_("The signal"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    minutes_reference = forms.CharField(
        label=_("Registry reference of the minutes"),
        max_length=50,
        required=False,
        help_text=_("For a start-up meeting."),
    )
    trigger_deviation = forms.ModelChoiceField(
        label=_("Triggering deviation"),
        queryset=Deviation.objects.none(),
        required=False,
        help_text=_("For an event-driven follow-up started by a deviation."),
    )
    trigger_check = forms.ModelChoiceField(
        label=_("Triggering check"),
        queryset=Check.objects.none(),
        required=False,
        help_text=_("For an event-driven follow-up started by a check with a remark."),
    )
    # Shown only after a warning (see followups.cases.warnings): planning it anyway.
    confirm = forms.BooleanField(
        label=_("Plan it anyway"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = strategists()
        self.fields["trigger_deviation"].queryset = (
            Deviation.objects.exclude(status=DeviationStatus.CLOSED)
            .select_related("supplier")
            .order_by("-occurred_on")
        )
        self.fields["trigger_check"].queryset = (
            Check.objects.visible_to(user)
            .exclude(result=CheckResult.OK)
            .select_related("supplier")
            .order_by("-performed_on")
        )
        self.fields["trigger_check"].label_from_instance = lambda c: (
            f"{c.supplier}: {c} ({c.get_result_display()})"
        )

    def ask_to_confirm(self, warnings: list[str]) -> None:
        """Show the warnings and the box that plans the follow-up anyway."""
        for warning in warnings:
            self.add_error(None, warning)
        self.fields["confirm"].widget = forms.CheckboxInput()
        self.add_error("confirm", _("Tick the box to plan the follow-up anyway."))
        self.order_fields(["confirm"])  # the box right below the warning


class FollowUpEditForm(CrispyModelForm):
    class Meta:
        model = FollowUp
        fields = [
            "title",
            "responsible",
            "planned_start",
            "planned_end",
            "focus",
            "selection_start",
            "selection_end",
            "trigger_source",
            "trigger_text",
            "minutes_reference",
            "summary",
            "assessment",
            "conclusion",
        ]
        widgets = {
            "focus": forms.Textarea(attrs={"rows": 2}),
            "trigger_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = strategists()
        # The checks of the suppliers in scope that this follow-up drew on.
        self.fields["checks"] = forms.ModelMultipleChoiceField(
            label=_("Checks used"),
            queryset=Check.objects.visible_to(user)
            .filter(supplier__in=self.instance.suppliers.all())
            .select_related("supplier"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=self.instance.checks.all() if self.instance.pk else None,
        )
        self.fields["checks"].label_from_instance = lambda c: (
            f"{c.supplier}: {c} ({c.get_result_display()})"
        )

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.checks.set(self.cleaned_data["checks"])


class StartForm(CrispyForm):
    started_on = forms.DateField(label=_("Started on"))


class CompleteForm(CrispyForm):
    completed_on = forms.DateField(label=_("Completed on"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea, required=False)
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea)


class SelectionPeriodForm(forms.Form):
    """The period whose purchases rank the suppliers (GET form on the selection page)."""

    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return cleaned


class ScopeForm(CrispyForm):
    suppliers = forms.ModelMultipleChoiceField(
        label=_("Suppliers in scope"),
        queryset=Supplier.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units in scope"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, followup: FollowUp, **kwargs):
        super().__init__(*args, **kwargs)
        contracted = Supplier.objects.filter(contracts__agreement=followup.agreement).distinct()
        self.fields["suppliers"].queryset = contracted.order_by("name")
        self.fields["units"].queryset = Unit.objects.filter(supplier__in=contracted).select_related(
            "supplier"
        )
        self.fields["units"].label_from_instance = lambda u: f"{u.supplier} – {u.name}"


class _MethodForm(CrispyModelForm):
    def __init__(self, *args, followup: FollowUp, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.followup = followup
        if "supplier" in self.fields:
            self.fields["supplier"].queryset = followup.suppliers.order_by("name")
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.filter(
                supplier__in=followup.suppliers.all()
            ).select_related("supplier")
            self.fields["unit"].label_from_instance = lambda u: f"{u.supplier} – {u.name}"


class SurveyForm(_MethodForm):
    class Meta:
        model = Survey
        fields = ["audience", "supplier", "sent_on", "sent_count", "answered_count", "summary"]


class InterviewForm(_MethodForm):
    class Meta:
        model = Interview
        fields = ["supplier", "staff_role", "interviewee_count", "held_on", "summary"]


class DocumentRequestForm(_MethodForm):
    class Meta:
        model = DocumentRequest
        fields = [
            "supplier",
            "document_kind",
            "description",
            "requested_on",
            "received_on",
            "comment",
        ]


class VisitForm(_MethodForm):
    class Meta:
        model = Visit
        fields = ["unit", "notice", "time_of_day", "visited_on", "visitors", "observations"]


class FindingForm(CrispyForm):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=AssessmentArea.objects.none(), required=False
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    due_date = forms.DateField(label=_("To be remedied by"), required=False)

    def __init__(self, *args, followup: FollowUp, areas, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the suppliers in scope: a finding is about what this follow-up examined.
        self.fields["supplier"].queryset = followup.suppliers.order_by("name")
        self.fields["supplier"].help_text = _(
            "The suppliers in the follow-up's scope; change the scope to add another."
        )
        self.fields["unit"].queryset = Unit.objects.filter(
            supplier__in=followup.suppliers.all()
        ).select_related("supplier")
        self.fields["unit"].label_from_instance = lambda u: f"{u.supplier} – {u.name}"
        self.fields["area"].queryset = AssessmentArea.objects.filter(
            pk__in=[a.pk for a in areas]
        ).order_by("order", "name")


class FeedbackForm(CrispyForm):
    given_on = forms.DateField(label=_("Feedback given on"))
    method = forms.ChoiceField(label=_("Given by"), choices=FeedbackMethod.choices)
    note = forms.CharField(
        label=_("What the supplier was told"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    due_date = forms.DateField(
        label=_("To be remedied by"),
        required=False,
        help_text=_("Leave empty to keep the due date."),
    )


class ActionPlanForm(CrispyForm):
    received_on = forms.DateField(label=_("Received on"))
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label=_("Action plan deadline"))


class VerifyForm(CrispyForm):
    verified_on = forms.DateField(label=_("Verified on"))
    note = forms.CharField(label=_("How it was verified"), widget=forms.Textarea(attrs={"rows": 3}))


class EscalateForm(CrispyForm):
    escalation = forms.ChoiceField(label=_("Escalate to"), choices=Escalation.choices)
    escalated_on = forms.DateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


DECISIONS = [
    ("exclusion", _("Temporary exclusion from call-offs")),
    ("contract_end", _("End the contract")),
]


class DecisionChoiceForm(forms.Form):
    """The first step: which decision the board made (a GET form, so no script is needed)."""

    decision = forms.ChoiceField(
        label=_("The board's decision"),
        choices=DECISIONS,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


class DecisionForm(CrispyForm):
    """The second step: the fields of the chosen decision only, each required as it says."""

    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
    decided_on = forms.DateField(label=_("Decided on"))
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=50)
    start_date = forms.DateField(label=_("The exclusion starts on"))
    review_date = forms.DateField(label=_("Review date"), required=False)
    exclusion_reason = forms.ChoiceField(
        label=_("Reason for the exclusion"),
        choices=ExclusionReason.choices,
        initial=ExclusionReason.INVESTIGATION,
    )
    contract_status = forms.ChoiceField(
        label=_("How the contract ends"),
        choices=[(s.value, s.label) for s in ContractStatus if s != ContractStatus.ACTIVE],
        initial=ContractStatus.TERMINATED,
    )
    contract_end_reason = forms.ChoiceField(
        label=_("Reason the contract ends"),
        choices=ContractEndReason.choices,
        initial=ContractEndReason.BREACH,
    )
    note = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    FIELDS = {
        "exclusion": ("review_date", "exclusion_reason"),
        "contract_end": ("contract_status", "contract_end_reason"),
    }

    def __init__(self, *args, decision: str, **kwargs):
        super().__init__(*args, **kwargs)
        other = next(k for k in self.FIELDS if k != decision)
        for name in self.FIELDS[other]:
            del self.fields[name]
        if decision == "contract_end":
            # The register keeps who decided an exclusion, not who ended a contract.
            del self.fields["decided_by"]
            self.fields["start_date"].label = _("The contract ends on")


class DeviationAgreementForm(forms.Form):
    """The report's first step: the agreement, whose suppliers and units the form then lists
    (a GET form, so no script is needed)."""

    agreement = forms.ModelChoiceField(
        label=_("Framework agreement"),
        queryset=FrameworkAgreement.objects.order_by("name"),
        empty_label=_("Choose an agreement"),
    )


class DeviationForm(CrispyForm):
    """The one-minute report; never about a client. Only the chosen agreement's suppliers
    and units are offered, and only they are accepted."""

    agreement = forms.ModelChoiceField(
        label=_("Framework agreement"),
        queryset=FrameworkAgreement.objects.all(),
        widget=forms.HiddenInput,
    )
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[])
    occurred_on = forms.DateField(label=_("Occurred on"))
    description = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe what the supplier did or failed to do, not the client."),
    )
    source = forms.ChoiceField(label=_("Source"), choices=[])
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)

    def __init__(self, *args, agreement: FrameworkAgreement, **kwargs):
        from followups.models import DeviationCategory, DeviationSource

        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = FrameworkAgreement.objects.filter(pk=agreement.pk)
        self.fields["agreement"].initial = agreement.pk
        self.fields["supplier"].queryset = (
            Supplier.objects.filter(contracts__agreement=agreement).distinct().order_by("name")
        )
        # The units the agreement's contracts serve; a contract listing none serves all of
        # its supplier's units (as the call-off status reads it).
        self.fields["unit"].queryset = (
            Unit.objects.filter(
                Q(contracts__agreement=agreement)
                | Q(
                    supplier__contracts__agreement=agreement,
                    supplier__contracts__units__isnull=True,
                )
            )
            .distinct()
            .select_related("supplier")
            .order_by("supplier__name", "name")
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.supplier} – {u.name}"
        # No category is chosen for the reporter: a default would be sent unread.
        self.fields["category"].choices = [("", _("Choose a category")), *DeviationCategory.choices]
        self.fields["source"].choices = DeviationSource.choices


class TriageForm(CrispyForm):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in DeviationStatus if s != DeviationStatus.NEW],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


RATING_CHOICES = Rating.choices


def finding_status_choices():
    return Finding._meta.get_field("status").choices


class SurveyAreasForm(CrispyForm):
    """The survey's answers summarised per assessment area: one text per area (a-<id>)."""

    def __init__(self, *args, areas, saved: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for area in areas:
            self.fields[f"a-{area.pk}"] = forms.CharField(
                label=str(area),
                required=False,
                initial=saved.get(area.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class AssessmentGridForm(CrispyForm):
    """The grid: a rating (r-<supplier>-<area>) and a comment (c-<supplier>-<area>) for every
    supplier in scope and every area; a cell whose rating is not posted is left as it is."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            for area, saved in row.cells:
                key = f"{row.supplier.pk}-{area.pk}"
                self.fields[f"r-{key}"] = forms.ChoiceField(
                    label=f"{row.supplier}: {area}",
                    choices=RATING_CHOICES,
                    required=False,
                    initial=saved.rating if saved else Rating.NOT_ASSESSED,
                )
                self.fields[f"c-{key}"] = forms.CharField(
                    label=_("Comment on %(a)s for %(s)s") % {"a": area, "s": row.supplier},
                    required=False,
                    initial=saved.comment if saved else "",
                )
