"""Filters of the placement-check log (strategists' evidence list)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from suppliers.models import FrameworkAgreement, PlacementCheck, PlacementCheckLevel, Supplier

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlacementCheckFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="performed_at",
        lookup_expr="date__gte",
        label=_("From date"),
        widget=DATE_WIDGET,
    )
    date_to = django_filters.DateFilter(
        field_name="performed_at",
        lookup_expr="date__lte",
        label=_("To date"),
        widget=DATE_WIDGET,
    )
    agreement = django_filters.ModelChoiceFilter(
        queryset=FrameworkAgreement.objects.all(), label=_("Framework agreement")
    )
    supplier = django_filters.ModelChoiceFilter(
        queryset=Supplier.objects.all(), label=_("Supplier")
    )
    performed_by = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.filter(placement_checks__isnull=False).distinct(),
        label=_("Performed by"),
    )
    level = django_filters.ChoiceFilter(choices=PlacementCheckLevel.choices, label=_("Status"))

    class Meta:
        model = PlacementCheck
        fields = ["date_from", "date_to", "agreement", "supplier", "performed_by", "level"]
