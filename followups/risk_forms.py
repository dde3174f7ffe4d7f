"""Forms of the risk page: the weights, and a manual judgement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from suppliers.models import FrameworkAgreement, Supplier

from .models import RiskFactor


class RiskWeightsForm(forms.Form):
    def __init__(self, *args, weights: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in RiskFactor.choices:
            self.fields[code] = forms.DecimalField(
                label=label,
                min_value=0,
                max_digits=6,
                decimal_places=2,
                initial=weights.get(code),
                # A factor left empty keeps its weight.
                required=False,
                localize=True,
            )


class RiskJudgementForm(forms.Form):
    agreement = forms.ModelChoiceField(
        FrameworkAgreement.objects.order_by("name"),
        label=_("Framework agreement"),
        required=False,
    )
    supplier = forms.ModelChoiceField(
        Supplier.objects.order_by("name"), label=_("Supplier"), required=False
    )
    points = forms.IntegerField(
        label=_("Adjustment (points)"),
        help_text=_("Positive raises the risk, negative lowers it."),
    )
    # Required here and in the service and the database: a judgement without why is noise.
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if bool(data.get("agreement")) == bool(data.get("supplier")):
            raise forms.ValidationError(_("Choose either an agreement or a supplier."))
        return data
