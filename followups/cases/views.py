"""Follow-up pages: thin views over forms, services and selectors."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from followups.cases import filters, forms, selectors, services
from followups.cases.desk import desk_sections
from followups.models import (
    Deviation,
    DeviationStatus,
    DocumentRequest,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interview,
    Rating,
    ReporterRole,
    Survey,
    Visit,
)
from suppliers.models import FrameworkAgreement
from uppfoljning.core import views as core_views
from uppfoljning.core.views import (
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PermissionFirstMixin,
)

# --- Shared --------------------------------------------------------------------------------


class ServiceFormView(core_views.ServiceFormView):
    """The follow-up pages' action form; with no object, cancel returns to the list."""

    template_name = "followups/action_form.html"

    def get_cancel_url(self):
        obj = getattr(self, "object", None)
        return obj.get_absolute_url() if obj is not None else reverse("followups:followup_list")


def today():
    return timezone.localdate()


# --- Follow-ups ----------------------------------------------------------------------------


class FollowUpListView(ObjectListView):
    model = FollowUp
    filterset_class = filters.FollowUpFilter
    title = gettext_lazy("Follow-ups")
    columns = [
        ("title", gettext_lazy("Title")),
        ("kind", gettext_lazy("Kind")),
        ("agreement", gettext_lazy("Framework agreement")),
        ("status", gettext_lazy("Status")),
        ("responsible", gettext_lazy("Responsible")),
        ("planned_start", gettext_lazy("Planned start")),
        ("supplier_count", gettext_lazy("Suppliers")),
        ("open_findings", gettext_lazy("Open findings")),
    ]
    add_url_name = "followups:followup_add"

    def get_queryset(self):
        return selectors.followup_list().order_by("-planned_start", "-pk")


class FollowUpCreateView(ServiceFormView):
    permission_required = "followups.add_followup"
    form_class = forms.FollowUpCreateForm
    template_name = "generic/object_form.html"
    title = gettext_lazy("Plan a follow-up")
    success_message = gettext_lazy("The follow-up has been planned.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {
            "kind": self.request.GET.get("kind", FollowUpKind.SPECIAL),
            "agreement": self.request.GET.get("agreement"),
            "responsible": self.request.user.pk,
        }

    def act(self, data):
        data = {k: v for k, v in data.items() if v not in (None, "")}
        return services.followup_create(user=self.request.user, **data)

    def get_success_url_for(self, result):
        if result.kind in (FollowUpKind.SPECIAL, FollowUpKind.IN_DEPTH):
            return reverse("followups:followup_selection", args=[result.pk])
        return reverse("followups:followup_scope", args=[result.pk])


class FollowUpDetailView(ObjectDetailView):
    model = FollowUp
    template_name = "followups/followup_detail.html"

    def get_object(self, queryset=None):
        try:
            return selectors.followup_detail(self.kwargs["pk"])
        except FollowUp.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        fu = self.object
        ctx["areas"], ctx["grid_rows"] = selectors.assessment_grid(fu)
        ctx["can_work"] = fu.is_open and user.has_perm("followups.change_followup")
        ctx["can_start"] = fu.status == FollowUpStatus.PLANNED and ctx["can_work"]
        ctx["can_complete"] = fu.status == FollowUpStatus.ONGOING and ctx["can_work"]
        ctx["can_add_finding"] = fu.is_open and user.has_perm("followups.add_finding")
        ctx["today"] = today()
        ctx["escalated_from"] = fu.trigger_finding
        return ctx


class FollowUpUpdateView(ObjectUpdateView):
    model = FollowUp
    form_class = forms.FollowUpEditForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class FollowUpStartView(ServiceFormView):
    model = FollowUp
    permission_required = "followups.change_followup"
    form_class = forms.StartForm
    title = gettext_lazy("Start the follow-up")
    success_message = gettext_lazy("The follow-up has started.")

    def get_initial(self):
        return {"started_on": today()}

    def act(self, data):
        return services.followup_start(followup=self.object, user=self.request.user, **data)


class FollowUpCompleteView(ServiceFormView):
    model = FollowUp
    permission_required = "followups.change_followup"
    form_class = forms.CompleteForm
    title = gettext_lazy("Complete the follow-up")
    intro = gettext_lazy("Sum up what was found, the assessment and the conclusion.")
    success_message = gettext_lazy("The follow-up has been completed.")

    def get_initial(self):
        fu = self.object
        return {
            "completed_on": today(),
            "summary": fu.summary,
            "assessment": fu.assessment,
            "conclusion": fu.conclusion,
        }

    def act(self, data):
        return services.followup_complete(followup=self.object, user=self.request.user, **data)


