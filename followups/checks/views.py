"""Check pages to read: the list with its export, and a check's page (visibility by role).

Every page reads through checks.selectors (which start from Check.objects.visible_to), so
criminal-record checks reach no one without `followups.view_criminal_record`.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from followups.checks import audit_reads
from followups.checks import selectors as check_selectors
from followups.checks.filters import CheckFilter
from followups.models import Check, CheckKind
from followups.models.checks import KIND_FIELDS
from uppfoljning.core import exports, formatting
from uppfoljning.core.views import ObjectDetailView, ObjectListView


class CheckListView(ObjectListView):
    model = Check
    filterset_class = CheckFilter
    template_name = "followups/checks/check_list.html"
    title = gettext_lazy("Checks")
    columns = [
        ("performed_on", gettext_lazy("Date")),
        ("kind", gettext_lazy("Kind")),
        ("supplier", gettext_lazy("Supplier")),
        ("subject_detail", gettext_lazy("Unit or representative")),
        ("result", gettext_lazy("Result")),
        ("reference", gettext_lazy("Reference")),
        ("agreement", gettext_lazy("Framework agreement")),
        ("performed_by", gettext_lazy("Performed by")),
    ]
    add_url_name = "followups:check_add"

    def get_queryset(self):
        return check_selectors.check_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["export_url"] = reverse("followups:check_export")
        # The page's rows, loaded once here for the template too.
        audit_reads.record_listed(self.request, ctx["object_list"], page="list")
        return ctx


class CheckExportView(PermissionRequiredMixin, TemplateView):
    """The filtered list as CSV or Excel; the same visibility as the list."""

    permission_required = "followups.view_check"
    raise_exception = True

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format", "csv")
        if fmt not in exports.FORMATS:
            raise Http404
        queryset = check_selectors.check_list(request.user)
        checks = CheckFilter(request.GET, queryset=queryset, user=request.user).qs
        headers = [
            _("Date"),
            _("Kind"),
            _("Supplier"),
            _("Organisation number"),
            _("Unit"),
            _("Representative"),
            _("Result"),
            _("Framework agreement"),
            _("Summary"),
            _("Reference"),
            _("Performed by"),
        ]
        confidential: list[int] = []

        def row(check):
            if audit_reads.is_confidential(check):
                confidential.append(check.pk)
            return [
                formatting.format_date(check.performed_on),
                check.get_kind_display(),
                check.supplier.name,
                check.supplier.org_number,
                check.unit.name if check.unit else "",
                check.representative.name if check.representative else "",
                check.get_result_display(),
                check.agreement.name if check.agreement else "",
                check.summary,
                check.reference,
                check.performed_by.get_full_name() or check.performed_by.username,
            ]

        response = exports.spreadsheet_response(
            fmt=fmt,
            headers=headers,
            rows=(row(check) for check in checks[:50_000]),
            filename=f"kontroller-{timezone.localdate():%Y-%m-%d}",
            title=_("Checks"),
        )
        audit_reads.record_exported(request, confidential, fmt=fmt)
        return response


class CheckDetailView(ObjectDetailView):
    model = Check
    template_name = "followups/checks/check_detail.html"

    def get_object(self, queryset=None):
        # Not found and not visible look the same: a 404 that names nothing.
        try:
            return check_selectors.check_detail(self.request.user, self.kwargs["pk"])
        except Check.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        check = self.object
        ctx["kind_fields"] = [
            (Check._meta.get_field(name).verbose_name, _display(check, name))
            for name in KIND_FIELDS.get(check.kind, ())
        ]
        ctx["is_criminal_record"] = check.kind == CheckKind.CRIMINAL_RECORD
        audit_reads.record_viewed(self.request, check, page="detail")
        return ctx


def _display(check, name):
    value = getattr(check, name)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "tax_debt":
        return formatting.format_kr(value)
    display = getattr(check, f"get_{name}_display", None)
    return display() if display else value
