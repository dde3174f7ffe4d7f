"""The form kit every page uses: a date picker, the refusal of client personal identity
numbers in typed text, and forms crispy renders inside the page's own <form> tag (so one page
can hold several forms and its own buttons)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

from .personal_data import check_free_text


class DateInput(forms.DateInput):
    """The browser's date picker, in ISO dates (2024-12-20) whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NoPersonalDataMixin:
    """Refuses a personal identity or co-ordination number in every text field of the form,
    with a message naming the field, so no form can store client data by forgetting a check.

    Fields that hold such a number on purpose (a sole trader's organisation number is the
    owner's personal identity number) are named in `personal_data_exempt`, on the form or, for
    a model form, on the model, where `manage.py scan_personal_data` reads it too.
    """

    personal_data_exempt: tuple[str, ...] = ()

    def _personal_data_exempt(self) -> set[str]:
        model = getattr(getattr(self, "_meta", None), "model", None)
        return {*self.personal_data_exempt, *getattr(model, "personal_data_exempt", ())}

    def clean(self):
        cleaned = super().clean()
        exempt = self._personal_data_exempt()
        for name, field in self.fields.items():
            if name in exempt or not isinstance(field, forms.CharField):
                continue
            if name not in self.cleaned_data:
                continue  # already refused for another reason
            try:
                check_free_text(self.cleaned_data[name], str(field.label or pretty_name(name)))
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class _Crispy(NoPersonalDataMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()


class CrispyForm(_Crispy, forms.Form):
    """A plain form rendered by crispy without its own <form> tag; dates get a date picker;
    no text field takes a personal identity number."""


class CrispyModelForm(_Crispy, forms.ModelForm):
    """A model form rendered by crispy without its own <form> tag; dates get a date picker;
    no text field takes a personal identity number."""


class NoPersonalDataModelForm(NoPersonalDataMixin, forms.ModelForm):
    """A model form that refuses personal identity numbers and renders as Django's own; for
    the admin (`ModelAdmin.form`), which builds its forms from this class."""
