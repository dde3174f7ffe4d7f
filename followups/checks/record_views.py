"""Recording checks: one at a time, a correction, or a whole agreement in one table.

Every page reads through checks.selectors (which start from Check.objects.visible_to), so
criminal-record checks reach no one without `followups.view_criminal_record`.
"""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from followups.checks import audit_reads
from followups.checks import selectors as check_selectors
from followups.checks import services as check_services
from followups.checks.forms import (
    BulkRowFormSet,
    BulkSetupForm,
    CheckForm,
    CheckSupplierChoiceForm,
)
from followups.models import Check, CheckKind
from followups.models.checks import CONFIDENTIAL_KINDS, KIND_FIELDS, sees_confidential_checks
from suppliers.models import Representative, Supplier, Unit
from uppfoljning.core.views import (
    EditVersionMixin,
    PermissionFirstMixin,
    StaleEdit,
    add_form_errors,
)


class CheckKindChoiceView(PermissionRequiredMixin, TemplateView):
    """Record a check: first choose its kind (and keep the subject given in the link)."""

    permission_required = "followups.add_check"
    raise_exception = True
    template_name = "followups/checks/check_kind_choice.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = check_selectors.recordable_kinds(self.request.user)
        ctx["query"] = self.request.GET.urlencode()
        return ctx


class CheckFormMixin:
    template_name = "followups/checks/check_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kind"] = self.kind
        kwargs["supplier"] = self.supplier
        return kwargs


