"""Forms of the yearly plan: propose, choose the special follow-ups, texts, focus, accept."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups import planning
from followups.cases.selectors import assessment_areas
from followups.models import AssessmentArea, FollowUpPlan
from suppliers.models import Board


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
                if not planning.in_force_during(a, year):
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


class PlanTextsForm(forms.ModelForm):
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


class PlanEntryForm(forms.Form):
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


class PlanAcceptForm(forms.Form):
    deviation_reason = forms.CharField(
        label=_("Reason for the exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed only when the plan leaves an agreement whose period ends without a special "
            "follow-up."
        ),
    )
