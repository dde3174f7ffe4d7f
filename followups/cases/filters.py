"""Filters for the follow-up and deviation lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from followups.models import Deviation, FollowUp
from suppliers.models import FrameworkAgreement, Supplier


class FollowUpFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agreement = django_filters.ModelChoiceFilter(
        label=_("Framework agreement"), queryset=FrameworkAgreement.objects.all()
    )
    supplier = django_filters.ModelChoiceFilter(
        label=_("Supplier"),
        queryset=Supplier.objects.all(),
        field_name="suppliers",
        distinct=True,
    )

    class Meta:
        model = FollowUp
        fields = ["kind", "status", "agreement", "responsible"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(suppliers__name__icontains=value)
        ).distinct()


class DeviationFilter(django_filters.FilterSet):
    agreement = django_filters.ModelChoiceFilter(
        label=_("Framework agreement"), queryset=FrameworkAgreement.objects.all()
    )
    supplier = django_filters.ModelChoiceFilter(
        label=_("Supplier"), queryset=Supplier.objects.all()
    )

    class Meta:
        model = Deviation
        fields = ["agreement", "supplier", "category", "source", "status"]
