"""Forms of the call-off pages and API: they turn raw input into objects or Swedish errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from suppliers.models import FrameworkAgreement, PlacementSupportReading, Supplier, Unit
from suppliers.validators import normalize_org_number
from uppfoljning.core.forms import NoPersonalDataMixin

DATE_HELP = _("As YYYY-MM-DD, for example 2024-12-20. Empty means today.")


class StatusDateField(forms.DateField):
    default_error_messages = {
        "invalid": _("Give the date as YYYY-MM-DD, for example 2024-12-20."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Status on"))
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)


def resolve_agreement(value: str) -> FrameworkAgreement:
    """An agreement by id or by registry reference (diarienummer)."""
    value = (value or "").strip()
    found = None
    if value.isdigit():
        found = FrameworkAgreement.objects.filter(pk=int(value)).first()
    if found is None:
        found = FrameworkAgreement.objects.filter(reference__iexact=value).first()
    if found is None:
        raise ValidationError(
            _("There is no framework agreement %(value)s."), params={"value": value}
        )
    return found


class StatusPageForm(forms.Form):
    """The date and agreement a status page shows (query string)."""

    date = StatusDateField()
    agreement = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_agreement(self):
        value = self.cleaned_data.get("agreement")
        return resolve_agreement(value) if value else None


class CallOffQueryForm(StatusPageForm):
    """The API's query: ?org_number=…&agreement=…&unit=…&date=…"""

    org_number = forms.CharField(
        required=True,
        error_messages={"required": _("Give the supplier's organisation number (org_number).")},
    )
    unit = forms.CharField(required=False)

    def clean_org_number(self):
        number = normalize_org_number(self.cleaned_data["org_number"])
        supplier = Supplier.objects.filter(org_number=number).first()
        if supplier is None:
            raise ValidationError(
                _("No supplier with organisation number %(number)s is in the register."),
                params={"number": number},
            )
        return supplier

    def clean(self):
        data = super().clean()
        unit_value = (data.get("unit") or "").strip()
        supplier = data.get("org_number")
        if unit_value and supplier is not None:
            unit = None
            if unit_value.isdigit():
                unit = Unit.objects.filter(pk=int(unit_value), supplier=supplier).first()
            if unit is None:
                self.add_error(
                    "unit",
                    _("The supplier has no unit %(value)s.") % {"value": unit_value},
                )
            data["unit"] = unit
        else:
            data["unit"] = None
        return data


class PlacementCheckForm(NoPersonalDataMixin, forms.Form):
    """One click to log the check; the status itself is taken by the service, not posted."""

    agreement = forms.ModelChoiceField(
        queryset=FrameworkAgreement.objects.all(), widget=forms.HiddenInput
    )
    supplier = forms.ModelChoiceField(queryset=Supplier.objects.all(), widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput
    )
    shown_level = forms.CharField(widget=forms.HiddenInput)
    status_date = forms.DateField(widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    placement_support_consulted = forms.BooleanField(
        required=False, label=_("I have consulted IVO's Placeringsstöd")
    )
    placement_support_reading = forms.ChoiceField(
        required=False,
        label=_("Placeringsstöd showed"),
        choices=[("", "–"), *PlacementSupportReading.choices],
    )
    placement_support_note = forms.CharField(
        required=False,
        max_length=300,
        label=_("Note (no client data)"),
        help_text=_(
            "For example the supervision case's reference. Never anything about the client."
        ),
    )

    def clean(self):
        data = super().clean()
        unit, supplier = data.get("unit"), data.get("supplier")
        if unit and supplier and unit.supplier_id != supplier.pk:
            raise ValidationError(_("The unit must belong to the supplier."))
        return data
