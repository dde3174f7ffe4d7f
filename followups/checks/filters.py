"""Filters of the check list; the kinds offered follow what the user may see."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from followups.models import Check, CheckKind, CheckResult
from followups.models.checks import CONFIDENTIAL_KINDS, sees_confidential_checks
from suppliers.filters import supplier_search_q
from suppliers.models import FrameworkAgreement
from uppfoljning.core.forms import DateInput


class CheckFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Supplier, unit or organisation number"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CheckKind.choices)
    result = django_filters.ChoiceFilter(label=_("Result"), choices=CheckResult.choices)
    agreement = django_filters.ModelChoiceFilter(
        label=_("Framework agreement"), queryset=FrameworkAgreement.objects.order_by("name")
    )
    # Set by links from a supplier's page; the search box covers typing a name.
    supplier = django_filters.NumberFilter(field_name="supplier_id", widget=forms.HiddenInput)
    performed_from = django_filters.DateFilter(
        label=_("From"), field_name="performed_on", lookup_expr="gte", widget=DateInput()
    )
    performed_to = django_filters.DateFilter(
        label=_("To"), field_name="performed_on", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = Check
        fields = []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_confidential_checks(user):
            self.filters["kind"].extra["choices"] = [
                c for c in CheckKind.choices if c[0] not in CONFIDENTIAL_KINDS
            ]

    def search(self, queryset, name, value):
        return queryset.filter(
            supplier_search_q(value, prefix="supplier__") | Q(unit__name__icontains=value)
        )
