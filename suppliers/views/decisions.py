"""The register's decisions: ending a contract, and starting and lifting an exclusion."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from uppfoljning.core.views import ObjectDetailView, ObjectListView, ServiceFormView

from .. import filters, forms, services
from ..models import Contract, Exclusion


class DecisionFormView(ServiceFormView):
    """A decision on one object (end a contract, lift an exclusion) made through a service."""

    template_name = "suppliers/decision_form.html"
    closed_message = None

    def load(self, request, **kwargs):
        super().load(request, **kwargs)
        if not self.is_open():
            messages.info(request, self.closed_message)
            return redirect(self.object.get_absolute_url())
        return None

    def is_open(self) -> bool:
        """Whether the decision can still be made: a contract ends once, an exclusion lifts once."""
        return True


class ContractEndView(DecisionFormView):
    model = Contract
    form_class = forms.ContractEndForm
    permission_required = "suppliers.end_contract"
    title = gettext_lazy("End contract")
    intro = gettext_lazy(
        "Record the board's decision to terminate or rescind the contract, or that it expired."
    )
    success_message = gettext_lazy("The contract has been ended.")
    closed_message = gettext_lazy("The contract has already ended.")

    def is_open(self):
        return self.object.is_active

    def act(self, data):
        services.contract_end(contract=self.object, user=self.request.user, **data)


# --- Exclusions --------------------------------------------------------------------------


class ExclusionListView(ObjectListView):
    model = Exclusion
    filterset_class = filters.ExclusionFilter
    columns = [
        ("supplier", gettext_lazy("Supplier")),
        ("contract__agreement", gettext_lazy("Framework agreement")),
        ("reason", gettext_lazy("Reason")),
        ("start_date", gettext_lazy("Start")),
        ("review_date", gettext_lazy("Review")),
        ("lifted_on", gettext_lazy("Lifted")),
    ]
    add_url_name = "suppliers:exclusion_add"

    def get_queryset(self):
        return Exclusion.objects.select_related("supplier", "contract__agreement")


class ExclusionDetailView(ObjectDetailView):
    model = Exclusion
    template_name = "suppliers/exclusion_detail.html"

    def get_queryset(self):
        return Exclusion.objects.select_related("supplier", "contract__agreement", "created_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_lift"] = self.object.lifted_on is None and self.request.user.has_perm(
            "suppliers.decide_exclusion"
        )
        ctx["can_change"] = False  # an exclusion is changed only by lifting it
        return ctx


class ExclusionCreateView(ServiceFormView):
    """Start an exclusion: a decision with reason, decision reference and dates."""

    permission_required = "suppliers.decide_exclusion"
    form_class = forms.ExclusionForm
    template_name = "generic/object_form.html"
    title = gettext_lazy("Exclude from call-offs")
    success_message = gettext_lazy("The exclusion has been recorded.")

    def get_initial(self):
        return {
            "supplier": self.request.GET.get("supplier"),
            "contract": self.request.GET.get("contract"),
            "start_date": timezone.localdate(),
            "decided_on": timezone.localdate(),
        }

    def get_cancel_url(self):
        return reverse("suppliers:exclusion_list")

    def act(self, data):
        return services.exclusion_start(user=self.request.user, **data)


class ExclusionLiftView(DecisionFormView):
    model = Exclusion
    form_class = forms.ExclusionLiftForm
    permission_required = "suppliers.decide_exclusion"
    title = gettext_lazy("Lift exclusion")
    intro = gettext_lazy("Record the decision to allow call-offs again, and from which date.")
    success_message = gettext_lazy("The exclusion has been lifted.")
    closed_message = gettext_lazy("The exclusion has already been lifted.")

    def is_open(self):
        return self.object.lifted_on is None

    def act(self, data):
        services.exclusion_lift(exclusion=self.object, user=self.request.user, **data)
