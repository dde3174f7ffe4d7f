"""Register pages for the parties: boards, framework agreements, suppliers, their units and
representatives. Thin views: forms check the input, services write, selectors read."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from uppfoljning.core.views import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
)

from .. import filters, forms, selectors, services
from ..models import Board, FrameworkAgreement, Representative, Supplier, Unit


def changed_fields(form) -> dict:
    """The fields the user changed, as the update services take them."""
    return {name: form.cleaned_data[name] for name in form.changed_data}


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

    def save_object(self, form):
        return services.board_create(user=self.request.user, **form.cleaned_data)


class BoardUpdateView(ObjectUpdateView):
    model = Board
    form_class = forms.BoardForm

    def save_object(self, form):
        return services.board_update(
            board=self.object, user=self.request.user, **changed_fields(form)
        )


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

    def save_object(self, form):
        return services.agreement_create(user=self.request.user, **form.cleaned_data)


class AgreementUpdateView(ObjectUpdateView):
    model = FrameworkAgreement
    form_class = forms.AgreementForm

    def save_object(self, form):
        return services.agreement_update(
            agreement=self.object, user=self.request.user, **changed_fields(form)
        )


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

    def save_object(self, form):
        return services.supplier_create(user=self.request.user, **form.cleaned_data)


class SupplierUpdateView(ObjectUpdateView):
    model = Supplier
    form_class = forms.SupplierForm

    def save_object(self, form):
        return services.supplier_update(
            supplier=self.object, user=self.request.user, **changed_fields(form)
        )


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

    def save_object(self, form):
        return services.unit_create(user=self.request.user, **form.cleaned_data)


class UnitUpdateView(ObjectUpdateView):
    model = Unit
    form_class = forms.UnitForm

    def save_object(self, form):
        return services.unit_update(
            unit=self.object, user=self.request.user, **changed_fields(form)
        )


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

    def save_object(self, form):
        return services.representative_create(user=self.request.user, **form.cleaned_data)


class RepresentativeUpdateView(ObjectUpdateView):
    model = Representative
    form_class = forms.RepresentativeForm

    def save_object(self, form):
        return services.representative_update(
            representative=self.object, user=self.request.user, **changed_fields(form)
        )