class FollowUpScopeView(ServiceFormView):
    model = FollowUp
    permission_required = "followups.change_followup"
    title = gettext_lazy("Suppliers and units in scope")
    success_message = gettext_lazy("The scope has been saved.")

    def get_form(self, form_class=None):
        return forms.ScopeForm(followup=self.object, **self.get_form_kwargs())

    def get_initial(self):
        return {"suppliers": self.object.suppliers.all(), "units": self.object.units.all()}

    def act(self, data):
        return services.followup_set_scope(followup=self.object, user=self.request.user, **data)


class FollowUpSelectionView(ServiceFormView):
    """Rank the agreement's suppliers by purchases in a period; the strategist picks."""

    model = FollowUp
    permission_required = "followups.change_followup"
    template_name = "followups/selection.html"
    title = gettext_lazy("Select suppliers by purchases")
    success_message = gettext_lazy("The selected suppliers are now in scope.")

    def period(self):
        fu = self.object
        data = self.request.GET if "start" in self.request.GET else None
        initial = {"start": fu.selection_start, "end": fu.selection_end}
        form = forms.SelectionPeriodForm(data, initial=initial)
        if data is not None and form.is_valid():
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        if data is None and fu.selection_start and fu.selection_end:
            return form, fu.selection_start, fu.selection_end
        return form, None, None

    def get_form(self, form_class=None):
        return forms.ScopeForm(followup=self.object, **self.get_form_kwargs())

    def get_initial(self):
        return {"suppliers": self.object.suppliers.all()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        period_form, start, end = self.period()
        ctx["period_form"] = period_form
        ctx["start"], ctx["end"] = start, end
        ctx["ranking"] = (
            selectors.purchase_ranking(self.object.agreement, start, end) if start else []
        )
        ctx["in_scope"] = set(self.object.suppliers.values_list("pk", flat=True))
        return ctx

    def act(self, data):
        fu = self.object
        _form, start, end = self.period()
        if start and (fu.selection_start, fu.selection_end) != (start, end):
            fu.selection_start, fu.selection_end = start, end
            fu._history_user = self.request.user
            fu.full_clean()
            fu.save(update_fields=["selection_start", "selection_end"])
        return services.followup_set_scope(
            followup=fu, suppliers=data["suppliers"], units=fu.units.all(), user=self.request.user
        )


# --- Method records ------------------------------------------------------------------------


class MethodCreateView(ServiceFormView):
    """Add a survey, interview, document request or visit from the follow-up page."""

    record_model = None
    model = FollowUp

    def has_permission(self):
        meta = self.record_model._meta
        return self.request.user.has_perm(f"{meta.app_label}.add_{meta.model_name}")

    def get_form(self, form_class=None):
        return self.form_class(followup=self.object, **self.get_form_kwargs())

    def get_initial(self):
        return {name: today() for name in ("sent_on", "held_on", "requested_on", "visited_on")}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Add %(what)s") % {"what": self.record_model._meta.verbose_name}
        return ctx

    def form_valid(self, form):
        try:
            services.method_record_save(record=form.instance, user=self.request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(what)s has been recorded.")
            % {"what": str(self.record_model._meta.verbose_name).capitalize()},
        )
        return redirect(self.object.get_absolute_url())


class SurveyCreateView(MethodCreateView):
    record_model = Survey
    form_class = forms.SurveyForm


class InterviewCreateView(MethodCreateView):
    record_model = Interview
    form_class = forms.InterviewForm


class DocumentRequestCreateView(MethodCreateView):
    record_model = DocumentRequest
    form_class = forms.DocumentRequestForm


class VisitCreateView(MethodCreateView):
    record_model = Visit
    form_class = forms.VisitForm


class SurveyAreasView(PermissionFirstMixin, TemplateView):
    """The survey's answers summarised per assessment area, all areas in one form."""

    permission_required = "followups.change_survey"
    template_name = "followups/survey_areas.html"

    def load(self, request, **kwargs):
        self.survey = get_object_or_404(Survey.objects.select_related("followup"), pk=kwargs["pk"])
        self.areas = selectors.assessment_areas(self.survey.followup.agreement)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        saved = {s.area_id: s.summary for s in self.survey.area_summaries.all()}
        ctx["survey"] = self.survey
        ctx["object"] = self.survey.followup
        ctx["rows"] = [(area, saved.get(area.pk, "")) for area in self.areas]
        return ctx

    def post(self, request, *args, **kwargs):
        summaries = {
            area.pk: request.POST[f"a-{area.pk}"]
            for area in self.areas
            if f"a-{area.pk}" in request.POST
        }
        try:
            services.survey_area_summaries_save(
                survey=self.survey, summaries=summaries, user=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.get(request, *args, **kwargs)
        messages.success(request, _("The answers per area have been saved."))
        return redirect(self.survey.followup.get_absolute_url() + "#methods-heading")


# --- Assessment grid -----------------------------------------------------------------------


class AssessmentGridView(PermissionFirstMixin, TemplateView):
    """Every supplier in scope × every area of the template, in one form."""

    permission_required = "followups.change_assessment"
    template_name = "followups/assessment_grid.html"

    def load(self, request, **kwargs):
        self.object = get_object_or_404(FollowUp, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.object
        ctx["areas"], ctx["rows"] = selectors.assessment_grid(self.object)
        ctx["ratings"] = Rating.choices
        return ctx

    def post(self, request, *args, **kwargs):
        _areas, rows = selectors.assessment_grid(self.object)
        ratings = {}
        for row in rows:
            for area, _saved in row.cells:
                key = f"r-{row.supplier.pk}-{area.pk}"
                if key in request.POST:
                    ratings[(row.supplier.pk, area.pk)] = (
                        request.POST[key],
                        request.POST.get(f"c-{row.supplier.pk}-{area.pk}", ""),
                    )
        try:
            changed = services.assessment_grid_save(
                followup=self.object, ratings=ratings, user=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.get(request, *args, **kwargs)
        messages.success(
            request, _("The assessments have been saved (%(n)s changed).") % {"n": changed}
        )
        return redirect(self.object.get_absolute_url() + "#assessment-heading")


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


class FindingDecisionView(FindingActionView):
    permission_required = "followups.decide_finding"
    form_class = forms.DecisionForm
    title = gettext_lazy("Record the board's decision")
    intro = gettext_lazy(
        "The exclusion or the ended contract is recorded in the register and shows at once "
        "in the call-off status."
    )
    success_message = gettext_lazy("The board's decision has been recorded.")

    def get_initial(self):
        return {"decided_on": today(), "start_date": today()}

    def act(self, data):
        return services.finding_record_decision(finding=self.object, user=self.request.user, **data)


# --- Deviations ----------------------------------------------------------------------------


class DeviationListView(ObjectListView):
    model = Deviation
    filterset_class = filters.DeviationFilter
    columns = [
        ("supplier", gettext_lazy("Supplier")),
        ("agreement", gettext_lazy("Framework agreement")),
        ("category", gettext_lazy("Category")),
        ("source", gettext_lazy("Source")),
        ("severity", gettext_lazy("Severity")),
        ("occurred_on", gettext_lazy("Occurred on")),
        ("status", gettext_lazy("Status")),
    ]
    add_url_name = "followups:deviation_add"

    def get_queryset(self):
        return selectors.deviation_list()


class DeviationCreateView(ServiceFormView):
    permission_required = "followups.add_deviation"
    form_class = forms.DeviationForm
    template_name = "followups/deviation_form.html"
    title = gettext_lazy("Report a deviation")
    success_message = gettext_lazy(
        "Thank you. The deviation has been reported to the responsible strategist."
    )

    def get_initial(self):
        return {
            "occurred_on": today(),
            "agreement": self.request.GET.get("agreement"),
            "supplier": self.request.GET.get("supplier"),
            "source": "caseworker",
        }

    def act(self, data):
        user = self.request.user
        role = next(
            (
                r
                for r in ("strategist", "coordinator", "caseworker")
                if user.groups.filter(name=r).exists()
            ),
            ReporterRole.OTHER,
        )
        return services.deviation_report(user=user, reporter_role=role, **data)

    def get_success_url_for(self, result):
        if self.request.user.has_perm("followups.view_deviation"):
            return result.get_absolute_url()
        return reverse("dashboard")


class DeviationDetailView(ObjectDetailView):
    model = Deviation
    template_name = "followups/deviation_detail.html"

    def get_queryset(self):
        return selectors.deviation_list().select_related("contract", "triaged_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_triage"] = bool(
            Deviation.TRANSITIONS[self.object.status]
        ) and self.request.user.has_perm("followups.triage_deviation")
        ctx["can_change"] = False
        ctx["followups"] = self.object.followups.all()
        return ctx


class DeviationTriageView(ServiceFormView):
    model = Deviation
    permission_required = "followups.triage_deviation"
    form_class = forms.TriageForm
    title = gettext_lazy("Triage the deviation")
    intro = gettext_lazy(
        "Handled within the individual case, escalated to an event-driven follow-up, or "
        "closed; give the reason."
    )
    success_message = gettext_lazy("The deviation has been triaged.")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        allowed = Deviation.TRANSITIONS[self.object.status]
        form.fields["status"].choices = [
            (s.value, s.label) for s in DeviationStatus if s in allowed
        ]
        return form

    def act(self, data):
        return services.deviation_triage(deviation=self.object, user=self.request.user, **data)

    def get_success_url_for(self, result):
        created = result.followups.order_by("-pk").first()
        if result.status == DeviationStatus.ESCALATED and created:
            return created.get_absolute_url()
        return result.get_absolute_url()


# --- The strategist's desk -----------------------------------------------------------------


class DeskView(PermissionRequiredMixin, TemplateView):
    raise_exception = True
    permission_required = "followups.view_followup"
    template_name = "followups/desk.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["today"] = today()
        ctx["sections"] = desk_sections(self.request, ctx["today"])
        ctx["agreements"] = FrameworkAgreement.objects.order_by("name")
        return ctx
