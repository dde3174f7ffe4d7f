"""Forms of the planning pages: the yearly plan (propose, choose the special follow-ups,
texts, focus, accept), the risk page (weights, a manual judgement) and the coverage filter."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups.cases.selectors import assessment_areas
from followups.models import AssessmentArea, FollowUpPlan, RiskFactor
from suppliers.models import Board, FrameworkAgreement, Supplier
from uppfoljning.core.forms import NoPersonalDataMixin

from . import proposal


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


class PlanProposeForm(forms.Form):
    board = forms.ModelChoiceField(label=_("Board"), queryset=Board.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    capacity = forms.IntegerField(
        label=_("Special follow-ups per year"),
        min_value=1,
        max_value=50,
        initial=3,
        help_text=FollowUpPlan._meta.get_field("capacity").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        boards = Board.objects.all()
        if len(boards) == 1:
            self.fields["board"].initial = boards[0]
        self.fields["year"].initial = timezone.localdate().year + 1


class PlanSelectionForm(forms.Form):
    """One checkbox per agreement and year of the plan (the plan's year and the next)."""

    def __init__(self, *args, plan: FollowUpPlan, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        names = []
        placed = {(e.agreement_id, e.year) for e in plan.entries.all()}
        for row in rows:
            cells = []
            for year in (plan.year, plan.year + 1):
                a = row.agreement
                if not proposal.in_force_during(a, year):
                    cells.append((year, None))
                    continue
                name = f"a{a.pk}_{year}"
                label = _("Special follow-up %(year)s: %(agreement)s") % {
                    "year": year,
                    "agreement": a.name,
                }
                self.fields[name] = forms.BooleanField(
                    label=label, required=False, initial=(a.pk, year) in placed
                )
                cells.append((year, name))
            names.append((row, cells))
        # (row, [(year, bound field or None)]) for the template's table.
        self.cells = [
            (row, [(year, self[name] if name else None) for year, name in cells])
            for row, cells in names
        ]

    def selected(self) -> set[tuple[int, int]]:
        result = set()
        for name, value in self.cleaned_data.items():
            if value:
                agreement_id, year = name[1:].split("_")
                result.add((int(agreement_id), int(year)))
        return result


class PlanTextsForm(NoPersonalDataMixin, forms.ModelForm):
    class Meta:
        model = FollowUpPlan
        fields = ["responsibility", "forms_of_followup", "responsible", "timetable", "feedback"]
        widgets = {f: forms.Textarea(attrs={"rows": 6}) for f in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        for field in self.fields.values():
            field.required = False
            field.help_text = _("Leave empty to use the text written from the data.")


class PlanEntryForm(NoPersonalDataMixin, forms.Form):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    focus = forms.CharField(
        label=_("Focus"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What else the follow-up should look at, for example evening visits."),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        ids = [a.pk for a in assessment_areas(entry.agreement)]
        self.fields["focus_areas"].queryset = AssessmentArea.objects.filter(pk__in=ids)
        self.fields["focus_areas"].initial = list(entry.focus_areas.all())
        self.fields["focus"].initial = entry.focus
        self.fields["reason"].initial = entry.reason


class PlanAcceptForm(NoPersonalDataMixin, forms.Form):
    deviation_reason = forms.CharField(
        label=_("Reason for the exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed only when the plan leaves an agreement whose period ends without a special "
            "follow-up."
        ),
    )


# --- The risk page ---------------------------------------------------------------------


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


class RiskJudgementForm(NoPersonalDataMixin, forms.Form):
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


# --- The coverage page -----------------------------------------------------------------

ALL = "all"


class CoverageFilterForm(forms.Form):
    """A year (the agreements in force in it, and those that ended the year before) or all.

    A plain GET form: it works without JavaScript and the choice stays in the address.
    """

    show = forms.ChoiceField(label=_("Agreements to show"), required=False)

    def __init__(self, *args, years: list[int], default_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_year = default_year
        field = self.fields["show"]
        field.choices = [
            (
                str(y),
                _("%(year)s: in force, or ended in %(previous)s") % {"year": y, "previous": y - 1},
            )
            for y in years
        ] + [(ALL, _("All agreements"))]
        field.initial = str(default_year)

    def selected_year(self) -> int | None:
        """The chosen year, None for all agreements; the default year when nothing (valid)
        was chosen."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data["show"]:
            return self.default_year
        show = self.cleaned_data["show"]
        return None if show == ALL else int(show)
