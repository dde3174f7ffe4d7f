"""Pages for control rules, work items and control rounds (thin: services do the writes)."""

import django_filters
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, View

from followups.checks import audit_reads
from followups.control import forms as work_forms
from followups.control import services
from followups.control.tasks import sweep
from followups.models import CheckResult, ControlRule, RuleKind, WorkItem, WorkItemStatus
from uppfoljning.core.dispatch import enqueue_on_commit
from uppfoljning.core.views import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
)

# --- Control rules -----------------------------------------------------------------------


class ControlRuleListView(ObjectListView):
    model = ControlRule
    columns = [
        ("name", gettext_lazy("Name")),
        ("kind", gettext_lazy("Kind")),
        ("interval_months", gettext_lazy("Interval (months)")),
        ("lead_months", gettext_lazy("Warn months before")),
        ("active", gettext_lazy("Active")),
    ]
    add_url_name = "followups:controlrule_add"

    def get_queryset(self):
        return ControlRule.objects.all()


class ControlRuleDetailView(ObjectDetailView):
    model = ControlRule
    template_name = "followups/work/controlrule_detail.html"


class _RuleSaveMixin:
    form_class = work_forms.ControlRuleForm

    def form_valid(self, form):
        response = super().form_valid(form)
        # Apply the changed rule now; if the broker is down, the dispatcher sends it when the
        # broker is back (and the daily sweep would do it anyway).
        enqueue_on_commit(sweep, kwargs={"rule_ids": [self.object.pk]})
        return response


class ControlRuleCreateView(_RuleSaveMixin, ObjectCreateView):
    model = ControlRule


class ControlRuleUpdateView(_RuleSaveMixin, ObjectUpdateView):
    model = ControlRule


# --- Work items --------------------------------------------------------------------------


class WorkItemFilter(django_filters.FilterSet):
    mine = django_filters.BooleanFilter(
        label=gettext_lazy("Only mine"),
        method="filter_mine",
        widget=django_filters.widgets.BooleanWidget,
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=WorkItemStatus.choices
    )
    rule__kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=RuleKind.choices)

    class Meta:
        model = WorkItem
        fields = ["status", "rule__kind"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(assigned_to=self.request.user) if value else queryset


class WorkItemListView(ObjectListView):
    model = WorkItem
    filterset_class = WorkItemFilter
    title = gettext_lazy("Work items")
    columns = [
        ("title", gettext_lazy("Title")),
        ("due_date", gettext_lazy("Due date")),
        ("status", gettext_lazy("Status")),
        ("assigned_to", gettext_lazy("Assigned to")),
    ]

    def get_queryset(self):
        return WorkItem.objects.visible_to(self.request.user).select_related("assigned_to", "rule")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not self.request.GET:
            kwargs["data"] = {"status": WorkItemStatus.OPEN}
        return kwargs


class WorkItemDetailView(ObjectDetailView):
    model = WorkItem
    template_name = "followups/work/workitem_detail.html"

    def get_queryset(self):
        return WorkItem.objects.visible_to(self.request.user).select_related(
            "rule", "assigned_to", "content_type"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["transitions"] = [
            (s, WorkItemStatus(s).label)
            for s in (WorkItemStatus.DONE, WorkItemStatus.DISMISSED, WorkItemStatus.OPEN)
            if s in WorkItem.TRANSITIONS[WorkItemStatus(self.object.status)]
        ]
        ctx["status_form"] = work_forms.WorkItemStatusForm()
        return ctx


class WorkItemStatusView(PermissionRequiredMixin, View):
    permission_required = "followups.change_workitem"
    raise_exception = True

    def post(self, request, pk):
        item = get_object_or_404(WorkItem.objects.visible_to(request.user), pk=pk)
        form = work_forms.WorkItemStatusForm(request.POST)
        if form.is_valid():
            try:
                services.work_item_set_status(
                    item=item,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
                messages.success(request, _("The work item was updated."))
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect(item)


def _follow_up_links(row):
    """Where a remark or serious result leads: an event-driven follow-up or an exclusion."""
    links = []
    supplier = row.contract.supplier_id
    for name, label in (
        ("followups:followup_add", _("Open an event-driven follow-up")),
        ("suppliers:exclusion_add", _("Propose an exclusion")),
    ):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        query = f"?supplier={supplier}&contract={row.contract_id}&check={row.check_record_id}"
        if name.startswith("followups:"):
            # The follow-up form preselects the kind and the agreement from these.
            query += f"&kind=event_driven&agreement={row.contract.agreement_id}"
        links.append((url + query, label))
    return links


class ControlRoundView(PermissionRequiredMixin, DetailView):
    """A control round: one row per contract (or representative), recorded in one table."""

    model = WorkItem
    template_name = "followups/work/control_round.html"
    permission_required = ("followups.change_workitem", "followups.add_check")
    raise_exception = True

    def get_queryset(self):
        return (
            WorkItem.objects.visible_to(self.request.user)
            .select_related("rule")
            .filter(rule__kind__in=services.ROUND_CHECK_KIND)
        )

    def _formset(self, data=None):
        targets = services.round_targets(self.object)
        pending = [t for t in targets if t.row is None]
        formset = work_forms.RoundFormSet(
            data, initial=[{"key": t.key} for t in pending], prefix="line"
        )
        return targets, list(zip(pending, formset.forms, strict=False)), formset

    def get_context_data(self, formset=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        targets, lines, default = self._formset()
        if formset is not None:
            lines = list(zip([t for t in targets if t.row is None], formset.forms, strict=False))
        ctx.update(
            targets=targets,
            recorded=[
                (t, _follow_up_links(t.row) if t.row.check_record.result != CheckResult.OK else [])
                for t in targets
                if t.row is not None
            ],
            lines=lines,
            formset=formset or default,
            criminal=self.object.rule.kind == RuleKind.CRIMINAL_RECORD,
        )
        shown = [t.row.check_record for t in targets if t.row is not None]
        audit_reads.record_listed(self.request, shown, page="control_round", obj=self.object)
        return ctx

    def post(self, request, pk):
        self.object = self.get_object()
        _targets, _lines, formset = self._formset(request.POST)
        if formset.is_valid():
            entries = [
                services.RoundEntry(
                    key=f.cleaned_data["key"],
                    result=f.cleaned_data["result"],
                    performed_on=f.cleaned_data["performed_on"],
                    reference=f.cleaned_data["reference"],
                    summary=f.cleaned_data["summary"],
                )
                for f in formset.forms
                if f.cleaned_data.get("result")
            ]
            try:
                rows = services.control_round_record(
                    item=self.object, entries=entries, user=request.user
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request, _("%(count)s checks were recorded.") % {"count": len(rows)}
                )
                return redirect("followups:control_round", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(formset=formset))