class CheckCreateView(PermissionFirstMixin, CheckFormMixin, FormView):
    """Record one check; the subject comes from the link (?supplier=, ?unit=, ?representative=)."""

    permission_required = "followups.add_check"
    raise_exception = True
    form_class = CheckForm

    def load(self, request, **kwargs):
        self.kind = kwargs["kind"]
        if self.kind not in dict(check_selectors.recordable_kinds(request.user)):
            if self.kind in CONFIDENTIAL_KINDS:
                raise PermissionDenied
            raise Http404
        self.supplier, self.initial_subject = self._subject(request.GET)
        return None

    def _subject(self, params):
        def pk(name):
            value = params.get(name, "")
            return int(value) if value.isdigit() else None

        if pk("unit"):
            unit = get_object_or_404(Unit.objects.select_related("supplier"), pk=pk("unit"))
            return unit.supplier, {"unit": unit.pk}
        if pk("representative"):
            rep = get_object_or_404(
                Representative.objects.select_related("supplier"), pk=pk("representative")
            )
            return rep.supplier, {"representative": rep.pk}
        if pk("supplier"):
            return get_object_or_404(Supplier, pk=pk("supplier")), {}
        return None, {}

    def get(self, request, *args, **kwargs):
        if self.supplier is None:
            return self._choose_supplier(CheckSupplierChoiceForm())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.supplier is None:
            return self._choose_supplier(CheckSupplierChoiceForm(request.POST))
        return super().post(request, *args, **kwargs)

    def _choose_supplier(self, form):
        if form.is_bound and form.is_valid():
            url = reverse("followups:check_add_kind", args=[self.kind])
            return redirect(f"{url}?supplier={form.cleaned_data['supplier'].pk}")
        return self.render_to_response(
            {
                "form": form,
                "title": _("Record check: %(kind)s") % {"kind": CheckKind(self.kind).label},
                "choose_supplier": True,
                "cancel_url": reverse("followups:check_list"),
            }
        )

    def get_initial(self):
        initial = super().get_initial()
        initial.update(self.initial_subject)
        agreement = self.request.GET.get("agreement", "")
        if agreement.isdigit():
            initial["agreement"] = int(agreement)
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Record check: %(kind)s") % {"kind": CheckKind(self.kind).label}
        ctx["supplier"] = self.supplier
        ctx["is_criminal_record"] = self.kind == CheckKind.CRIMINAL_RECORD
        ctx["cancel_url"] = self.supplier.get_absolute_url()
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            check = check_services.check_record(
                kind=self.kind,
                supplier=self.supplier,
                unit=data.get("unit"),
                representative=data.get("representative"),
                agreement=data.get("agreement"),
                performed_on=data["performed_on"],
                performed_by=self.request.user,
                result=data["result"],
                summary=data.get("summary", ""),
                reference=data.get("reference", ""),
                details=form.details(),
                user=self.request.user,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The check has been recorded."))
        return redirect(check.get_absolute_url())


class CheckUpdateView(EditVersionMixin, PermissionFirstMixin, CheckFormMixin, FormView):
    """Correct a recorded check; the change is kept in its history."""

    permission_required = "followups.change_check"
    raise_exception = True
    form_class = CheckForm

    def load(self, request, **kwargs):
        try:
            self.object = check_selectors.check_detail(request.user, kwargs["pk"])
        except Check.DoesNotExist as exc:
            raise Http404 from exc
        self.kind = self.object.kind
        self.supplier = self.object.supplier
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Edit %(name)s") % {"name": self.object}
        ctx["object"] = self.object
        ctx["supplier"] = self.supplier
        ctx["is_criminal_record"] = self.kind == CheckKind.CRIMINAL_RECORD
        ctx["cancel_url"] = self.object.get_absolute_url()
        audit_reads.record_viewed(self.request, self.object, page="edit")
        return ctx

    def form_valid(self, form):
        try:
            check = self.save_versioned(
                form,
                lambda: check_services.check_update(
                    check=self.object,
                    data={name: form.cleaned_data[name] for name in form.cleaned_data},
                    user=self.request.user,
                ),
            )
        except StaleEdit as stale:
            return self.refuse_stale(form, stale)
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The check has been saved."))
        return redirect(check.get_absolute_url())


class CheckBulkView(PermissionFirstMixin, TemplateView):
    """Record one kind of check for every active contract of an agreement at once.

    The setup (agreement, kind, date) travels in the query string; the table's rows are
    built on the server from the agreement, never trusted from the form.
    """

    permission_required = "followups.add_check"
    raise_exception = True
    template_name = "followups/checks/check_bulk.html"

    def load(self, request, **kwargs):
        self.setup_form = BulkSetupForm(
            request.GET if "agreement" in request.GET else None, user=request.user
        )
        if request.GET.get("kind") in CONFIDENTIAL_KINDS and not sees_confidential_checks(
            request.user
        ):
            raise PermissionDenied
        self.ready = self.setup_form.is_bound and self.setup_form.is_valid()
        if self.ready:
            data = self.setup_form.cleaned_data
            self.agreement = data["agreement"]
            self.kind = data["kind"]
            self.performed_on = data["performed_on"]
            self.subjects = check_selectors.bulk_subjects(
                self.agreement, self.kind, self.performed_on
            )
        return None

    def _formset(self, data=None):
        return BulkRowFormSet(data, kind=self.kind, subjects=self.subjects, prefix="rows")

    def get(self, request, *args, **kwargs):
        formset = self._formset() if self.ready else None
        return self.render_to_response(self.get_context_data(formset=formset))

    def post(self, request, *args, **kwargs):
        if not self.ready:
            return self.render_to_response(self.get_context_data(formset=None), status=400)
        formset = self._formset(request.POST)
        try:
            valid = formset.is_valid()
        except django_forms.ValidationError:
            valid = False  # a tampered management form
        if valid:
            rows = [self._row(form) for form in formset.forms]
            try:
                checks = check_services.check_record_many(
                    kind=self.kind,
                    agreement=self.agreement,
                    performed_on=self.performed_on,
                    performed_by=request.user,
                    rows=rows,
                    user=request.user,
                )
            except check_services.BulkCheckError as exc:
                for index, error in exc.row_errors.items():
                    add_form_errors(formset.forms[index], error)
                return self._invalid(formset)
            except ValidationError as exc:
                return self._invalid(formset, exc.messages)
            messages.success(
                request,
                _("%(count)d checks were recorded for %(agreement)s.")
                % {"count": len(checks), "agreement": self.agreement},
            )
            url = reverse("followups:check_list")
            return redirect(
                f"{url}?agreement={self.agreement.pk}&kind={self.kind}"
                f"&performed_from={self.performed_on:%Y-%m-%d}"
                f"&performed_to={self.performed_on:%Y-%m-%d}"
            )
        return self._invalid(formset)

    def _invalid(self, formset, extra_errors=()):
        ctx = self.get_context_data(formset=formset)
        ctx["row_errors"] = [
            (index + 1, form.subject_obj, error)
            for index, form in enumerate(formset.forms)
            for errors in form.errors.values()
            for error in errors
        ]
        ctx["extra_errors"] = list(extra_errors)
        return self.render_to_response(ctx, status=200)

    def _row(self, form) -> check_services.CheckRow | None:
        if form.is_left_empty():
            return None
        data = form.cleaned_data
        subject = form.subject_obj
        return check_services.CheckRow(
            supplier=subject.supplier,
            unit=subject.unit,
            representative=subject.representative,
            result=data["result"],
            summary=data.get("summary", ""),
            reference=data.get("reference", ""),
            details={name: data.get(name) for name in KIND_FIELDS.get(self.kind, ())},
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["setup_form"] = self.setup_form
        ctx["ready"] = self.ready
        ctx["title"] = _("Record checks for a whole agreement")
        if self.ready:
            ctx["agreement"] = self.agreement
            ctx["kind_label"] = CheckKind(self.kind).label
            ctx["performed_on"] = self.performed_on
            ctx["query"] = self.request.GET.urlencode()
            formset = kwargs.get("formset")
            ctx["columns"] = formset.forms[0].input_fields if formset and formset.forms else []
        return ctx
