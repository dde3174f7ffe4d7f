"""Pages of the planning: the yearly plan (the list, the proposal, its table and the
acceptance), the risk page and the coverage page."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from followups.cases.views.base import ServiceFormView
from followups.models import FollowUpPlan, PlannedFollowUp
from uppfoljning.core.errors import DomainError
from uppfoljning.core.history import history_entries
from uppfoljning.core.views import PermissionFirstMixin

from . import coverage, proposal, risk, services
from .forms import (
    CoverageFilterForm,
    PlanAcceptForm,
    PlanEntryForm,
    PlanProposeForm,
    PlanSelectionForm,
    PlanTextsForm,
    RiskJudgementForm,
    RiskWeightsForm,
)


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
        return services.plan_propose(
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
        table = proposal.plan_table(plan)
        can_change = not plan.is_accepted and self.request.user.has_perm(
            "followups.change_followupplan"
        )
        ctx.update(
            {
                "plan": plan,
                "table": table,
                "can_change": can_change,
                "history": history_entries(plan, self.request.user),
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
        table = proposal.plan_table(self.plan)
        form = PlanSelectionForm(request.POST, plan=self.plan, rows=table["rows"])
        if form.is_valid():
            try:
                flags = services.plan_set_selection(
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
                services.plan_accept(
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
            services.plan_propose(board=plan.board, year=plan.year, user=request.user, anew=True)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The plan was proposed anew from the data."))
        return redirect(plan)


class PlanTextsView(ServiceFormView):
    permission_required = "followups.change_followupplan"
    model = FollowUpPlan
    form_class = PlanTextsForm
    edits_object = True
    title = gettext_lazy("Edit the plan's texts")
    success_message = gettext_lazy("The texts were saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = FollowUpPlan.objects.get(pk=self.object.pk)
        return kwargs

    def act(self, data):
        return services.plan_update_texts(plan=self.object, user=self.request.user, **data)


class PlanEntryView(ServiceFormView):
    permission_required = "followups.change_followupplan"
    model = PlannedFollowUp
    form_class = PlanEntryForm
    edits_object = True
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
        return services.plan_entry_update(entry=self.object, user=self.request.user, **data)

    def get_success_url_for(self, result):
        return result.plan.get_absolute_url()


# --- The risk page ---------------------------------------------------------------------


SUPPLIERS_PER_PAGE = 50


class RiskView(PermissionRequiredMixin, TemplateView):
    raise_exception = True
    permission_required = "followups.view_riskweight"
    template_name = "followups/risk.html"

    def get_context_data(self, weights_form=None, judgement_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        on = timezone.localdate()
        ctx["on"] = on
        ctx["agreement_rows"] = risk.risk_ranking(on=on, kind=risk.AGREEMENT)
        # Some 280 suppliers made one page of 1.1 MiB: a page of them at a time.
        paginator = Paginator(risk.risk_ranking(on=on, kind=risk.SUPPLIER), SUPPLIERS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        ctx.update(
            supplier_rows=page.object_list,
            supplier_offset=page.start_index() - 1 if paginator.count else 0,
            paginator=paginator,
            page_obj=page,
            is_paginated=page.has_other_pages(),
        )
        ctx["weights_form"] = weights_form or RiskWeightsForm(weights=risk.current_weights())
        ctx["judgement_form"] = judgement_form or RiskJudgementForm()
        return ctx

    def post(self, request, *args, **kwargs):
        user = request.user
        if "save_weights" in request.POST:
            if not user.has_perm("followups.change_riskweight"):
                raise PermissionDenied
            form = RiskWeightsForm(request.POST, weights=risk.current_weights())
            if form.is_valid():
                weights = {k: v for k, v in form.cleaned_data.items() if v is not None}
                services.risk_weights_update(weights=weights, user=user)
                messages.success(request, _("The weights were saved; the ranking is updated."))
                return redirect("followups:risk")
            return self.render_to_response(self.get_context_data(weights_form=form))
        if not user.has_perm("followups.add_riskjudgement"):
            raise PermissionDenied
        form = RiskJudgementForm(request.POST)
        if form.is_valid():
            try:
                services.risk_judgement_create(user=user, **form.cleaned_data)
            except DomainError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("The judgement was recorded."))
                return redirect("followups:risk")
        return self.render_to_response(self.get_context_data(judgement_form=form))


# --- The coverage page -----------------------------------------------------------------


class CoverageView(PermissionRequiredMixin, TemplateView):
    """One row per agreement, one column per calendar year; strategists and coordinators.

    Anonymous users are sent to the login page by the login middleware; a logged-in user
    without the permission gets 403.
    """

    raise_exception = True
    permission_required = "followups.view_followup"
    template_name = "followups/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        on = timezone.localdate()
        # Other parameters (a stale link's ?year=) leave the form unbound, so the select
        # shows the default year the table is for.
        data = self.request.GET if "show" in self.request.GET else None
        form = CoverageFilterForm(data, years=coverage.agreement_years(on), default_year=on.year)
        year = form.selected_year()
        rows = coverage.special_coverage(agreements=coverage.agreements_in_force(year), on=on)
        years = coverage.year_span(rows)
        ctx.update(
            on=on,
            form=form,
            year=year,
            years=years,
            lines=[(row, [row.year(y) for y in years]) for row in rows],
        )
        return ctx
