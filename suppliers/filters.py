"""Search and filters for the register's lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
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


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    """A month typed as 2024-03 (what <input type=month> sends); stored purchases use day 1."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class MonthFilter(django_filters.DateFilter):
    field_class = MonthField


class SearchFilterSet(django_filters.FilterSet):
    """A free-text search box; each subclass says what `search` matches."""

    q = django_filters.CharFilter(label=_("Search"), method="search")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty choice reads "Alla", not "---------" (which a screen reader spells out).
        for field in self.form.fields.values():
            if getattr(field, "empty_label", None) is not None:
                field.empty_label = _("All")
                field.widget.choices = field.choices


class AgreementFilter(SearchFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        empty_label=_("All"),
        choices=[
            ("current", _("In force (incl. option)")),
            ("ended", _("Ended")),
            ("future", _("Not yet started")),
        ],
        method="filter_period",
    )

    class Meta:
        model = FrameworkAgreement
        fields = ["board", "procurement_type", "target_group"]

    def filter_period(self, queryset, name, value):
        today = timezone.localdate()
        ended = Q(option_end_date__lt=today) | Q(option_end_date__isnull=True, end_date__lt=today)
        if value == "current":
            return queryset.filter(start_date__lte=today).exclude(ended)
        if value == "ended":
            return queryset.filter(ended)
        if value == "future":
            return queryset.filter(start_date__gt=today)
        return queryset

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
    state = django_filters.ChoiceFilter(
        label=_("In force"),
        empty_label=_("All"),
        choices=[("active", _("In force today")), ("inactive", _("Lifted or not yet started"))],
        method="filter_state",
    )
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=ExclusionReason.choices)

    class Meta:
        model = Exclusion
        fields = ["reason"]

    def search(self, queryset, name, value):
        return queryset.filter(
            supplier_search_q(value, "supplier__") | Q(decision_reference__icontains=value)
        )

    def filter_state(self, queryset, name, value):
        # The same rule as call-off checks: started, and not lifted by today.
        active = Exclusion.objects.active_on(timezone.localdate()).values("pk")
        if value == "active":
            return queryset.filter(pk__in=active)
        if value == "inactive":
            return queryset.exclude(pk__in=active)
        return queryset


class PurchaseFilter(SearchFilterSet):
    supplier = django_filters.ModelChoiceFilter(
        label=_("Supplier"), queryset=Supplier.objects.all()
    )
    month_from = MonthFilter(label=_("From month"), field_name="month", lookup_expr="gte")
    month_to = MonthFilter(label=_("To month"), field_name="month", lookup_expr="lte")

    class Meta:
        model = Purchase
        fields = ["agreement", "supplier"]

    def search(self, queryset, name, value):
        return queryset.filter(supplier_search_q(value, "supplier__"))
