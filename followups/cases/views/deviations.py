"""Deviation pages: the list, reporting one, its page and its triage."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from followups.cases import filters, forms, selectors, services
from followups.models import (
    Deviation,
    DeviationStatus,
    ReporterRole,
)
from uppfoljning.core.views import (
    ChoiceFirstMixin,
    ObjectDetailView,
    ObjectListView,
    PermissionFirstMixin,
)

from .base import ServiceFormView, today

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


class DeviationCreateView(ChoiceFirstMixin, ServiceFormView):
    """Two steps: the agreement first, then the report with that agreement's suppliers and
    units. The agreement travels in the address, then in the form, so no script is needed."""

    permission_required = "followups.add_deviation"
    template_name = "followups/deviation_form.html"
    title = gettext_lazy("Report a deviation")
    success_message = gettext_lazy(
        "Thank you. The deviation has been reported to the responsible strategist."
    )

    choice_form_class = forms.DeviationAgreementForm
    choice_field = "agreement"

    def load(self, request, **kwargs):
        self.load_choice(request.POST if request.method == "POST" else request.GET)
        return None

    def get_form(self, form_class=None):
        return forms.DeviationForm(agreement=self.chosen, **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["agreement"] = self.chosen
        return ctx

    def get_initial(self):
        return {
            "occurred_on": today(),
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
        # The reporter sees the report among their own, and later what became of it.
        return reverse("followups:my_deviations")


class MyDeviationsView(PermissionFirstMixin, ListView):
    """The deviations I reported, and what became of each; only mine."""

    permission_required = "followups.add_deviation"
    template_name = "followups/my_deviations.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.deviations_reported_by(self.request.user)


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
