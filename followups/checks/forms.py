"""Forms for recording checks; validation messages come from the model and the services."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups.checks.selectors import recordable_kinds
from followups.models import Check, CheckKind, CheckResult
from followups.models.checks import ALL_KIND_FIELDS, KIND_FIELDS
from suppliers.models import FrameworkAgreement
from uppfoljning.core.forms import DateInput, NoPersonalDataMixin

# Which fields a strategist fills in for each kind, in the order shown.
FORM_FIELDS = {
    CheckKind.IVO: [
        "unit",
        "agreement",
        "performed_on",
        "ivo_permit_status",
        "ivo_open_supervision",
        "result",
        "summary",
        "reference",
    ],
    CheckKind.CREDIT: [
        "agreement",
        "performed_on",
        "credit_rating",
        "payment_remarks",
        "tax_debt",
        "result",
        "summary",
        "reference",
    ],
    # Only the outcome and the registry reference: nothing else may be stored (GDPR art. 10).
    CheckKind.CRIMINAL_RECORD: [
        "representative",
        "agreement",
        "performed_on",
        "result",
        "reference",
    ],
    CheckKind.TAX: [
        "agreement",
        "performed_on",
        "f_tax",
        "vat_registered",
        "employer_registered",
        "result",
        "summary",
        "reference",
    ],
    CheckKind.OTHER: [
        "unit",
        "representative",
        "agreement",
        "performed_on",
        "result",
        "summary",
        "reference",
    ],
    CheckKind.INVOICE_SAMPLE: ["agreement", "performed_on", "result", "summary", "reference"],
}

CRIMINAL_RESULT_HELP = _(
    "No remark: no entries in the register. Remark or serious: entries that matter for the "
    "assignment. Write nothing about what the entries are."
)
CRIMINAL_REFERENCE_HELP = _("The registry reference of the extract (for example its case number).")


def _is_future(value) -> bool:
    return value is not None and value > timezone.localdate()


class CheckForm(NoPersonalDataMixin, forms.ModelForm):
    """One check of one supplier; the kind decides which fields are shown."""

    class Meta:
        model = Check
        fields = [
            "unit",
            "representative",
            "agreement",
            "performed_on",
            *ALL_KIND_FIELDS,
            "result",
            "summary",
            "reference",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, kind: str, supplier, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.supplier = supplier
        self.instance.kind = kind
        self.instance.supplier = supplier
        wanted = FORM_FIELDS[kind]
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self.order_fields(wanted)
        if "unit" in self.fields:
            self.fields["unit"].queryset = supplier.units.order_by("name")
            self.fields["unit"].help_text = _("Leave empty if the check concerns the supplier.")
        if "representative" in self.fields:
            self.fields["representative"].queryset = supplier.representatives.order_by("name")
        if kind == CheckKind.CRIMINAL_RECORD:
            self.fields["representative"].required = True
            self.fields["result"].label = _("Outcome")
            self.fields["result"].help_text = CRIMINAL_RESULT_HELP
            self.fields["reference"].label = _("Reference of the register extract")
            self.fields["reference"].help_text = CRIMINAL_REFERENCE_HELP
            self.fields["reference"].required = True
        self.fields["agreement"].queryset = FrameworkAgreement.objects.filter(
            contracts__supplier=supplier
        ).order_by("name")
        self.fields["performed_on"].widget = DateInput()
        if not self.instance.pk:
            self.fields["performed_on"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_performed_on(self):
        value = self.cleaned_data["performed_on"]
        if _is_future(value):
            raise forms.ValidationError(_("A check cannot be dated in the future."))
        return value

    def details(self) -> dict:
        """The kind's own fields, as the service takes them."""
        return {
            name: self.cleaned_data.get(name)
            for name in KIND_FIELDS.get(self.kind, ())
            if name in self.cleaned_data
        }


class CheckSupplierChoiceForm(forms.Form):
    """The first step when no supplier is given: which supplier was checked."""

    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=None, empty_label=_("Choose supplier")
    )

    def __init__(self, *args, **kwargs):
        from suppliers.models import Supplier

        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False


class BulkSetupForm(forms.Form):
    """Which agreement, which kind of check and when: decides the rows of the table."""

    agreement = forms.ModelChoiceField(
        label=_("Framework agreement"),
        queryset=FrameworkAgreement.objects.order_by("name"),
        empty_label=_("Choose agreement"),
    )
    kind = forms.ChoiceField(label=_("Kind of check"))
    performed_on = forms.DateField(label=_("Performed on"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose kind")), *recordable_kinds(user)]
        self.fields["performed_on"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_performed_on(self):
        value = self.cleaned_data["performed_on"]
        if _is_future(value):
            raise forms.ValidationError(_("A check cannot be dated in the future."))
        return value


class BulkRowForm(NoPersonalDataMixin, forms.Form):
    """One row of the table: one subject's result; a row left entirely empty is skipped."""

    subject = forms.CharField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", "–"), *CheckResult.choices]
    )
    summary = forms.CharField(label=_("Summary"), required=False)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)

    def __init__(self, *args, kind: str, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.subject_obj = subject
        for name in KIND_FIELDS.get(kind, ()):
            self.fields[name] = Check._meta.get_field(name).formfield(required=False)
        if kind == CheckKind.CRIMINAL_RECORD:
            del self.fields["summary"]
            self.fields["result"].label = _("Outcome")
            self.fields["reference"].label = _("Reference of the register extract")
        # Kind fields first, then the verdict, as a strategist reads the source.
        order = ["subject", *KIND_FIELDS.get(kind, ()), "result", "summary", "reference"]
        self.order_fields(order)

    @property
    def input_fields(self):
        return [f for f in self if f.name != "subject"]

    def is_left_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return all(data.get(name) in (None, "") for name in self.fields if name != "subject")

    def clean(self):
        data = super().clean()
        if not self.is_left_empty() and not data.get("result"):
            self.add_error("result", _("Choose a result, or leave the whole row empty to skip it."))
        reference = (data.get("reference") or "").strip()
        if self.kind == CheckKind.CRIMINAL_RECORD and not self.is_left_empty() and not reference:
            self.add_error("reference", _("Give the registry reference of the extract."))
        return data


class BaseBulkRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, kind: str, subjects, **kwargs):
        self.kind = kind
        self.subjects = subjects
        kwargs.setdefault("initial", [{"subject": s.key} for s in subjects])
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["kind"] = self.kind
        if index is not None and index < len(self.subjects):
            kwargs["subject"] = self.subjects[index]
        return kwargs

    def clean(self):
        super().clean()
        posted = [f.cleaned_data.get("subject") for f in self.forms if hasattr(f, "cleaned_data")]
        if posted != [s.key for s in self.subjects]:
            raise forms.ValidationError(
                _(
                    "The agreement's contracts changed after the table was opened. Nothing "
                    "was saved; open the table again."
                )
            )


BulkRowFormSet = forms.formset_factory(
    BulkRowForm, formset=BaseBulkRowFormSet, extra=0, max_num=5000, absolute_max=5000
)
