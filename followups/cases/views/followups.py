"""Follow-up pages: the list, planning one, its page, its life, and the strategist's desk."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.generic import TemplateView

from followups.cases import filters, forms, selectors, services
from followups.cases.desk import desk_sections
from followups.cases.warnings import plan_warnings
from followups.checks import audit_reads
from followups.models import (
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
)
from suppliers.models import FrameworkAgreement
from uppfoljning.core.views import (
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    model_values,
)

from .base import ServiceFormView, today

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

    def form_valid(self, form):
        data = form.cleaned_data
        warnings = plan_warnings(
            kind=data["kind"],
            agreement=data["agreement"],
            planned_start=data.get("planned_start"),
            today=today(),
        )
        if warnings and not data.get("confirm"):
            form.ask_to_confirm(warnings)
            return self.form_invalid(form)
        return super().form_valid(form)

    def act(self, data):
        data = {k: v for k, v in data.items() if v not in (None, "") and k != "confirm"}
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
            return selectors.followup_detail(self.request.user, self.kwargs["pk"])
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
        # The checks the page names (prefetched through Check.objects.visible_to).
        shown = [*fu.checks.all(), *([fu.trigger_check] if fu.trigger_check else [])]
        audit_reads.record_listed(self.request, shown, page="followup", obj=fu)
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
    edits_object = True
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
    edits_object = True
    title = gettext_lazy("Suppliers and units in scope")
    success_message = gettext_lazy("The scope has been saved.")

    form_class = forms.ScopeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "followup": self.object}

    def get_initial(self):
        return {"suppliers": self.object.suppliers.all(), "units": self.object.units.all()}

    def act(self, data):
        return services.followup_set_scope(followup=self.object, user=self.request.user, **data)


class FollowUpSelectionView(ServiceFormView):
    """Rank the agreement's suppliers by purchases in a period; the strategist picks."""

    model = FollowUp
    permission_required = "followups.change_followup"
    edits_object = True
    template_name = "followups/selection.html"
    title = gettext_lazy("Select suppliers by purchases")

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

    form_class = forms.ScopeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "followup": self.object}

    def get_initial(self):
        return {"suppliers": self.object.suppliers.all()}

    def version_values(self, obj, form):
        # The selection writes the suppliers and the period, not the units.
        return model_values(obj, ["suppliers", "selection_start", "selection_end"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        period_form, start, end = self.period()
        ctx["period_form"] = period_form
        ctx["start"], ctx["end"] = start, end
        ctx["ranking"] = (
            selectors.purchase_ranking(self.object.agreement, start, end) if start else []
        )
        form = ctx["form"]
        if form.is_bound:  # a refused save shows what the user picked
            picked = form.data.getlist(form.add_prefix("suppliers"))
            ctx["in_scope"] = {int(pk) for pk in picked if pk.isdigit()}
        else:
            ctx["in_scope"] = set(self.object.suppliers.values_list("pk", flat=True))
        return ctx

    def act(self, data):
        fu = self.object
        _form, start, end = self.period()
        result = services.followup_set_scope(
            followup=fu,
            suppliers=data["suppliers"],
            units=fu.units.all(),
            user=self.request.user,
            selection=(start, end) if start else None,
        )
        # Say what is now in scope, also when that is nothing.
        count = len(data["suppliers"])
        self.success_message = (
            ngettext(
                "%(count)d supplier is now in scope.",
                "%(count)d suppliers are now in scope.",
                count,
            )
            % {"count": count}
            if count
            else gettext("No supplier is in scope now.")
        )
        return result


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
