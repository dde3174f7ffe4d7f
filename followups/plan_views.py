"""Pages of the yearly plan: the list, the proposal, its table and the acceptance."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from followups import plan_services, planning
from followups.cases.views.base import ServiceFormView
from followups.models import FollowUpPlan, PlannedFollowUp
from followups.plan_forms import (
    PlanAcceptForm,
    PlanEntryForm,
    PlanProposeForm,
    PlanSelectionForm,
    PlanTextsForm,
)
from uppfoljning.core.history import history_entries
from uppfoljning.core.views import PermissionFirstMixin


class PlanListView(PermissionRequiredMixin, ListView):
    raise_exception = True
    permission_required = "followups.view_followupplan"
    template_name = "followups/plans/plan_list.html"

    def get_queryset(self):
        return FollowUpPlan.objects.select_related("board", "accepted_by").prefetch_related(
            "entries__agreement"
        )


class PlanProposeView(ServiceFormView):
    permission_required = "followups.add_followupplan"
    form_class = PlanProposeForm
    title = gettext_lazy("Propose a follow-up plan")
    intro = gettext_lazy(
        "The system proposes the year's special follow-ups from the risk ranking and the rule "
        "that every agreement gets at least one special follow-up in its period. You can change "
        "the proposal before you accept it."
    )
    success_message = gettext_lazy("The proposal was created. Check it and change what you want.")

    def get_initial(self):
        return {k: v for k, v in self.request.GET.items() if k in ("year", "capacity")}

    def get_cancel_url(self):
        return reverse("followups:plan_list")

    def act(self, data):
        return plan_services.plan_propose(
            board=data["board"],
            year=data["year"],
            capacity=data["capacity"],
            user=self.request.user,
        )

    def get_success_url_for(self, result):
        return result.get_absolute_url()


class PlanDetailView(PermissionFirstMixin, TemplateView):
    """The plan as 001_… shows it, with a checkbox per agreement and year while it is a draft."""

    permission_required = "followups.view_followupplan"
    template_name = "followups/plans/plan_detail.html"

    def load(self, request, **kwargs):
        self.plan = get_object_or_404(FollowUpPlan.objects.select_related("board"), pk=kwargs["pk"])

    def get_context_data(self, selection_form=None, accept_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        plan = self.plan
        table = planning.plan_table(plan)
        can_change = not plan.is_accepted and self.request.user.has_perm(
            "followups.change_followupplan"
        )
        ctx.update(
            {
                "plan": plan,
                "table": table,
                "can_change": can_change,
                "history": history_entries(plan),
                "reports": plan.reports.order_by("-version"),
                "can_add_report": plan.is_accepted
                and self.request.user.has_perm("reports.add_report"),
            }
        )
        if can_change:
            ctx["selection_form"] = selection_form or PlanSelectionForm(
                plan=plan, rows=table["rows"]
            )
            ctx["accept_form"] = accept_form or PlanAcceptForm()
        return ctx

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("followups.change_followupplan"):
            return self.handle_no_permission()
        if "accept" in request.POST:
            return self._accept(request)
        return self._select(request)

    def _select(self, request):
        table = planning.plan_table(self.plan)
        form = PlanSelectionForm(request.POST, plan=self.plan, rows=table["rows"])
        if form.is_valid():
            try:
                flags = plan_services.plan_set_selection(
                    plan=self.plan, user=request.user, selected=form.selected()
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The selection was saved."))
                if any(f.avoidable for f in flags):
                    messages.warning(
                        request,
                        _("An agreement would end its period without a special follow-up."),
                    )
                return redirect(self.plan)
        return self.render_to_response(self.get_context_data(selection_form=form))

    def _accept(self, request):
        form = PlanAcceptForm(request.POST)
        if form.is_valid():
            try:
                plan_services.plan_accept(
                    plan=self.plan,
                    user=request.user,
                    deviation_reason=form.cleaned_data["deviation_reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The plan was accepted and its special follow-ups were created as planned."),
                )
                return redirect(self.plan)
        return self.render_to_response(self.get_context_data(accept_form=form))


class PlanReproposeView(PermissionRequiredMixin, View):
    """Propose a draft plan anew, from today's data (the strategist's texts are kept)."""

    raise_exception = True
    permission_required = "followups.add_followupplan"

    def post(self, request, pk):
        plan = get_object_or_404(FollowUpPlan, pk=pk)
        try:
            plan_services.plan_propose(
                board=plan.board, year=plan.year, user=request.user, anew=True
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The plan was proposed anew from the data."))
        return redirect(plan)


class PlanTextsView(ServiceFormView):
    permission_required = "followups.change_followupplan"
    model = FollowUpPlan
    form_class = PlanTextsForm
    title = gettext_lazy("Edit the plan's texts")
    success_message = gettext_lazy("The texts were saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = FollowUpPlan.objects.get(pk=self.object.pk)
        return kwargs

    def act(self, data):
        return plan_services.plan_update_texts(plan=self.object, user=self.request.user, **data)


class PlanEntryView(ServiceFormView):
    permission_required = "followups.change_followupplan"
    model = PlannedFollowUp
    form_class = PlanEntryForm
    success_message = gettext_lazy("The focus was saved.")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Focus of the special follow-up %(year)s: %(agreement)s") % {
            "year": self.object.year,
            "agreement": self.object.agreement.name,
        }
        return ctx

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["entry"] = self.object
        return kwargs

    def get_cancel_url(self):
        return self.object.plan.get_absolute_url()

    def act(self, data):
        return plan_services.plan_entry_update(entry=self.object, user=self.request.user, **data)

    def get_success_url_for(self, result):
        return result.plan.get_absolute_url()
