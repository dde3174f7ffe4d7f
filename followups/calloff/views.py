"""The placement coordinator's pages: search, status, call-off order and the check log.

Thin: the status comes from selectors.call_off_status, logging from
services.placement_check_log, input checks from forms.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from suppliers import selectors as register_selectors
from suppliers.models import FrameworkAgreement, PlacementCheck, Supplier, Unit
from uppfoljning.core.errors import DomainError

from . import selectors, services
from .filters import PlacementCheckFilter
from .forms import PlacementCheckForm, StatusPageForm

STATUS_PERM = "suppliers.view_call_off_status"


class StatusPermissionMixin(PermissionRequiredMixin):
    permission_required = STATUS_PERM
    raise_exception = True


class SearchView(StatusPermissionMixin, TemplateView):
    """Find a supplier or unit as one types (htmx swaps in the results part)."""

    template_name = "suppliers/calloff/search.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["suppliers/calloff/_search_response.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "").strip()[:100]
        if selectors.searchable(q):
            suppliers, units = selectors.search_suppliers_and_units(q)
        else:
            suppliers, units = [], []
            ctx["search_error"] = _(
                "The search text contains a control character; remove it and search again."
            )
            q = selectors.printable(q)
        ctx.update(q=q, suppliers=suppliers, units=units, searched=len(q) >= 2)
        ctx["match_count"] = len(suppliers) + len(units)
        if self.request.user.has_perm("suppliers.view_contract"):
            ctx["agreements"] = register_selectors.agreement_list()
        return ctx


class StatusView(StatusPermissionMixin, TemplateView):
    """The traffic light per agreement for one supplier or unit, with every reason."""

    template_name = "suppliers/calloff/status.html"
    model = None  # Supplier or Unit

    def get(self, request, *args, **kwargs):
        if self.model is Unit:
            unit = get_object_or_404(Unit.objects.select_related("supplier"), pk=kwargs["pk"])
            supplier = unit.supplier
        else:
            unit, supplier = None, get_object_or_404(Supplier, pk=kwargs["pk"])
        form = StatusPageForm(request.GET)
        ctx = self.get_context_data(unit=unit, supplier=supplier, subject=unit or supplier)
        ctx["form"] = form
        if not form.is_valid():
            ctx["errors"] = [e for errors in form.errors.values() for e in errors]
            return self.render_to_response(ctx, status=400)
        statuses = selectors.call_off_status(
            supplier=supplier,
            unit=unit,
            agreement=form.cleaned_data["agreement"],
            on=form.cleaned_data["date"],
        )
        ctx["statuses"] = statuses
        ctx["on"] = statuses[0].on if statuses else selectors.today()
        can_log = request.user.has_perm("suppliers.add_placementcheck")
        rows = [
            (
                s,
                PlacementCheckForm(
                    initial={
                        "agreement": s.agreement.pk,
                        "supplier": supplier.pk,
                        "unit": unit.pk if unit else None,
                        "shown_level": s.level,
                        "status_date": s.on.isoformat(),
                    },
                    prefix=f"a{s.agreement.pk}",
                )
                if can_log
                else None,
            )
            for s in statuses
        ]
        # Agreements in force first; those that are not are folded below them, so that the
        # first log form a keyboard reaches is one for an agreement that applies.
        in_force = [row for row in rows if row[0].in_force]
        ctx["rows"] = in_force or rows
        ctx["folded_rows"] = [row for row in rows if not row[0].in_force] if in_force else []
        ctx["none_in_force"] = bool(rows) and not in_force
        ctx["can_see_order"] = request.user.has_perm("suppliers.view_contract")
        return self.render_to_response(ctx)


class CallOffOrderView(StatusPermissionMixin, TemplateView):
    """The agreement's contracts by rank, each with its light (avropsordning)."""

    template_name = "suppliers/calloff/order.html"
    permission_required = (STATUS_PERM, "suppliers.view_contract")

    def get(self, request, *args, **kwargs):
        agreement = get_object_or_404(FrameworkAgreement, pk=kwargs["pk"])
        form = StatusPageForm(request.GET)
        ctx = self.get_context_data(agreement=agreement, form=form)
        if not form.is_valid():
            ctx["errors"] = [e for errors in form.errors.values() for e in errors]
            return self.render_to_response(ctx, status=400)
        on = form.cleaned_data["date"] or selectors.today()
        ctx["on"] = on
        ctx["order"] = selectors.call_off_order(agreement, on=on)
        return self.render_to_response(ctx)


class PlacementCheckLogView(View):
    """POST only: log the check with the status as it is now (must equal what was shown)."""

    http_method_names = ["post"]

    def post(self, request):
        if not request.user.has_perm("suppliers.add_placementcheck"):
            raise PermissionDenied
        prefix = request.POST.get("prefix", "")
        form = PlacementCheckForm(request.POST, prefix=prefix or None)
        back = request.POST.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = "calloff:search"
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        data = form.cleaned_data
        try:
            check = services.placement_check_log(
                user=request.user,
                agreement=data["agreement"],
                supplier=data["supplier"],
                unit=data["unit"],
                shown_level=data["shown_level"],
                on=data["status_date"],
                placement_support_consulted=data["placement_support_consulted"],
                placement_support_reading=data["placement_support_reading"],
                placement_support_note=data["placement_support_note"],
            )
        except DomainError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, _("The call-off check was logged."))
        return redirect(check)


class LogPermissionMixin(PermissionRequiredMixin):
    raise_exception = True

    def has_permission(self):
        user = self.request.user
        return user.has_perm("suppliers.view_placementcheck") or user.has_perm(
            "suppliers.view_own_placementcheck"
        )

    def get_queryset(self):
        return (
            PlacementCheck.objects.visible_to(self.request.user)
            .select_related("performed_by", "supplier", "unit", "agreement")
            .order_by("-performed_at", "-pk")
        )


class PlacementCheckListView(LogPermissionMixin, FilterView):
    model = PlacementCheck
    filterset_class = PlacementCheckFilter
    template_name = "suppliers/calloff/log_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query_string"] = query.urlencode()
        ctx["sees_all"] = self.request.user.has_perm("suppliers.view_placementcheck")
        return ctx


class PlacementCheckDetailView(LogPermissionMixin, DetailView):
    model = PlacementCheck
    template_name = "suppliers/calloff/log_detail.html"
    context_object_name = "check"
