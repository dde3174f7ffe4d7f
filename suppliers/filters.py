"""Search and filters for the register's lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import (
    Contract,
    ContractStatus,
    Exclusion,
    ExclusionReason,
    FrameworkAgreement,
    Purchase,
    Representative,
    Supplier,
    Unit,
)


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def supplier_search_q(value: str, prefix: str = "") -> Q:
    """Name contains the text, or the organisation number matches with or without hyphen."""
    q = Q(**{f"{prefix}name__icontains": value})
    digits = _digits(value)
    if len(digits) >= 4:
        formatted = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
        q |= Q(**{f"{prefix}org_number__startswith": formatted})
    return q


class SearchFilterSet(django_filters.FilterSet):
    """A free-text search box; each subclass says what `search` matches."""

    q = django_filters.CharFilter(label=_("Search"), method="search")


class AgreementFilter(SearchFilterSet):
    class Meta:
        model = FrameworkAgreement
        fields = ["procurement_type", "target_group", "board"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(reference__icontains=value))


class SupplierFilter(SearchFilterSet):
    agreement = django_filters.ModelChoiceFilter(
        label=_("Framework agreement"),
        queryset=FrameworkAgreement.objects.all(),
        field_name="contracts__agreement",
        distinct=True,
    )

    class Meta:
        model = Supplier
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(supplier_search_q(value))


class UnitFilter(SearchFilterSet):
    class Meta:
        model = Unit
        fields = ["ivo_permit_status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(place__icontains=value)
            | supplier_search_q(value, "supplier__")
        )


class RepresentativeFilter(SearchFilterSet):
    class Meta:
        model = Representative
        fields = ["role"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(supplier__name__icontains=value))


class ContractFilter(SearchFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ContractStatus.choices)

    class Meta:
        model = Contract
        fields = ["agreement", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(supplier_search_q(value, "supplier__"))


class ExclusionFilter(SearchFilterSet):
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=ExclusionReason.choices)
    current = django_filters.BooleanFilter(
        label=_("In force"), field_name="lifted_on", lookup_expr="isnull"
    )

    class Meta:
        model = Exclusion
        fields = ["reason"]

    def search(self, queryset, name, value):
        return queryset.filter(
            supplier_search_q(value, "supplier__") | Q(decision_reference__icontains=value)
        )


class PurchaseFilter(SearchFilterSet):
    month_from = django_filters.DateFilter(
        label=_("From month"), field_name="month", lookup_expr="gte"
    )
    month_to = django_filters.DateFilter(label=_("To month"), field_name="month", lookup_expr="lte")

    class Meta:
        model = Purchase
        fields = ["agreement"]

    def search(self, queryset, name, value):
        return queryset.filter(supplier_search_q(value, "supplier__"))
