"""Finding pages: record one, its page, and each step of its life."""

from django.utils.translation import gettext_lazy

from followups.cases import forms, selectors, services
from followups.models import (
    Finding,
    FindingStatus,
    FollowUp,
)
from uppfoljning.core.views import (
    ChoiceFirstMixin,
    ObjectDetailView,
)

from .base import ServiceFormView, today

# --- Findings ------------------------------------------------------------------------------


class FindingCreateView(ServiceFormView):
    model = FollowUp
    permission_required = "followups.add_finding"
    template_name = "generic/object_form.html"
    title = gettext_lazy("Record a finding")
    success_message = gettext_lazy("The finding has been recorded.")

    def get_form(self, form_class=None):
        return forms.FindingForm(
            followup=self.object,
            areas=selectors.assessment_areas(self.object.agreement),
            **self.get_form_kwargs(),
        )

    def get_initial(self):
        return {"supplier": self.request.GET.get("supplier"), "area": self.request.GET.get("area")}

    def act(self, data):
        return services.finding_create(followup=self.object, user=self.request.user, **data)

    def get_success_url_for(self, result):
        return result.get_absolute_url()


class FindingDetailView(ObjectDetailView):
    model = Finding
    template_name = "followups/finding_detail.html"

    def get_queryset(self):
        return Finding.objects.select_related(
            "followup__agreement",
            "supplier",
            "unit",
            "area",
            "exclusion",
            "ended_contract",
            "feedback_by",
            "verified_by",
            "escalated_by",
            "created_by",
        ).prefetch_related("action_plans__recorded_by", "escalated_followups")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        finding = self.object
        user = self.request.user
        allowed = (
            Finding.TRANSITIONS[finding.status]
            if user.has_perm("followups.change_finding")
            else set()
        )
        ctx["can_feedback"] = FindingStatus.FEEDBACK_GIVEN in allowed
        ctx["can_action_plan"] = FindingStatus.ACTION_PLAN_RECEIVED in allowed
        ctx["can_verify"] = FindingStatus.VERIFIED in allowed
        ctx["can_escalate"] = FindingStatus.ESCALATED in allowed
        ctx["can_decide"] = FindingStatus.DECIDED in Finding.TRANSITIONS[
            finding.status
        ] and user.has_perm("followups.decide_finding")
        ctx["can_change"] = False
        ctx["overdue"] = finding.is_overdue_on(today())
        return ctx


class FindingActionView(ServiceFormView):
    model = Finding
    permission_required = "followups.change_finding"

    def get_success_url_for(self, result):
        return self.object.get_absolute_url()


class FindingFeedbackView(FindingActionView):
    form_class = forms.FeedbackForm
    title = gettext_lazy("Give feedback to the supplier")
    success_message = gettext_lazy("The feedback has been recorded.")

    def get_initial(self):
        return {"given_on": today(), "method": "meeting"}

    def act(self, data):
        return services.finding_give_feedback(finding=self.object, user=self.request.user, **data)


class FindingActionPlanView(FindingActionView):
    form_class = forms.ActionPlanForm
    title = gettext_lazy("Receive an action plan")
    success_message = gettext_lazy("The action plan has been recorded.")

    def get_initial(self):
        return {"received_on": today()}

    def act(self, data):
        return services.finding_receive_action_plan(
            finding=self.object, user=self.request.user, **data
        )


class FindingVerifyView(FindingActionView):
    form_class = forms.VerifyForm
    title = gettext_lazy("Verify the measures")
    success_message = gettext_lazy("The finding has been verified.")

    def get_initial(self):
        return {"verified_on": today()}

    def act(self, data):
        return services.finding_verify(finding=self.object, user=self.request.user, **data)


class FindingEscalateView(FindingActionView):
    form_class = forms.EscalateForm
    title = gettext_lazy("Escalate the finding")
    success_message = gettext_lazy("The finding has been escalated.")

    def get_initial(self):
        return {"escalated_on": today()}

    def act(self, data):
        return services.finding_escalate(finding=self.object, user=self.request.user, **data)

    def get_success_url_for(self, result):
        created = result.escalated_followups.order_by("-pk").first()
        return created.get_absolute_url() if created else result.get_absolute_url()


class FindingDecisionView(ChoiceFirstMixin, FindingActionView):
    """Two steps: choose the decision, then fill in that decision's fields only.

    The choice travels in the address (?decision=…), so the page works without a script and
    the server validates exactly the fields the strategist saw.
    """

    permission_required = "followups.decide_finding"
    template_name = "followups/finding_decision.html"
    title = gettext_lazy("Record the board's decision")
    intro = gettext_lazy(
        "The exclusion or the ended contract is recorded in the register and shows at once "
        "in the call-off status."
    )
    success_message = gettext_lazy("The board's decision has been recorded.")

    choice_form_class = forms.DecisionChoiceForm
    choice_field = "decision"

    def load(self, request, **kwargs):
        response = super().load(request, **kwargs)
        self.load_choice(request.GET)
        return response

    def get_form(self, form_class=None):
        return forms.DecisionForm(decision=self.chosen, **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["decision"] = self.chosen
        ctx["decision_label"] = dict(forms.DECISIONS).get(self.chosen, "")
        return ctx

    def get_initial(self):
        return {"decided_on": today(), "start_date": today()}

    def act(self, data):
        return services.finding_record_decision(
            finding=self.object, user=self.request.user, decision=self.chosen, **data
        )
