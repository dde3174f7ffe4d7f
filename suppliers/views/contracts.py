"""Register pages for contracts (a supplier in an agreement) and purchases under them."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uppfoljning.core.views import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
)

from .. import filters, forms, services
from ..models import Contract, Exclusion, Purchase
from .register import changed_fields

# --- Contracts ---------------------------------------------------------------------------


class ContractListView(ObjectListView):
    model = Contract
    filterset_class = filters.ContractFilter
    columns = [
        ("supplier", gettext_lazy("Supplier")),
        ("agreement", gettext_lazy("Framework agreement")),
        ("rank", gettext_lazy("Rank")),
        ("status", gettext_lazy("Status")),
        ("ended_on", gettext_lazy("Ended on")),
    ]
    add_url_name = "suppliers:contract_add"

    def get_queryset(self):
        return Contract.objects.select_related("supplier", "agreement")


class ContractDetailView(ObjectDetailView):
    model = Contract
    template_name = "suppliers/contract_detail.html"

    def get_queryset(self):
        return Contract.objects.select_related("supplier", "agreement").prefetch_related(
            "units",
            Prefetch(
                "exclusions",
                queryset=Exclusion.objects.select_related("supplier", "contract__agreement"),
            ),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_end"] = self.object.is_active and self.request.user.has_perm(
            "suppliers.end_contract"
        )
        return ctx


class ContractCreateView(ObjectCreateView):
    model = Contract
    form_class = forms.ContractForm

    def get_initial(self):
        return {
            "supplier": self.request.GET.get("supplier"),
            "agreement": self.request.GET.get("agreement"),
        }

    def save_object(self, form):
        return services.contract_create(user=self.request.user, **form.cleaned_data)


class ContractUpdateView(ObjectUpdateView):
    model = Contract
    form_class = forms.ContractForm

    def get(self, request, *args, **kwargs):
        return self._unless_ended() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._unless_ended() or super().post(request, *args, **kwargs)

    def _unless_ended(self):
        # An ended contract is a closed record; a new contract is a new row.
        contract = self.get_object()
        if contract.is_active:
            return None
        messages.info(self.request, _("An ended contract can no longer be edited."))
        return redirect(contract.get_absolute_url())

    def save_object(self, form):
        return services.contract_update(
            contract=self.object, user=self.request.user, **changed_fields(form)
        )


# --- Purchases ---------------------------------------------------------------------------


class PurchaseListView(ObjectListView):
    model = Purchase
    filterset_class = filters.PurchaseFilter
    columns = [
        ("supplier", gettext_lazy("Supplier")),
        ("unit", gettext_lazy("Unit")),
        ("agreement", gettext_lazy("Framework agreement")),
        ("month", gettext_lazy("Month")),
        ("amount", gettext_lazy("Amount")),
        ("placements", gettext_lazy("Placements")),
    ]
    add_url_name = "suppliers:purchase_add"

    def get_queryset(self):
        return Purchase.objects.select_related("supplier", "unit", "agreement")


class PurchaseDetailView(ObjectDetailView):
    model = Purchase
    template_name = "suppliers/purchase_detail.html"

    def get_queryset(self):
        return Purchase.objects.select_related("supplier", "unit", "agreement")


class PurchaseCreateView(ObjectCreateView):
    model = Purchase
    form_class = forms.PurchaseForm

    def save_object(self, form):
        return services.purchase_create(user=self.request.user, **form.cleaned_data)


class PurchaseUpdateView(ObjectUpdateView):
    model = Purchase
    form_class = forms.PurchaseForm

    def save_object(self, form):
        return services.purchase_update(
            purchase=self.object, user=self.request.user, **changed_fields(form)
        )
