"""Forms for control rules, work items and control rounds."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups.models import CheckResult, ControlRule
from uppfoljning.core.forms import NoPersonalDataMixin
from uppfoljning.core.roles import STRATEGIST


class ControlRuleForm(NoPersonalDataMixin, forms.ModelForm):
    class Meta:
        model = ControlRule
        fields = [
            "name",
            "code",
            "kind",
            "interval_months",
            "lead_months",
            "grace_days",
            "agreements",
            "responsible",
            "active",
            "source",
        ]
        widgets = {"agreements": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = (
            get_user_model().objects.filter(groups__name=STRATEGIST, is_active=True).distinct()
        )
        if self.instance.pk:
            # Seeded rules are found by their code; it does not change once made.
            self.fields["code"].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class WorkItemStatusForm(NoPersonalDataMixin, forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when dismissing."),
    )


class RoundLineForm(NoPersonalDataMixin, forms.Form):
    """One line of a control round's table."""

    key = forms.CharField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("Not checked yet")), *CheckResult.choices],
    )
    performed_on = forms.DateField(
        label=_("Checked on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("result") and not data.get("performed_on"):
            data["performed_on"] = timezone.localdate()
        return data


RoundFormSet = forms.formset_factory(RoundLineForm, extra=0)
