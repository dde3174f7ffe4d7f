"""Forms of the register; crispy renders them, models and services validate them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from uppfoljning.core.forms import CrispyForm, CrispyModelForm, DateInput

from .models import (
    Board,
    Contract,
    ContractEndReason,
    ContractStatus,
    Exclusion,
    ExclusionLiftReason,
    FrameworkAgreement,
    Purchase,
    Representative,
    Supplier,
    Unit,
)
from .services import register as register_services
from .validators import normalize_org_number


class BoardForm(CrispyModelForm):
    class Meta:
        model = Board
        fields = list(register_services.BOARD_FIELDS)


class AgreementForm(CrispyModelForm):
    class Meta:
        model = FrameworkAgreement
        fields = list(register_services.AGREEMENT_FIELDS)


class SupplierForm(CrispyModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Supplier
        fields = list(register_services.SUPPLIER_FIELDS)

    def clean_org_number(self):
        # Stored in one form (556677-8899) so that uniqueness and search see one number.
        return normalize_org_number(self.cleaned_data["org_number"])


class UnitForm(CrispyModelForm):
    class Meta:
        model = Unit
        fields = list(register_services.UNIT_FIELDS)


class RepresentativeForm(CrispyModelForm):
    class Meta:
        model = Representative
        fields = list(register_services.REPRESENTATIVE_FIELDS)


class ContractForm(CrispyModelForm):
    """Creating or editing a contract; ending it is a separate decision (ContractEndForm)."""

    class Meta:
        model = Contract
        fields = ["agreement", "supplier", "units", "rank", "start_date"]
        widgets = {"units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.select_related("supplier")
        if self.instance.pk:
            # Moving a contract to another supplier or agreement would rewrite history.
            self.fields["agreement"].disabled = True
            self.fields["supplier"].disabled = True
            self.fields["units"].queryset = self.instance.supplier.units.all()

    def clean(self):
        cleaned = super().clean()
        supplier = cleaned.get("supplier")
        units = cleaned.get("units")
        if supplier and units and any(u.supplier_id != supplier.pk for u in units):
            self.add_error("units", _("A contract can only serve the supplier's own units."))
        return cleaned


class ContractEndForm(CrispyForm):
    status = forms.ChoiceField(
        label=_("How the contract ends"),
        choices=[(s.value, s.label) for s in ContractStatus if s != ContractStatus.ACTIVE],
    )
    ended_on = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=ContractEndReason.choices)
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=50)
    note = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ExclusionForm(CrispyModelForm):
    class Meta:
        model = Exclusion
        fields = [
            "supplier",
            "contract",
            "reason",
            "description",
            "decided_by",
            "decided_on",
            "decision_reference",
            "start_date",
            "review_date",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = Contract.objects.select_related("agreement", "supplier")


class ExclusionLiftForm(CrispyForm):
    lifted_on = forms.DateField(label=_("Lifted from"), widget=DateInput())
    lift_reason = forms.ChoiceField(
        label=_("Reason category for lifting"),
        choices=[("", "---------"), *ExclusionLiftReason.choices],
    )
    lift_reference = forms.CharField(label=_("Decision reference"), max_length=50)
    # Required: the history must say why call-offs are allowed again.
    lift_note = forms.CharField(
        label=_("Reason for lifting"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PurchaseForm(CrispyModelForm):
    class Meta:
        model = Purchase
        fields = list(register_services.PURCHASE_FIELDS)
        error_messages = {
            "amount": {"min_value": _("The amount cannot be negative.")},
            "placements": {"min_value": _("The number of placements cannot be negative.")},
        }
