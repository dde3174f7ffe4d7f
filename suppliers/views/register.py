"""Register pages: thin views over models, forms, services and selectors."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uppfoljning.core.views import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    ServiceFormView,
)

from .. import filters, forms, selectors, services
from ..models import (
    Board,
    Contract,
    Exclusion,
    FrameworkAgreement,
    Purchase,
    Representative,
    Supplier,
    Unit,
)

# --- Boards -------------------------------------------------------------------------------


class BoardListView(ObjectListView):
    model = Board
    columns = [("name", gettext_lazy("Name")), ("municipality", gettext_lazy("Municipality"))]
    add_url_name = "suppliers:board_add"


class BoardDetailView(ObjectDetailView):
    model = Board
    template_name = "suppliers/board_detail.html"


class BoardCreateView(ObjectCreateView):
    model = Board
    form_class = forms.BoardForm


class BoardUpdateView(ObjectUpdateView):
    model = Board
    form_class = forms.BoardForm


# --- Framework agreements ----------------------------------------------------------------


class AgreementListView(ObjectListView):
    model = FrameworkAgreement
    filterset_class = filters.AgreementFilter
    columns = [
        ("name", gettext_lazy("Name")),
        ("reference", gettext_lazy("Registry reference")),
        ("procurement_type", gettext_lazy("Procurement")),
        ("target_group", gettext_lazy("Target group")),
        ("start_date", gettext_lazy("Start")),
        ("end_date", gettext_lazy("End")),
        ("option_end_date", gettext_lazy("End incl. option")),
        ("active_contracts", gettext_lazy("Contracted suppliers")),
    ]
    add_url_name = "suppliers:agreement_add"

    def get_queryset(self):
        return selectors.agreement_list()


class AgreementDetailView(ObjectDetailView):
    model = FrameworkAgreement
    template_name = "suppliers/agreement_detail.html"

    def get_queryset(self):
        return selectors.agreement_list()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["contracts"] = selectors.agreement_contracts(self.object)
        if self.request.user.has_perm("suppliers.view_exclusion"):
            ctx["exclusions"] = selectors.agreement_exclusions_active_on(self.object, today)
        ctx["today"] = today
        return ctx


class AgreementCreateView(ObjectCreateView):
    model = FrameworkAgreement
    form_class = forms.AgreementForm


class AgreementUpdateView(ObjectUpdateView):
    model = FrameworkAgreement
    form_class = forms.AgreementForm


# --- Suppliers ---------------------------------------------------------------------------


class SupplierListView(ObjectListView):
    model = Supplier
    filterset_class = filters.SupplierFilter
    columns = [
        ("name", gettext_lazy("Name")),
        ("org_number", gettext_lazy("Organisation number")),
        ("city", gettext_lazy("City")),
    ]
    add_url_name = "suppliers:supplier_add"


class SupplierDetailView(ObjectDetailView):
    model = Supplier
    template_name = "suppliers/supplier_detail.html"

    def get_object(self, queryset=None):
        try:
            return selectors.supplier_detail(self.kwargs["pk"])
        except Supplier.DoesNotExist as exc:
            from django.http import Http404

            raise Http404 from exc

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        if user.has_perm("suppliers.view_purchase"):
            ctx["purchases"] = selectors.supplier_purchase_summary(self.object)
            ctx["purchase_totals"] = selectors.supplier_purchase_totals(self.object)
        ctx["today"] = timezone.localdate()
        return ctx


class SupplierCreateView(ObjectCreateView):
    model = Supplier
    form_class = forms.SupplierForm


class SupplierUpdateView(ObjectUpdateView):
    model = Supplier
    form_class = forms.SupplierForm


# --- Units ---------------------------------------------------------------------------------


class UnitListView(ObjectListView):
    model = Unit
    filterset_class = filters.UnitFilter
    columns = [
        ("name", gettext_lazy("Name")),
        ("supplier", gettext_lazy("Supplier")),
        ("place", gettext_lazy("Place")),
        ("ivo_permit_status", gettext_lazy("IVO permit")),
    ]
    add_url_name = "suppliers:unit_add"

    def get_queryset(self):
        return Unit.objects.select_related("supplier")


class UnitDetailView(ObjectDetailView):
    model = Unit
    template_name = "suppliers/unit_detail.html"

    def get_queryset(self):
        return Unit.objects.select_related("supplier").prefetch_related("contracts__agreement")


class UnitCreateView(ObjectCreateView):
    model = Unit
    form_class = forms.UnitForm

    def get_initial(self):
        return {"supplier": self.request.GET.get("supplier")}


class UnitUpdateView(ObjectUpdateView):
    model = Unit
    form_class = forms.UnitForm


# --- Representatives -------------------------------------------------------------------


class RepresentativeListView(ObjectListView):
    model = Representative
    filterset_class = filters.RepresentativeFilter
    columns = [
        ("name", gettext_lazy("Name")),
        ("role", gettext_lazy("Role")),
        ("supplier", gettext_lazy("Supplier")),
        ("valid_from", gettext_lazy("From")),
        ("valid_to", gettext_lazy("To")),
    ]
    add_url_name = "suppliers:representative_add"

    def get_queryset(self):
        return Representative.objects.select_related("supplier")


class RepresentativeDetailView(ObjectDetailView):
    model = Representative
    template_name = "suppliers/representative_detail.html"


class RepresentativeCreateView(ObjectCreateView):
    model = Representative
    form_class = forms.RepresentativeForm

    def get_initial(self):
        return {"supplier": self.request.GET.get("supplier")}


class RepresentativeUpdateView(ObjectUpdateView):
    model = Representative
    form_class = forms.RepresentativeForm


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


class PurchaseUpdateView(ObjectUpdateView):
    model = Purchase
    form_class = forms.PurchaseForm
