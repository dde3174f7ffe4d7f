"""Forms of the documents: create a yearly report, edit its texts."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups.models import FollowUp, FollowUpPlan, PlanStatus
from suppliers.models import Board, Supplier
from uppfoljning.core.forms import DateInput, NoPersonalDataMixin

from .models import ReportKind
from .sections import SECTIONS_BY_KIND


class AnnualReportCreateForm(NoPersonalDataMixin, forms.Form):
    board = forms.ModelChoiceField(label=_("Board"), queryset=Board.objects.all())
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("For a May–April board: the year the period ends."),
    )
    registry_reference = forms.CharField(
        label=_("Registry reference"), max_length=50, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        boards = Board.objects.all()
        if len(boards) == 1:
            self.fields["board"].initial = boards[0]
        self.fields["year"].initial = timezone.localdate().year - 1


class PlanDocumentCreateForm(NoPersonalDataMixin, forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Follow-up plan"),
        queryset=FollowUpPlan.objects.filter(status=PlanStatus.ACCEPTED).select_related("board"),
        help_text=_("Only an accepted plan is presented to the board."),
    )
    registry_reference = forms.CharField(
        label=_("Registry reference"), max_length=50, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ReportEditForm(NoPersonalDataMixin, forms.Form):
    """Title, reference, date and one text per narrative section, prefilled with what the
    report says now (the strategist's edit or the default written from the data)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    registry_reference = forms.CharField(
        label=_("Registry reference"), max_length=50, required=False
    )
    document_date = forms.DateField(label=_("Document date"), widget=DateInput())

    def __init__(self, *args, report, texts: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        shown = self.shown_values(report, texts)
        self.fields["title"].initial = shown["title"]
        self.fields["registry_reference"].initial = shown["registry_reference"]
        self.fields["document_date"].initial = shown["document_date"]
        self.section_keys = []
        for section in SECTIONS_BY_KIND.get(report.kind, []):
            name = f"section_{section.key}"
            self.fields[name] = forms.CharField(
                label=section.label,
                required=False,
                initial=shown[name],
                widget=forms.Textarea(attrs={"rows": section.rows}),
                help_text=_("Leave empty to use the text written from the data."),
            )
            self.section_keys.append(section.key)

    @staticmethod
    def shown_values(report, texts: dict) -> dict:
        """What the form shows of the report (field name -> value), and so the version it
        is saved against: each text as the reader sees it, the stored edit or the text
        written from the data (report_context's sections)."""
        return {
            "title": report.title,
            "registry_reference": report.registry_reference,
            "document_date": report.document_date,
            **{
                f"section_{section.key}": texts.get(section.key, "")
                for section in SECTIONS_BY_KIND.get(report.kind, [])
            },
        }

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"section_{key}", "") for key in self.section_keys}


class FollowupDocumentCreateForm(NoPersonalDataMixin, forms.Form):
    followup = forms.ModelChoiceField(label=_("Follow-up"), queryset=FollowUp.objects.none())
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[
            (ReportKind.FOLLOWUP, ReportKind.FOLLOWUP.label),
            (ReportKind.FEEDBACK, ReportKind.FEEDBACK.label),
        ],
    )
    supplier = forms.ModelChoiceField(
        label=_("Supplier"),
        queryset=Supplier.objects.all(),
        required=False,
        help_text=_("For a feedback letter: the supplier it is addressed to."),
    )
    registry_reference = forms.CharField(
        label=_("Registry reference"), max_length=50, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["followup"].queryset = FollowUp.objects.select_related("agreement").order_by(
            "-started_on", "-pk"
        )
        followup_id = self.data.get("followup") or self.initial.get("followup")
        if followup_id:
            self.fields["supplier"].queryset = Supplier.objects.filter(
                followups__pk=followup_id
            ).order_by("name")
